/*
 * The policy's refusals through the real backends: catalog, permission with
 * the portal's policy, Roadie's ArgoCD backend behind the read-only module,
 * sync-waves, Kubernetes, against the platform sandbox's ArgoCD and cluster.
 * An ordinary person (boris.petrov of data-foundation-team, owner of one
 * module, not platform-team) is refused every ArgoCD write through
 * /api/argocd (the sandbox's ArgoCD sees none of them), may sync only his own
 * module through the portal's Sync, is refused the Kubernetes proxy and
 * location create/delete; platform-team may do each (the proxy: in the e2e
 * run); every refusal and every Sync is in the audit log. Templates are
 * accepted only from the portal's templates location (the catalog rules of
 * app-config.yaml).
 */
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { mockServices } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  createSandbox,
  loadPlatform,
  roadieArgoCdConfig,
  sandboxKubernetesConfig,
  Sandbox,
} from '@internal/platform-sandbox';
import permissionModuleBasePolicy from '@internal/plugin-permission-backend-module-base-policy';
import syncWavesPlugin from '@internal/plugin-sync-waves-backend';
import argocdPlugin from '@roadiehq/backstage-plugin-argo-cd-backend';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { argocdReadOnlyModule } from './modules/argocdReadOnly';
import {
  groupsUserInfo,
  onBehalfOfAuth,
  Recorded,
  recordingAuditor,
  until,
} from './__testUtils__/recording';

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');
const ALICE = 'user:default/alice.ivanova'; // platform-team
const BORIS = 'user:default/boris.petrov'; // data-foundation-team
const GROUPS: Record<string, string[]> = {
  [ALICE]: ['group:default/platform-team'],
  [BORIS]: ['group:default/data-foundation-team'],
};
const CLUSTER = 'base-app-layer-dev';

const events: Recorded[] = [];

