/*
 * Hostile input over every route of the portal's own backend plugins
 * (sync-waves, api-status, ingestion, karpenter), through the real backends
 * (catalog with the base-platform provider, permission with the portal's
 * policy, Roadie's ArgoCD backend) against the platform sandbox and a real
 * Prometheus; the Kubernetes proxy is a stand-in (see kubernetesProxyStandIn). The routes are read from
 * the routers the plugins mount; each is first answered with valid values
 * (taken from the catalog and the sandbox) and then sent malformed path
 * parameters, queries and bodies: `..` and encoded traversals, unicode
 * look-alikes, very long strings, broken percent-encodings, wrong types,
 * arrays and objects where a string belongs, missing and polluting fields.
 * Every answer must be a 2xx, or a 4xx with a reason; never a 5xx. Afterwards
 * each route still answers its valid request as before, and nothing polluted
 * Object.prototype. The test prints the requests it sent per route.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  createSandbox,
  loadPlatform,
  roadieArgoCdConfig,
  sandboxKubernetesConfig,
  Sandbox,
  startPrometheus,
  TestPrometheus,
} from '@internal/platform-sandbox';
import apiStatusPlugin from '@internal/plugin-api-status-backend';
import catalogModuleBasePlatform from '@internal/plugin-catalog-backend-module-base-platform';
import ingestionPlugin from '@internal/plugin-ingestion-backend';
import karpenterPlugin from '@internal/plugin-karpenter-backend';
import permissionModuleBasePolicy from '@internal/plugin-permission-backend-module-base-policy';
import syncWavesPlugin from '@internal/plugin-sync-waves-backend';
import argocdPlugin from '@roadiehq/backstage-plugin-argo-cd-backend';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import {
  ANNOTATION_MODULE,
  ANNOTATION_THROUGHPUT_TARGET,
} from '@internal/plugin-base-platform-common';
import { kubernetesProxyStandIn } from './__testUtils__/kubernetesProxyStandIn';
import { portalPriceTable } from './__testUtils__/prices';
import {
  groupsUserInfo,
  onBehalfOfAuth,
  until,
} from './__testUtils__/recording';
import {
  fill,
  paramsOf,
  pluginRoutes,
  recordMounts,
  Route,
} from './__testUtils__/routes';

jest.setTimeout(300_000);

const mounted = recordMounts();

const ROOT = path.resolve(__dirname, '../../..');
const PLUGINS = ['sync-waves', 'api-status', 'ingestion', 'karpenter'];
const ALICE = 'user:default/alice.ivanova'; // platform-team: refused nothing
const BORIS = 'user:default/boris.petrov'; // an ordinary engineer
const GROUPS: Record<string, string[]> = {
  [ALICE]: ['group:default/platform-team'],
  [BORIS]: ['group:default/data-foundation-team'],
};

/** Path parameter values no route should choke on (already URL-encoded). */
const HOSTILE_PARAMS: Record<string, string> = {
  dotdot: '..',
  'encoded traversal': '..%2F..%2Fetc%2Fpasswd',
  'double-encoded traversal': '%252e%252e%252f',
  'Cyrillic look-alike': encodeURIComponent('bаse-data-ingestion'), // а is U+0430
  fullwidth: encodeURIComponent('ｂａｓｅ'),
  'right-to-left override': encodeURIComponent('base\u202Eevil'),
  'NUL byte': 'base%00',
  'broken percent-encoding': '%E0%A4%A',
  'bare percent': '%',
  'very long': 'a'.repeat(8000),
  'very long unicode': encodeURIComponent('ж'.repeat(2000)),
  emoji: encodeURIComponent('💥'),
  'SQL quote': encodeURIComponent("x' OR '1'='1"),
  'prototype key': '__proto__',
  constructor: 'constructor',
  'a number': '-1',
  'a space': '%20',
  'JSON text': encodeURIComponent('{"a":1}'),
};

