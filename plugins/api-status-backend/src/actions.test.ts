import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import type { Entity } from '@backstage/catalog-model';
import { registerApiStatusActions } from './actions';
import type { CatalogReader } from './services/CatalogReader';
import { HealthService } from './services/HealthService';
import type { ProbeStore } from './services/ProbeStore';

const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'base-data-ingestion-agent-data-collector',
    namespace: 'default',
    title: 'Data Collector',
    annotations: {
      'backstage.io/kubernetes-namespace': 'base-data-ingestion',
      'base.io/kubernetes-service': 'base-data-collector-service',
      'base.io/http-port': '8080',
      'base.io/health-paths': '/health/live,/health/ready',
      'backstage.io/managed-by-origin-location': 'file:/platform/',
    },
  },
};
const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'base-data-ingestion', namespace: 'default' },
};
const REF = 'component:default/base-data-ingestion-agent-data-collector';

describe('the api-status tools', () => {
  const now = Date.now();
  const store = {
    history: async () => [
      {
        entityRef: REF,
        path: '/health/live',
        checkedAt: now,
        ok: true,
        statusCode: 200,
        responseMs: 4,
      },
      {
        entityRef: REF,
        path: '/health/ready',
        checkedAt: now,
        ok: false,
        statusCode: 503,
        responseMs: 9,
      },
    ],
    counts: async () => [
      { entityRef: REF, path: '/health/live', probes: 1000, ok: 1000 },
      { entityRef: REF, path: '/health/ready', probes: 1000, ok: 990 },
    ],
    latest: async () => [
      { entityRef: REF, path: '/health/live', checkedAt: now, ok: true },
      { entityRef: REF, path: '/health/ready', checkedAt: now, ok: false },
    ],
    lastFailure: async () => undefined,
    lastProbeAt: async () => now,
  } as unknown as ProbeStore;
  const asked: string[] = [];
  const catalog = {
    entity: async (ref: { kind: string; name: string }) => {
      asked.push(`${ref.kind}:${ref.name}`);
      if (ref.kind === 'component' && ref.name === service.metadata.name)
        return service;
      if (ref.kind === 'system' && ref.name === system.metadata.name)
        return system;
      return undefined;
    },
    servicesOf: async () => [service],
  } as unknown as CatalogReader;
  const registry = actionsRegistryServiceMock({
    logger: mockServices.logger.mock(),
  });
  registerApiStatusActions({
    actionsRegistry: registry,
    catalog,
    health: new HealthService(store, {
      cluster: 'base-app-layer-dev',
      platformLocation: 'file:/platform/',
      intervalSeconds: 30,
    }),
  });
  const credentials = mockCredentials.user('user:default/boris.petrov');

  it("answers a service's endpoints and availability as the Health tab has them", async () => {
    const { output } = (await registry.invoke({
      id: 'test:get-service-health',
      input: { service: service.metadata.name },
      credentials,
    })) as { output: any };
    expect(output.target).toEqual({
      cluster: 'base-app-layer-dev',
      namespace: 'base-data-ingestion',
      service: 'base-data-collector-service',
      port: 8080,
    });
    expect(
      output.endpoints.map((e: any) => `${e.path} ${e.ok} ${e.statusCode}`),
    ).toEqual(['/health/live true 200', '/health/ready false 503']);
    expect(output.endpoints[1].availability[0]).toMatchObject({
      probes: 1000,
      ok: 990,
      ratio: 0.99,
    });
  });

  it("answers a module's services up or down", async () => {
    const { output } = (await registry.invoke({
      id: 'test:get-module-health',
      input: { module: 'base-data-ingestion' },
      credentials,
    })) as { output: any };
    expect(output.system).toBe('system:default/base-data-ingestion');
    expect(output.services).toEqual([
      expect.objectContaining({
        entityRef: REF,
        title: 'Data Collector',
        state: 'down',
        availability24h: 0.995,
      }),
    ]);
  });

  it('says what it does not find, as the caller sees the catalog, and refuses a malformed name', async () => {
    await expect(
      registry.invoke({
        id: 'test:get-service-health',
        input: { service: 'no-such-service' },
        credentials,
      }),
    ).rejects.toThrow('No component default/no-such-service in the catalog');
    await expect(
      registry.invoke({
        id: 'test:get-service-health',
        input: { service: '../etc' },
        credentials,
      }),
    ).rejects.toThrow();
    expect(asked).toContain('component:no-such-service');
    expect(asked).not.toContain('component:../etc');
  });
});
