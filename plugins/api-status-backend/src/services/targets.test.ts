import type { Entity } from '@backstage/catalog-model';
import { fromPlatform, targetOf } from './targets';

const LOCATION = 'url:https://github.com/vsem-svoim/base-app-layer/tree/main';
const scope = { cluster: 'base-app-layer-dev', platformLocation: LOCATION };

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
  'backstage.io/managed-by-location': LOCATION,
  'backstage.io/managed-by-origin-location': LOCATION,
};

describe('targetOf', () => {
  it('probes a deployed service on its health paths', () => {
    expect(targetOf(service(probed), scope)).toEqual({
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
        scope,
      ),
    ).toEqual({
      notProbed:
        'Nothing to probe: the Deployment base-data-storage-agent-lifecycle-manager declares no liveness, readiness or startup probe',
    });
  });

  it('never probes a service declared without a Deployment, even with declared health paths', () => {
    expect(
      targetOf(service({ ...probed, 'base.io/deployed': 'false' }), scope),
    ).toEqual({
      notProbed:
        'Nothing to probe: the platform repository has no Deployment for it',
    });
  });

  it('ignores entities that did not come from the platform repository, whatever they annotate', () => {
    const registered = service({
      ...probed,
      // what the catalog sets for an entity from a registered location
      'backstage.io/managed-by-location':
        'url:https://github.com/x/y/blob/main/catalog-info.yaml',
      'backstage.io/managed-by-origin-location':
        'url:https://github.com/x/y/blob/main/catalog-info.yaml',
      'base.io/kubernetes-service': 'vault',
    });
    expect(fromPlatform(registered, scope)).toBe(false);
    expect(targetOf(registered, scope)).toEqual({
      notProbed:
        'Not probed: component:default/base-data-storage-agent-lifecycle-manager comes from url:https://github.com/x/y/blob/main/catalog-info.yaml, not from the platform repository the portal reads; only its services are probed',
    });
    // without the provider configured, nothing is probed
    expect(
      targetOf(service(probed), { cluster: 'base-app-layer-dev' }),
    ).toMatchObject({ notProbed: expect.stringMatching(/^Not probed/) });
    expect(fromPlatform(service(probed), scope)).toBe(true);
  });
});