/** Query strings no route should choke on; `K` stands for each key the router reads. */
const HOSTILE_QUERIES: Record<string, string> = {
  'array where a string belongs': 'K[]=a&K[]=b',
  'repeated key': 'K=a&K=b',
  'object where a string belongs': 'K[a]=b',
  'deep object': `K${'[a]'.repeat(30)}=b`,
  'prototype pollution': '__proto__[polluted]=1&K[__proto__][polluted]=1',
  'very long value': `K=${'a'.repeat(8000)}`,
  'broken percent-encoding': 'K=%E0%A4%A',
  'empty value': 'K=',
  traversal: 'K=..%2F..%2Fetc',
  'look-alike': `K=${encodeURIComponent('bаse')}`,
  'many keys': Array.from({ length: 500 }, (_, i) => `k${i}=${i}`).join('&'),
};

/** Bodies for the routes that take one: [content-type, raw body]. */
const HOSTILE_BODIES: Record<string, [string, string]> = {
  'not JSON': ['application/json', '{"dryRun": tru'],
  'a JSON array': ['application/json', '[1,2,3]'],
  'JSON null': ['application/json', 'null'],
  'a JSON string': ['application/json', '"sync"'],
  'a JSON number': ['application/json', '42'],
  'wrong types': [
    'application/json',
    '{"dryRun":"yes","prune":[],"resources":"all","revision":{"a":1}}',
  ],
  'prototype pollution': [
    'application/json',
    '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}}}',
  ],
  'deeply nested': [
    'application/json',
    `${'['.repeat(5000)}${']'.repeat(5000)}`,
  ],
  'very large (2 MB)': [
    'application/json',
    JSON.stringify({ revision: 'a'.repeat(2 * 1024 * 1024) }),
  ],
  'not JSON, as text': ['text/plain', 'sync everything'],
  'form-encoded': ['application/x-www-form-urlencoded', 'dryRun=1&prune[]=x'],
  'wrong charset': ['application/json; charset=utf-7', '{}'],
  empty: ['application/json', ''],
};

/** The query keys a router reads: `req.query.x` and the keys of its zod query schemas. */
function queryKeys(plugin: string): string[] {
  const source = fs.readFileSync(
    path.join(ROOT, 'plugins', `${plugin}-backend/src/router.ts`),
    'utf8',
  );
  const keys = new Set<string>();
  for (const m of source.matchAll(/req\.query\.([A-Za-z0-9_]+)/g)) {
    keys.add(m[1]);
  }
  for (const m of source.matchAll(/Query\s*=\s*z\s*\.object\(\{([^}]*)\}/g)) {
    for (const k of m[1].matchAll(/([A-Za-z0-9_]+)\s*:/g)) keys.add(k[1]);
  }
  return [...keys];
}

