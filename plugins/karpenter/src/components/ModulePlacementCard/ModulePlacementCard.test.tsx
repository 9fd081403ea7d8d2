import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type {
  ClusterCapacity,
  NamespacePlacement,
} from '@internal/plugin-karpenter-common';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { karpenterApiRef, KarpenterClient } from '../../api/KarpenterApi';
import { ClusterCapacityCard } from '../CapacityCard';
import { ModulePlacementCard } from './ModulePlacementCard';

/*
 * The cards with the real client; the karpenter backend's answers served by
 * msw in the shapes its routes send.
 */
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const BASE = 'http://localhost:7007/api/karpenter';
const client = new KarpenterClient({
  discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
  fetchApi: { fetch: (input, init) => fetch(input, init) },
});

const render = (entity: object, card: JSX.Element) =>
  renderInTestApp(
    <EntityProvider entity={entity as any}>{card}</EntityProvider>,
    { apis: [[karpenterApiRef, client]] },
  );

const moduleSystem = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'base-data-quality',
    annotations: { 'backstage.io/kubernetes-namespace': 'base-data-quality' },
  },
};

const placement: NamespacePlacement = {
  namespace: 'base-data-quality',
  clusters: [
    {
      cluster: 'base-app-layer-dev',
      readAt: '2026-12-02T10:00:00Z',
      pods: 12,
      running: [
        {
          pool: 'base-data-processing',
          capacityType: 'spot',
          instanceType: 'm6i.xlarge',
          count: 11,
        },
      ],
      pending: [
        {
          namespace: 'base-data-quality',
          name: 'base-data-quality-model-server-0',
          reasons: [
            {
              kind: 'taint',
              pool: 'base-ml-gpu',
              message:
                'NodePool base-ml-gpu taints its nodes nvidia.com/gpu=true:NoSchedule, which the pod does not tolerate',
            },
          ],
          requests: { cpu: 2, memoryBytes: 8 * 2 ** 30 },
        },
      ],
    },
    {
      cluster: 'platform-app-layer-dev',
      readAt: '2026-12-02T10:00:00Z',
      pods: 0,
      running: [],
      pending: [],
    },
  ],
};

describe('ModulePlacementCard', () => {
  it("reads the module's namespace and shows where its pods run and why one pends", async () => {
    server.use(
      http.get(`${BASE}/namespaces/base-data-quality`, () =>
        HttpResponse.json(placement),
      ),
    );
    await render(moduleSystem, <ModulePlacementCard />);
    expect(
      await screen.findByRole('table', {
        name: 'Running pods in base-app-layer-dev',
      }),
    ).toHaveTextContent('base-data-processingspotm6i.xlarge11');
    expect(
      screen.getByRole('table', { name: 'Pending pods' }),
    ).toHaveTextContent(/base-ml-gpu taints its nodes nvidia\.com\/gpu/);
    // a cluster without pods of the module is left out
    expect(
      screen.queryByText(/platform-app-layer-dev/),
    ).not.toBeInTheDocument();
  });

  it('names the cluster that failed and keeps its last good read', async () => {
    server.use(
      http.get(`${BASE}/namespaces/base-data-quality`, () =>
        HttpResponse.json({
          ...placement,
          clusters: [
            {
              ...placement.clusters[0],
              error:
                'cluster base-app-layer-dev: GET /api/v1/pods did not answer within 5 s',
            },
          ],
        }),
      ),
    );
    await render(moduleSystem, <ModulePlacementCard />);
    expect(
      await screen.findByText(
        /did not answer within 5 s\. Showing the last good data, read at/,
      ),
    ).toBeInTheDocument();
  });

  it('shows the backend error and no placement when there is no answer', async () => {
    server.use(
      http.get(`${BASE}/namespaces/base-data-quality`, () =>
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'karpenter backend failed' },
            response: { statusCode: 500 },
          },
          { status: 500 },
        ),
      ),
    );
    await render(moduleSystem, <ModulePlacementCard />);
    expect(
      (await screen.findAllByText(/Where its pods run \(portal backend\)/))
        .length,
    ).toBeGreaterThan(0);
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});

describe('ClusterCapacityCard', () => {
  const capacity: ClusterCapacity = {
    cluster: 'base-app-layer-dev',
    readAt: '2026-12-02T10:00:00Z',
    karpenter: true,
    pools: [
      {
        name: 'base-data-processing',
        limits: { cpu: 1000, memoryBytes: 4000 * 2 ** 30 },
        provisioned: { cpu: 64, memoryBytes: 256 * 2 ** 30, nodes: 16 },
        labels: {},
        taints: [],
        requirements: [],
        disruption: {},
        nodesByType: [],
      },
    ],
    nodes: [],
    claims: [],
    pending: [],
    spot: { spot: 13, onDemand: 3, share: 13 / 16, target: 0.8 },
  };

  it("shows the cluster's pools against their limits and the spot share", async () => {
    server.use(
      http.get(`${BASE}/clusters/base-app-layer-dev`, () =>
        HttpResponse.json(capacity),
      ),
    );
    await render(
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Resource',
        metadata: { name: 'base-app-layer-dev' },
      },
      <ClusterCapacityCard />,
    );
    const card = await screen.findByRole('region', {
      name: 'Cluster capacity',
    });
    expect(card).toHaveTextContent(
      'NodePool base-data-processing: 16 nodes, 64 cores of 1000 cores',
    );
    expect(card).toHaveTextContent(
      '81% spot (13 spot, 3 on-demand) against a 80% target',
    );
    expect(card).toHaveTextContent('0 pending pods');
  });
});
