/*
 * Drift against the platform sandbox: the example platform tree (the one the
 * catalog reads) compared with the sandbox's clusters and ArgoCD, in the
 * healthy scenario (no difference) and in `drift` (each planted change).
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  AFFECTED,
  createSandbox,
  DRIFT,
  loadPlatform,
  roadieArgoCdConfig,
  Sandbox,
  sandboxKubernetesConfig,
  SandboxPlatform,
} from '@internal/platform-sandbox';
import type { DriftReport } from '@internal/plugin-sync-waves-common';
import path from 'node:path';
import request from 'supertest';
import { syncWavesPlugin } from './plugin';
import { DRIFT_LISTS } from './services/Drift';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../../..');
const TREE = path.join(ROOT, 'examples/base-platform');

describe('drift with the sandbox', () => {
  let sandbox: Sandbox;
  let platform: SandboxPlatform;
  let server: any;

  beforeAll(async () => {
    platform = await loadPlatform(TREE);
    sandbox = await createSandbox({
      platform,
      ports: { control: 0, base: 0, platform: 0, argocd: 0, metrics: 0 },
    });
    ({ server } = await startTestBackend({
      features: [
        syncWavesPlugin,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            argocd: roadieArgoCdConfig(sandbox.urls.argocd),
            kubernetes: sandboxKubernetesConfig({
              'base-app-layer-dev': sandbox.urls.base,
              'platform-app-layer-dev': sandbox.urls.platform,
            }),
            catalog: { providers: { basePlatform: { directory: TREE } } },
            // read again at every request: the tests switch scenarios
            syncWaves: { cacheTtlSeconds: 0 },
          },
        }),
      ],
    }));
  });
  afterEach(() => sandbox.scenario.set('healthy'));
  afterAll(() => sandbox?.stop());

  const report = async () => {
    const res = await request(server).get('/api/sync-waves/drift');
    expect(res.status).toBe(200);
    return res.body as DriftReport;
  };

  it('finds no difference in the healthy scenario, every module compared', async () => {
    sandbox.requests.reset();
    const r = await report();
    expect(r.sources.tree.error).toBeUndefined();
    expect(r.sources.clusters.map(c => [c.cluster, c.error])).toEqual([
      ['base-app-layer-dev', undefined],
      ['platform-app-layer-dev', undefined],
    ]);
    expect(r.modules).toHaveLength(14);
    expect(r.modules.flatMap(m => m.differences)).toEqual([]);
    expect(r.modules.every(m => m.compared > 0)).toBe(true);
    // one list per kind and cluster for the whole platform
    const byPath = sandbox.requests.snapshot().base.byPath;
    for (const p of Object.values(DRIFT_LISTS))
      expect(byPath[`GET ${p}`]).toBe(1);
  });

  it('drift: the image and replicas changed by hand, the extra Deployment, the missing Service, and what ArgoCD says', async () => {
    sandbox.scenario.set('drift');
    const module = platform.modules.find(m => m.slug === AFFECTED.drift)!;
    const agents = module.services.filter(s => s.type === 'agent');
    const res = await request(server).get(
      `/api/sync-waves/drift/namespaces/${module.namespace}`,
    );
    expect(res.status).toBe(200);
    const diffs = res.body.module
      .differences as DriftReport['modules'][number]['differences'];
    const found = (kind: string, name: string, field?: string) =>
      diffs.find(
        d => d.kind === kind && d.object.name === name && d.field === field,
      );
    expect(found('changed', agents[0].name, 'image')).toMatchObject({
      declared: agents[0].deployment!.image,
      live: DRIFT.image,
      liveIn: 'cluster base-app-layer-dev',
    });
    expect(found('changed', agents[0].name, 'image')!.declaredIn).toMatch(
      /^data_streaming\/agents\/.*\.yaml:\d+$/,
    );
    expect(found('changed', agents[1].name, 'replicas')).toMatchObject({
      declared: expect.stringContaining(`–${agents[1].maxReplicas} (HPA`),
      live: String(agents[1].maxReplicas + DRIFT.extraReplicas),
    });
    expect(found('extra', DRIFT.extraDeployment)).toBeDefined();
    expect(found('missing', agents[2].serviceName)).toMatchObject({
      object: { kind: 'Service' },
      workload: agents[2].name,
    });
    expect(
      diffs
        .filter(d => d.kind === 'out-of-sync')
        .map(d => [d.object.kind, d.object.name])
        .sort(),
    ).toEqual(
      [
        ['Deployment', agents[0].name],
        ['Deployment', agents[1].name],
        ['Service', agents[2].serviceName],
      ].sort(),
    );
    // nothing else anywhere
    const r = await report();
    expect(
      r.modules.filter(m => m.differences.length > 0).map(m => m.module),
    ).toEqual([AFFECTED.drift]);
  });

  it('names the cluster that does not answer; a malformed or unknown namespace is refused', async () => {
    const malformed = await request(server).get(
      '/api/sync-waves/drift/namespaces/..%2Fx',
    );
    expect(malformed.status).toBe(400);
    const unknown = await request(server).get(
      '/api/sync-waves/drift/namespaces/base-nope',
    );
    expect(unknown.status).toBe(404);
    await fetch(`${sandbox.urls.control}/control/scenario`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'down' }),
    });
    const r = await report();
    expect(r.sources.clusters[0].error).toMatch(
      /base-app-layer-dev.*ECONNREFUSED/,
    );
    // the last good lists are still compared, marked with the error
    expect(r.modules).toHaveLength(14);
  });
});
