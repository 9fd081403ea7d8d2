/*
 * A request without a token to every route of the portal's plugins, the
 * catalog, the scaffolder and the proxy gets 401. The routes are read from
 * the routers the plugins mount (express router stacks), so a new route is
 * covered without touching this test.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { DefaultRootHttpRouter } from '@backstage/backend-defaults/rootHttpRouter';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import proxyPlugin from '@backstage/plugin-proxy-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import apiStatusPlugin from '@internal/plugin-api-status-backend';
import ingestionPlugin from '@internal/plugin-ingestion-backend';
import karpenterPlugin from '@internal/plugin-karpenter-backend';
import syncWavesPlugin from '@internal/plugin-sync-waves-backend';
import scaffolderModuleBase from '@internal/plugin-scaffolder-backend-module-base';
import request from 'supertest';

jest.setTimeout(60_000);

/** Everything mounted on the root router, as (path, handler). */
const mounted: Array<[string, any]> = [];
const use = DefaultRootHttpRouter.prototype.use;
DefaultRootHttpRouter.prototype.use = function record(path, handler) {
  mounted.push([path, handler]);
  return use.call(this, path, handler);
};

/** The path an express 4 layer is mounted at, from its regexp. */
function prefixOf(layer: any): string {
  const source: string = layer.regexp?.source ?? '';
  if (layer.regexp?.fast_slash || source === '^\\/?(?=\\/|$)') return '';
  return source
    .replace(/^\^/, '')
    .replace(/\\\/\?\(\?=\\\/\|\$\)$/i, '')
    .replace(/\(\?:\\\/\(\[\^\\\/\]\+\?\)\)/g, '/x')
    .replace(/\\\//g, '/');
}

/** Every (method, path) of a router, depth first; `:params` and `*` filled in. */
function routesOf(handler: any, prefix = ''): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const layer of handler?.stack ?? []) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path)
        ? layer.route.path
        : [layer.route.path];
      for (const p of paths.filter((x: unknown) => typeof x === 'string')) {
        const path = `${prefix}${p}`
          .replace(/:[A-Za-z0-9_]+(\([^)]*\))?\??/g, 'x')
          .replace(/\*/g, 'x');
        for (const method of Object.keys(layer.route.methods)) {
          if (method !== '_all') out.push([method, path]);
        }
      }
    } else if (layer.handle?.stack) {
      out.push(...routesOf(layer.handle, `${prefix}${prefixOf(layer)}`));
    }
  }
  return out;
}

describe('every route needs a token', () => {
  let server: any;
  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        catalogPlugin,
        scaffolderPlugin,
        scaffolderModuleBase,
        proxyPlugin,
        syncWavesPlugin,
        apiStatusPlugin,
        ingestionPlugin,
        karpenterPlugin,
        mockServices.rootConfig.factory({
          data: {
            proxy: {
              endpoints: { '/example': { target: 'http://127.0.0.1:1' } },
            },
            ingestion: { prometheus: { baseUrl: 'http://127.0.0.1:1' } },
            kubernetes: {
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    { name: 'base-app-layer-dev', url: 'http://127.0.0.1:1' },
                  ],
                },
              ],
            },
          },
        }),
      ],
    }));
  });

  const PLUGINS = [
    'catalog',
    'scaffolder',
    'proxy',
    'sync-waves',
    'api-status',
    'ingestion',
    'karpenter',
  ];

  it('finds the routes of each plugin in its router', () => {
    for (const plugin of PLUGINS) {
      const routes = mounted
        .filter(([path]) => path === `/api/${plugin}`)
        .flatMap(([path, handler]) => routesOf(handler, path));
      expect([plugin, routes.length > 0]).toEqual([plugin, true]);
    }
  });

  it('answers 401 to each without a token', async () => {
    const routes = mounted
      .filter(([path]) => PLUGINS.some(p => path === `/api/${p}`))
      .flatMap(([path, handler]) => routesOf(handler, path));
    // the proxy's endpoints are matched by prefix, not by route
    routes.push(['get', '/api/proxy/example/anything']);
    // public by design, and only this: the keys other backends check this
    // plugin's service tokens with (the framework's JWKS route)
    const PUBLIC = /^\/api\/[a-z-]+\/\.backstage\/auth\/v1\/jwks\.json$/;
    const answers: string[] = [];
    for (const [method, path] of routes.filter(([, p]) => !PUBLIC.test(p))) {
      const res = await (request(server) as any)
        [method](path)
        .set('authorization', mockCredentials.none.header())
        .send(method === 'get' || method === 'head' ? undefined : {});
      answers.push(`${res.status} ${method.toUpperCase()} ${path}`);
    }
    expect(answers.filter(a => !a.startsWith('401 '))).toEqual([]);
    // and there are many of them
    expect(answers.length).toBeGreaterThan(40);
  });
});