describe('hostile input to every route of the portal’s own plugins', () => {
  let server: any;
  let sandbox: Sandbox;
  let prometheus: TestPrometheus;
  /** Valid values per parameter name, the ones a route is tried with first. */
  const candidates: Record<string, string[]> = {};

  beforeAll(async () => {
    const platformDir = path.join(ROOT, 'examples/base-platform');
    const platform = await loadPlatform(platformDir);
    sandbox = await createSandbox({
      platform,
      ports: { control: 0, base: 0, platform: 0, argocd: 0, metrics: 0 },
    });
    prometheus = await startPrometheus({
      metricsUrl: sandbox.urls.metrics,
      intervalSeconds: 2,
      ruleWindow: '20s',
    });
    const control = new URL(sandbox.urls.control);
    const tools = parse(
      fs.readFileSync(path.join(ROOT, 'config/platform-tools.yaml'), 'utf8'),
    );
    ({ server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleBasePlatform,
        permissionPlugin,
        permissionModuleBasePolicy,
        argocdPlugin,
        syncWavesPlugin,
        apiStatusPlugin,
        ingestionPlugin,
        karpenterPlugin,
        kubernetesProxyStandIn({
          'base-app-layer-dev': sandbox.urls.base,
          'platform-app-layer-dev': sandbox.urls.platform,
        }),
        onBehalfOfAuth,
        // the real scheduler: the provider reads the tree as in production
        schedulerServiceFactory,
        groupsUserInfo(GROUPS),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            base: { tools },
            catalog: {
              providers: {
                basePlatform: {
                  directory: platformDir,
                  schedule: {
                    frequency: { minutes: 30 },
                    timeout: { minutes: 2 },
                    initialDelay: { seconds: 0 },
                  },
                },
              },
            },
            argocd: roadieArgoCdConfig(sandbox.urls.argocd),
            kubernetes: sandboxKubernetesConfig({
              'base-app-layer-dev': sandbox.urls.base,
              'platform-app-layer-dev': sandbox.urls.platform,
            }),
            apiStatus: {
              intervalSeconds: 3600,
              toolHealthUrls: Object.fromEntries(
                tools.map((t: { id: string; healthUrl: string }) => {
                  const u = new URL(t.healthUrl);
                  return [
                    t.id,
                    `${control.origin}/tools/${t.id}${u.pathname}${u.search}`,
                  ];
                }),
              ),
            },
            ingestion: {
              prometheus: { baseUrl: prometheus.url, timeoutSeconds: 5 },
              recordingRules: false,
              rateWindow: '20s',
            },
            // the cost routes answer (spot nodes without a feed: unpriced)
            karpenter: { prices: portalPriceTable() },
          },
        }),
      ],
    }));

    // valid values, from the catalog the provider filled and the sandbox
    const query = async (filter: string) => {
      const res = await request(server)
        .get(`/api/catalog/entities/by-query?limit=3&filter=${filter}`)
        .set('authorization', mockCredentials.service.header());
      return (res.body.items ?? []) as Array<{ metadata: { name: string } }>;
    };
    const agents = await until('the catalog’s ingestion agents', async () => {
      const items = await query(
        `kind=component,metadata.annotations.${ANNOTATION_THROUGHPUT_TARGET}`,
      );
      return items.length ? items : undefined;
    });
    const systems = await query(
      `kind=system,metadata.annotations.${ANNOTATION_MODULE}`,
    );
    const objects = sandbox.objects();
    candidates.namespace = [
      'default',
      ...new Set(
        objects.applications.map(a => a.spec?.destination?.namespace as string),
      ),
    ].filter(Boolean);
    candidates.name = [
      ...agents.map(e => e.metadata.name),
      ...systems.map(e => e.metadata.name),
      ...objects.applications.slice(0, 2).map(a => a.metadata.name as string),
    ];
    // the clusters and node pools, as the Capacity page lists them
    const get = (url: string) =>
      request(server)
        .get(url)
        .set('authorization', mockCredentials.user.header(ALICE));
    candidates.cluster = (await get('/api/karpenter/clusters')).body.clusters;
    candidates.pool = (
      await get(`/api/karpenter/clusters/${candidates.cluster[0]}`)
    ).body.pools.map((p: { name: string }) => p.name);
    const missing = Object.entries(candidates).filter(([, v]) => !v.length);
    if (missing.length) {
      throw new Error(`no valid ${missing.map(([k]) => k).join(', ')} found`);
    }
  });

  afterAll(async () => {
    await prometheus?.stop();
    await sandbox?.stop();
  });

  const send = (
    user: string,
    method: string,
    url: string,
    body?: [string, string],
  ) => {
    let req = (request(server) as any)
      [method](url)
      .set('authorization', mockCredentials.user.header(user));
    if (body) req = req.set('content-type', body[0]).send(body[1]);
    return req.then((res: any) => res);
  };

  const found = new Map<string, Record<string, string>>();

  /**
   * The first filling of a route's parameters its router answers with a 2xx;
   * for a write, the filling of the read it extends (POST /a/:name/sync, GET
   * /a/:name), so no write is sent to find one.
   */
  async function validFilling(
    route: Route,
  ): Promise<Record<string, string> | undefined> {
    if (route.method !== 'get') {
      const read = [...found.keys()]
        .filter(p => route.path.startsWith(p))
        .sort((a, b) => b.length - a.length)[0];
      return read ? found.get(read) : undefined;
    }
    const names = paramsOf(route.path);
    let fillings: Array<Record<string, string>> = [{}];
    for (const name of names) {
      fillings = fillings.flatMap(f =>
        (candidates[name] ?? ['x']).map(v => ({ ...f, [name]: v })),
      );
    }
    for (const filling of fillings) {
      const res = await send(ALICE, 'get', fill(route.path, filling));
      if (res.status >= 200 && res.status < 300) {
        found.set(route.path, filling);
        return filling;
      }
    }
    return undefined;
  }

  it('never answers 5xx, and keeps serving', async () => {
    // reads first, so each write finds the filling of its read
    // (not the routes Backstage's libraries add to every plugin: the
    // service-key JWKS under /.backstage and the permission integration
    // under /.well-known/backstage)
    const routes = pluginRoutes(mounted, PLUGINS)
      .filter(r => !/\/\.(backstage|well-known)\//.test(r.path))
      .sort((a, b) => Number(a.method !== 'get') - Number(b.method !== 'get'));
    expect(routes.length).toBeGreaterThanOrEqual(12);

    const failures: string[] = [];
    const unreasoned: string[] = [];
    const sent: Record<string, Record<number, number>> = {};
    const count = (key: string, status: number) => {
      sent[key] = sent[key] ?? {};
      sent[key][status] = (sent[key][status] ?? 0) + 1;
    };
    const valid: Record<string, string> = {};
    const unreached: string[] = [];

    for (const route of routes) {
      const key = `${route.method.toUpperCase()} ${route.path}`;
      const plugin = PLUGINS.find(p => route.path.startsWith(`/api/${p}/`))!;
      const filling = await validFilling(route);
      if (!filling) unreached.push(key);
      const base = filling ?? {};
      const validUrl = fill(route.path, n => base[n] ?? 'x');
      if (route.method === 'get') valid[key] = validUrl;

      const urls: string[] = [];
      // each parameter hostile in turn, the others valid
      for (const name of paramsOf(route.path)) {
        for (const value of Object.values(HOSTILE_PARAMS)) {
          urls.push(fill(route.path, n => (n === name ? value : base[n])));
        }
      }
      // hostile queries on the valid path, for each key the router reads
      const keys = queryKeys(plugin);
      for (const template of Object.values(HOSTILE_QUERIES)) {
        for (const k of keys.length ? keys : ['q']) {
          urls.push(`${validUrl}?${template.replace(/\bK\b/g, k)}`);
          if (!template.includes('K')) break;
        }
      }
      const bodies =
        route.method === 'get' ? [undefined] : Object.values(HOSTILE_BODIES);
      for (const user of [ALICE, BORIS]) {
        for (const url of urls) {
          for (const body of bodies) {
            const res = await send(user, route.method, url, body);
            count(key, res.status);
            const what = `${
              res.status
            } ${route.method.toUpperCase()} ${url.slice(0, 120)}${
              body ? ` (${body[1].slice(0, 30)})` : ''
            }`;
            if (res.status >= 500)
              failures.push(`${what}: ${res.text.slice(0, 200)}`);
            else if (res.status >= 400 && !res.body?.error?.message) {
              unreasoned.push(what);
            }
          }
        }
        // the valid path with every hostile body (the writes)
        if (route.method !== 'get') {
          for (const body of Object.values(HOSTILE_BODIES)) {
            const res = await send(user, route.method, validUrl, body);
            count(key, res.status);
            const what = `${
              res.status
            } ${route.method.toUpperCase()} ${validUrl} (${body[1].slice(
              0,
              30,
            )})`;
            if (res.status >= 500)
              failures.push(`${what}: ${res.text.slice(0, 200)}`);
            else if (res.status >= 400 && !res.body?.error?.message) {
              unreasoned.push(what);
            }
          }
        }
      }
    }

    // the report: requests per route
    const sum = (o: Record<number, number>) =>
      Object.values(o).reduce((a, b) => a + b, 0);
    const total = Object.values(sent)
      .map(sum)
      .reduce((a, b) => a + b, 0);
    // eslint-disable-next-line no-console
    console.log(
      [
        `hostile input: ${total} requests to ${routes.length} routes, ${failures.length} answered 5xx`,
        ...Object.entries(sent).map(
          ([k, by]) =>
            `  ${String(sum(by)).padStart(5)}  ${k.padEnd(52)} ${Object.entries(
              by,
            )
              .map(([status, n]) => `${status}×${n}`)
              .join(' ')}`,
        ),
      ].join('\n'),
    );

    expect(failures.slice(0, 30)).toEqual([]);
    expect(unreasoned.slice(0, 30)).toEqual([]);
    // every route was reached with valid input, so the hostile variants hit
    // the code behind the parameters rather than a 404 in front of it
    expect(unreached).toEqual([]);
    expect(({} as any).polluted).toBeUndefined();
    // and the backend keeps serving: every valid request still answers 2xx
    for (const [key, url] of Object.entries(valid)) {
      const res = await send(ALICE, 'get', url);
      expect([key, res.status]).toEqual([key, 200]);
    }
  });
});
