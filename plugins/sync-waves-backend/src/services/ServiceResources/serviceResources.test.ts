import type { ArgoResourceNode } from '../ArgoCdClient';
import { serviceResources } from './serviceResources';

const NS = 'base-data-ingestion';
const node = (
  kind: string,
  name: string,
  parent?: { kind: string; name: string },
): ArgoResourceNode =>
  ({
    kind,
    name,
    namespace: NS,
    health: { status: 'Healthy' },
    ...(parent ? { parentRefs: [{ ...parent, namespace: NS }] } : {}),
  } as ArgoResourceNode);

const COLLECTOR = 'base-data-ingestion-agent-data-collector';
const nodes = [
  node('Deployment', COLLECTOR),
  node('ReplicaSet', `${COLLECTOR}-5d9c`, {
    kind: 'Deployment',
    name: COLLECTOR,
  }),
  node('Pod', `${COLLECTOR}-5d9c-x1`, {
    kind: 'ReplicaSet',
    name: `${COLLECTOR}-5d9c`,
  }),
  node('Service', 'base-data-collector-service'),
  node('HorizontalPodAutoscaler', `${COLLECTOR}-hpa`),
  // a neighbour's objects, which are not the collector's
  node('Deployment', 'base-data-ingestion-agent-data-validator'),
  node(
    'HorizontalPodAutoscaler',
    'base-data-ingestion-agent-data-validator-hpa',
  ),
  node('Service', 'base-data-validator-service'),
];
const app = {
  metadata: { name: 'data-ingestion' },
  status: {
    resources: [
      {
        kind: 'Service',
        name: 'base-data-collector-service',
        status: 'Synced',
      },
    ],
  },
} as any;

describe('serviceResources', () => {
  it('takes the Deployment, its ReplicaSets and Pods, and the Service and HPA by their declared names', () => {
    const own = serviceResources(app, nodes, {
      id: COLLECTOR,
      service: 'base-data-collector-service',
      hpa: `${COLLECTOR}-hpa`,
    });
    expect(own.map(r => [r.kind, r.name])).toEqual([
      ['Deployment', COLLECTOR],
      ['Service', 'base-data-collector-service'],
      ['HorizontalPodAutoscaler', `${COLLECTOR}-hpa`],
      ['ReplicaSet', `${COLLECTOR}-5d9c`],
      ['Pod', `${COLLECTOR}-5d9c-x1`],
    ]);
    expect(own[1].sync).toBe('Synced');
  });

  it("without the declared names, takes only objects named like the Deployment (never a neighbour's)", () => {
    const own = serviceResources(app, nodes, { id: COLLECTOR });
    expect(own.map(r => r.kind)).toEqual(['Deployment', 'ReplicaSet', 'Pod']);
  });
});
