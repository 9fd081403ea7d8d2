import type { Entity } from '@backstage/catalog-model';
import { targetOf } from './targets';

const service = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'base-data-storage-agent-lifecycle-manager', annotations },
  spec: { type: 'service' },
});

const probed = {
  'backstage.io/kubernetes-namespace': 'base-data-storage',
  'base.io/kubernetes-service': 'base-lifecycle-manager-service',
  'base.io/http-port': '8080',
  'base.io/health-paths': '/health/live,/health/ready',
  'base.io/deployed': 'true',
};

describe('targetOf', () => {
  it('probes a deployed service on its health paths', () => {
    expect(targetOf(service(probed), 'base-app-layer-dev')).toEqual({
      target: expect.objectContaining({
        service: 'base-lifecycle-manager-service',
        port: 8080,
        paths: ['/health/live', '/health/ready'],
      }),
    });
  });

  it('says why a Deployment without HTTP probes has nothing to probe', () => {
    const { 'base.io/health-paths': _, ...rest } = probed;
    expect(
      targetOf(
        service({
          ...rest,
          'base.io/not-probed':
            'the Deployment base-data-storage-agent-lifecycle-manager declares no liveness, readiness or startup probe',
        }),
        'base-app-layer-dev',
      ),
    ).toEqual({
      notProbed:
        'Nothing to probe: the Deployment base-data-storage-agent-lifecycle-manager declares no liveness, readiness or startup probe',
    });
  });

  it('never probes a service declared without a Deployment, even with declared health paths', () => {
    expect(
      targetOf(
        service({ ...probed, 'base.io/deployed': 'false' }),
        'base-app-layer-dev',
      ),
    ).toEqual({
      notProbed:
        'Nothing to probe: the platform repository has no Deployment for it',
    });
  });
});