/** The catalog rules and template locations exactly as app-config.yaml has them. */
function developmentCatalog() {
  const { catalog } = parse(
    fs.readFileSync(path.join(ROOT, 'app-config.yaml'), 'utf8'),
  );
  const backendDir = path.join(ROOT, 'packages/backend');
  const templates = catalog.locations
    .filter((l: any) => /templates\//.test(l.target))
    .map((l: any) => ({ ...l, target: path.resolve(backendDir, l.target) }));
  return { rules: catalog.rules, templates };
}

function fixtures(dir: string, apps: { own: string; other: string }) {
  const org = path.join(dir, 'org.yaml');
  fs.writeFileSync(
    org,
    ['platform-team', 'data-foundation-team', 'processing-analytics-team']
      .map(
        name => `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: ${name} }
spec: { type: team, children: [] }
`,
      )
      .join('---\n'),
  );
  const modules = path.join(dir, 'modules.yaml');
  fs.writeFileSync(
    modules,
    `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: base-own
  annotations: { argocd/app-name: ${apps.own} }
spec: { owner: group:default/data-foundation-team }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: base-other
  annotations: { argocd/app-name: ${apps.other} }
spec: { owner: group:default/processing-analytics-team }
`,
  );
  // a Template from somewhere else than the portal's templates location,
  // served over HTTP, and a Component beside it
  const foreign = path.join(dir, 'served');
  fs.mkdirSync(foreign);
  fs.writeFileSync(
    path.join(foreign, 'foreign-component.yaml'),
    `apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: foreign-component }
spec: { type: service, lifecycle: production, owner: group:default/platform-team }
`,
  );
  fs.writeFileSync(
    path.join(foreign, 'foreign-template.yaml'),
    `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata: { name: foreign-template }
spec:
  owner: group:default/platform-team
  type: service
  steps:
    - id: publish
      action: publish:github
      input: { repoUrl: github.com?owner=o&repo=r }
`,
  );
  return { org, modules, foreign };
}

/** Serves the files of `dir` on an OS-assigned loopback port. */
async function serve(
  dir: string,
): Promise<{ url: string; server: http.Server }> {
  const server = http.createServer((req, res) => {
    const file = path.join(dir, path.basename(req.url ?? ''));
    if (!fs.existsSync(file)) return res.writeHead(404).end();
    return res
      .writeHead(200, { 'content-type': 'text/yaml' })
      .end(fs.readFileSync(file));
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, server };
}

describe('security: the policy through the real backends', () => {
  let server: any;
  let sandbox: Sandbox;
  let apps: { own: string; other: string };
  let foreignServer: http.Server;
  let foreignUrl: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'security-'));

  /** What the sandbox's ArgoCD was asked to change (anything but reads and sign-in). */
  const argocdMutations = () =>
    Object.entries(sandbox.requests.snapshot().argocd?.byPath ?? {})
      .filter(([key]) => !/^GET /.test(key) && key !== 'POST /api/v1/session')
      .map(([key, n]) => `${key} ×${n}`);

  beforeAll(async () => {
    sandbox = await createSandbox({
      platform: await loadPlatform(path.join(ROOT, 'examples/base-platform')),
      ports: { control: 0, base: 0, platform: 0, argocd: 0, metrics: 0 },
    });
    const names = sandbox
      .objects()
      .applications.map(a => a.metadata.name as string)
      .sort();
    apps = { own: names[0], other: names[1] };
    const files = fixtures(dir, apps);
    const served = await serve(files.foreign);
    foreignServer = served.server;
    foreignUrl = served.url;
    const { rules, templates } = developmentCatalog();
    ({ server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleScaffolderEntityModel,
        permissionPlugin,
        permissionModuleBasePolicy,
        argocdPlugin,
        argocdReadOnlyModule,
        syncWavesPlugin,
        kubernetesPlugin,
        recordingAuditor(events),
        onBehalfOfAuth,
        groupsUserInfo(GROUPS),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            backend: {
              reading: { allow: [{ host: new URL(foreignUrl).host }] },
            },
            catalog: {
              rules,
              locations: [
                {
                  type: 'file',
                  target: files.org,
                  rules: [{ allow: ['Group', 'User'] }],
                },
                { type: 'file', target: files.modules },
                ...templates,
              ],
            },
            argocd: roadieArgoCdConfig(sandbox.urls.argocd),
            kubernetes: sandboxKubernetesConfig({
              [CLUSTER]: sandbox.urls.base,
            }),
          },
        }),
      ],
    }));
    await Promise.all(
      [
        'system/default/base-own',
        'system/default/base-other',
        'template/default/base-component',
      ].map(ref =>
        until(ref, async () => {
          const res = await request(server)
            .get(`/api/catalog/entities/by-name/${ref}`)
            .set('authorization', mockCredentials.service.header());
          return res.status === 200 ? true : undefined;
        }),
      ),
    );
  });
  afterAll(async () => {
    await sandbox?.stop();
    foreignServer?.close();
  });

  const as = (user: string) => mockCredentials.user.header(user);

  describe("Roadie's ArgoCD backend is read-only", () => {
    const writes: Array<[string, string, object?]> = [
      ['post', '/api/argocd/sync', { appSelector: 'x' }],
      [
        'post',
        '/api/argocd/createArgo',
        { clusterName: 'argocd', appName: 'x', projectName: 'x' },
      ],
      ['put', '/api/argocd/updateArgo/x', { clusterName: 'argocd' }],
      ['delete', '/api/argocd/argoInstance/argocd/applications/APP'],
      ['delete', '/api/argocd/argoInstance/argocd/applications/APP/operation'],
      ['patch', '/api/argocd/argoInstance/argocd/applications/APP'],
    ];

    it.each([
      ['an ordinary person', BORIS],
      ['platform-team', ALICE],
    ])(
      'refuses every write to %s, forwards none and audits each',
      async (_who, user) => {
        for (const [method, url, body] of writes) {
          const path_ = url.replace('APP', apps.own);
          const res = await (request(server) as any)
            [method](path_)
            .set('authorization', as(user))
            .send(body ?? {});
          expect({ method, url, status: res.status }).toEqual({
            method,
            url,
            status: 403,
          });
          expect(res.body.error.message).toMatch(/reads ArgoCD only/);
        }
        expect(argocdMutations()).toEqual([]);
        const refused = events.filter(
          e =>
            e.plugin === 'argocd' &&
            e.eventId === 'argocd-write-refused' &&
            e.status === 'failed' &&
            e.actor === user,
        );
        expect(refused).toHaveLength(writes.length);
      },
    );

    it('still forwards reads', async () => {
      const res = await request(server)
        .get(`/api/argocd/argoInstance/argocd/applications/name/${apps.own}`)
        .set('authorization', as(BORIS));
      expect(res.status).toBe(200);
      expect(res.body.metadata.name).toBe(apps.own);
    });

    it('answers 401 without a token', async () => {
      const res = await request(server)
        .post('/api/argocd/sync')
        .set('authorization', mockCredentials.none.header())
        .send({});
      expect(res.status).toBe(401);
    });
  });

  describe("the portal's Sync", () => {
    const sync = (user: string, app: string) =>
      request(server)
        .post(`/api/sync-waves/applications/${app}/sync`)
        .set('authorization', as(user));
    const syncs = (app: string) =>
      sandbox.requests.snapshot().argocd?.byPath[
        `POST /api/v1/applications/${app}/sync`
      ] ?? 0;

    it('lets an ordinary person sync his own module only, and audits both', async () => {
      const own = await sync(BORIS, apps.own);
      expect(own.status).toBe(202);
      const other = await sync(BORIS, apps.other);
      expect(other.status).toBe(403);
      expect(syncs(apps.own)).toBe(1);
      expect(syncs(apps.other)).toBe(0);
      const audited = (app: string, status: Recorded['status']) =>
        events.find(
          e =>
            e.eventId === 'application-sync' &&
            e.meta?.application === app &&
            e.actor === BORIS &&
            e.status === status,
        );
      expect(audited(apps.own, 'succeeded')).toBeDefined();
      expect(audited(apps.other, 'failed')?.error).toMatch(/NotAllowedError/);
    });

    it('lets platform-team sync any module', async () => {
      expect((await sync(ALICE, apps.other)).status).toBe(202);
      expect(syncs(apps.other)).toBe(1);
    });
  });

  describe('the Kubernetes proxy', () => {
    const proxy = (user: string) =>
      request(server)
        .get('/api/kubernetes/proxy/api/v1/namespaces')
        .set('authorization', as(user))
        .set('Backstage-Kubernetes-Cluster', CLUSTER);
    const forwarded = () =>
      sandbox.requests.snapshot().base?.byPath['GET /api/v1/namespaces'] ?? 0;

    it('is refused to an ordinary person, never forwarded, and audited', async () => {
      const before = forwarded();
      const res = await proxy(BORIS);
      expect(res.status).toBe(403);
      expect(forwarded()).toBe(before);
      expect(
        events.find(
          e =>
            e.plugin === 'kubernetes' &&
            e.actor === BORIS &&
            e.status === 'failed',
        )?.error,
      ).toMatch(/NotAllowedError/);
    });

    // forwarded for platform-team: in the e2e run (security.test.ts there);
    // jest's VM cannot load @kubernetes/client-node, which the proxy imports
  });

  describe('catalog locations', () => {
    const target =
      'https://github.com/vsem-svoim/elsewhere/blob/main/catalog-info.yaml';
    const mutations = (status: Recorded['status'], actor: string) =>
      events.filter(
        e =>
          e.plugin === 'catalog' &&
          e.eventId === 'location-mutate' &&
          e.status === status &&
          e.actor === actor,
      );

    it('may be created and deleted by platform-team only; refusals are audited', async () => {
      const refused = await request(server)
        .post('/api/catalog/locations')
        .set('authorization', as(BORIS))
        .send({ type: 'url', target });
      expect(refused.status).toBe(403);

      const created = await request(server)
        .post('/api/catalog/locations')
        .set('authorization', as(ALICE))
        .send({ type: 'url', target });
      expect(created.status).toBe(201);
      const id = created.body.location.id;

      const notDeleted = await request(server)
        .delete(`/api/catalog/locations/${id}`)
        .set('authorization', as(BORIS));
      expect(notDeleted.status).toBe(403);
      const deleted = await request(server)
        .delete(`/api/catalog/locations/${id}`)
        .set('authorization', as(ALICE));
      expect(deleted.status).toBe(204);

      expect(mutations('failed', BORIS)).toHaveLength(2);
      expect(
        mutations('failed', BORIS).every(e => /NotAllowedError/.test(e.error!)),
      ).toBe(true);
      expect(mutations('succeeded', ALICE)).toHaveLength(2);
    });

    it("accepts Templates only from the portal's templates location", async () => {
      // platform-team may register a location, but not a Template from it:
      // the catalog rules of app-config.yaml refuse it (a dry run reads and
      // processes the location at once)
      const res = await request(server)
        .post('/api/catalog/locations?dryRun=true')
        .set('authorization', as(ALICE))
        .send({ type: 'url', target: `${foreignUrl}/foreign-template.yaml` });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        /template:default\/foreign-template .* is not of an allowed kind for that location/,
      );
      // what the same server serves that the rules allow is accepted
      const allowed = await request(server)
        .post('/api/catalog/locations?dryRun=true')
        .set('authorization', as(ALICE))
        .send({ type: 'url', target: `${foreignUrl}/foreign-component.yaml` });
      expect(allowed.status).toBe(201);
      expect(
        allowed.body.entities.map((e: any) => `${e.kind}:${e.metadata.name}`),
      ).toContain('Component:foreign-component');
      const get = (ref: string) =>
        request(server)
          .get(`/api/catalog/entities/by-name/${ref}`)
          .set('authorization', as(ALICE));
      expect((await get('template/default/foreign-template')).status).toBe(404);
      expect((await get('template/default/base-component')).status).toBe(200);
      expect((await get('template/default/base-module')).status).toBe(200);
    });
  });
});
