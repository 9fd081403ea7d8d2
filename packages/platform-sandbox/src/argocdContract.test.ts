/*
 * Roadie's ArgoCD backend, as the portal runs it, against the sandbox's ArgoCD.
 * (The Kubernetes backend imports the ESM-only @kubernetes/client-node at run
 * time, which jest cannot; its contract runs against the started portal in
 * packages/app/e2e-tests/sandboxContracts.test.ts.)
 */
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import argocdPlugin from '@roadiehq/backstage-plugin-argo-cd-backend';
import path from 'node:path';
import request from 'supertest';
import { createSandbox, roadieArgoCdConfig, Sandbox } from './createSandbox';
import { loadPlatform } from './platform/loadPlatform';

jest.setTimeout(60_000);

describe("Roadie's ArgoCD backend against the sandbox", () => {
  let sandbox: Sandbox;
  let server: any;

  beforeAll(async () => {
    sandbox = await createSandbox({
      platform: await loadPlatform(
        path.resolve(__dirname, '../../../examples/base-platform'),
      ),
      ports: { control: 0, base: 0, platform: 0, argocd: 0, metrics: 0 },
    });
    ({ server } = await startTestBackend({
      features: [
        argocdPlugin,
        mockServices.rootConfig.factory({
          data: {
            argocd: roadieArgoCdConfig(sandbox.urls.argocd),
          },
        }),
      ],
    }));
  });
  afterAll(() => sandbox.stop());

  it("Roadie's ArgoCD backend finds the Application of a module by name", async () => {
    const res = await request(server).get(
      '/api/argocd/argoInstance/argocd/applications/name/data-ingestion',
    );
    expect(res.status).toBe(200);
    expect(res.body.metadata.name).toBe('data-ingestion');
    expect(res.body.status.sync.status).toBe('Synced');
    expect(res.body.status.health.status).toBe('Healthy');
    expect(res.body.spec.destination.namespace).toBe('base-data-ingestion');
  });

  it('what it sees follows the scenario', async () => {
    sandbox.scenario.set('degraded');
    const app = await request(server).get(
      '/api/argocd/argoInstance/argocd/applications/name/data-quality',
    );
    expect(app.body.status).toMatchObject({
      sync: { status: 'OutOfSync' },
      health: { status: 'Degraded' },
    });
    sandbox.scenario.set('wave-blocked');
    const waiting = await request(server).get(
      '/api/argocd/argoInstance/argocd/applications/name/feature-engineering',
    );
    expect(waiting.body.status.operationState.message).toBe(
      'waiting for healthy state of wave 4',
    );
    sandbox.scenario.set('down');
    const down = await request(server).get(
      '/api/argocd/argoInstance/argocd/applications/name/data-ingestion',
    );
    expect(down.status).toBeGreaterThanOrEqual(500);
    sandbox.scenario.set('healthy');
  });
});
