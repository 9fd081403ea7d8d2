import type { Entity } from '@backstage/catalog-model';
import { HealthService } from './HealthService';
import type { ProbeStore } from './ProbeStore';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'base-data-ingestion-agent-data-collector',
    namespace: 'default',
    annotations: {
      'backstage.io/kubernetes-namespace': 'base-data-ingestion',
      'base.io/kubernetes-service': 'base-data-collector-service',
      'base.io/http-port': '8080',
      'base.io/health-paths': '/health/live',
      'backstage.io/managed-by-origin-location': 'file:/platform/',
    },
  },
};

describe('HealthService', () => {
  const store = () => {
    const s = {
      history: jest.fn(async () => [
        {
          entityRef:
            'component:default/base-data-ingestion-agent-data-collector',
          path: '/health/live',
          checkedAt: 1_000,
          ok: true,
          statusCode: 200,
          responseMs: 4,
        },
      ]),
      counts: jest.fn(async () => [
        { entityRef: 'x', path: '/health/live', probes: 1, ok: 1 },
      ]),
      lastFailure: jest.fn(async () => undefined),
      lastProbeAt: jest.fn(async () => 1_000),
    };
    return s;
  };

  it('reads the history once per probe run, not once per viewer', async () => {
    const s = store();
    const health = new HealthService(s as unknown as ProbeStore, {
      cluster: 'base-app-layer-dev',
      platformLocation: 'file:/platform/',
      intervalSeconds: 30,
    });
    const now = 2_000;
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => health.service(entity, now)),
    );
    expect(answers[0].endpoints[0].current).toMatchObject({ ok: true });
    expect(s.history).toHaveBeenCalledTimes(1);
    // a third of the interval later it reads again
    await health.service(entity, now + 10_000);
    expect(s.history).toHaveBeenCalledTimes(2);
    // and at once after new probes were stored
    health.invalidate(now + 10_001);
    await health.service(entity, now + 10_001);
    expect(s.history).toHaveBeenCalledTimes(3);
    // on the replica that probes, the answer stands until the next run
    await health.service(entity, now + 40_000);
    expect(s.history).toHaveBeenCalledTimes(3);
    health.invalidate(now + 40_001);
    await health.service(entity, now + 40_001);
    expect(s.history).toHaveBeenCalledTimes(4);
    // and if its runs stop, for two intervals at most
    await health.service(entity, now + 40_001 + 60_000);
    expect(s.history).toHaveBeenCalledTimes(5);
  });

  it('says why a service is not probed instead of inventing a state', async () => {
    const health = new HealthService(store() as unknown as ProbeStore, {
      cluster: 'base-app-layer-dev',
      platformLocation: 'file:/platform/',
      intervalSeconds: 30,
    });
    const bare = {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          'backstage.io/managed-by-origin-location': 'file:/platform/',
        },
      },
    };
    const answer = await health.service(bare, 1);
    expect(answer.endpoints).toEqual([]);
    expect(answer.notProbed).toMatch(/^Not configured: the entity has no /);
  });
});
