import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type {
  ClusterCost,
  NamespaceCost,
  PriceSources,
} from '@internal/plugin-karpenter-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { karpenterApiRef, KarpenterClient } from '../../api/KarpenterApi';
import { ClusterCostCard } from './ClusterCostCard';
import { ModuleCostCard } from './ModuleCostCard';

/*
 * The Cost cards with the real client; the karpenter backend's answers
 * served by msw in the shapes its cost routes send.
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

const moduleSystem = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: {
    name: 'base-data-quality',
    annotations: { 'backstage.io/kubernetes-namespace': 'base-data-quality' },
  },
};

const prices: PriceSources = {
  currency: 'USD',
  region: 'us-east-1',
  table: { source: 'AWS EC2 On-Demand Pricing', date: '2026-11-30' },
  spot: { readAt: '2026-12-03T08:00:00Z', prices: 21 },
};

const renderModule = () =>
  renderInTestApp(
    <EntityProvider entity={moduleSystem as any}>
      <ModuleCostCard />
    </EntityProvider>,
    { apis: [[karpenterApiRef, client]] },
  );

describe('ModuleCostCard', () => {
  it("shows the module's cost per hour and per 30 days, what spot saves, and each workload", async () => {
    const view: NamespaceCost = {
      namespace: 'base-data-quality',
      clusters: [
        {
          cluster: 'base-app-layer-dev',
          readAt: '2026-12-03T08:00:00Z',
          prices,
          hourly: 0.5,
          onDemandHourly: 1.25,
          unpricedPods: 2,
          workloads: [
            {
              namespace: 'base-data-quality',
              workload: 'base-data-quality-agent-a',
              pods: 2,
              unrequested: 0,
              hourly: 0.3,
              onDemandHourly: 0.75,
            },
            {
              namespace: 'base-data-quality',
              workload: 'base-data-quality-agent-b',
              pods: 1,
              unrequested: 1,
              hourly: 0,
              onDemandHourly: 0,
            },
          ],
        },
        {
          cluster: 'platform-app-layer-dev',
          readAt: '2026-12-03T08:00:00Z',
          prices,
          hourly: 0,
          onDemandHourly: 0,
          unpricedPods: 0,
          workloads: [],
        },
      ],
    };
    server.use(
      http.get(`${BASE}/namespaces/base-data-quality/cost`, () =>
        HttpResponse.json(view),
      ),
    );
    await renderModule();
    const card = await screen.findByRole('region', { name: 'Module cost' });
    expect(card).toHaveTextContent('$0.50/h · $360.00 per 30 days');
    expect(card).toHaveTextContent(
      'spot saves $0.75/h (60 %) against all on-demand ($1.25/h)',
    );
    expect(card).toHaveTextContent('2 pod(s) run on nodes without a price');
    const table = within(card).getByRole('table', {
      name: 'Cost per workload in base-app-layer-dev',
    });
    expect(table).toHaveTextContent('base-data-quality-agent-a');
    expect(table).toHaveTextContent('$216.00');
    expect(table).toHaveTextContent(
      '1 pod(s) request nothing: no cost attributed',
    );
    // a cluster where the module has no pods is left out
    expect(card).not.toHaveTextContent('platform-app-layer-dev');
    expect(
      screen.getByText(/AWS EC2 On-Demand Pricing, 2026-11-30/),
    ).toBeInTheDocument();
  });

  it('says that no price table is configured instead of showing an error', async () => {
    server.use(
      http.get(`${BASE}/namespaces/base-data-quality/cost`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ServiceUnavailableError',
              message:
                'No price table: karpenter.prices is not configured, so no cost is worked out',
            },
          },
          { status: 503 },
        ),
      ),
    );
    await renderModule();
    expect(
      await screen.findByText(/Not configured: no price table/),
    ).toBeInTheDocument();
  });

  it("shows the backend's error, not figures, when it cannot answer", async () => {
    server.use(
      http.get(`${BASE}/namespaces/base-data-quality/cost`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'Error',
              message: 'cluster base-app-layer-dev: connect ECONNREFUSED',
            },
          },
          { status: 500 },
        ),
      ),
    );
    await renderModule();
    expect(await screen.findByText(/connect ECONNREFUSED/)).toBeInTheDocument();
    expect(screen.queryByText(/per 30 days/)).toBeNull();
  });
});

describe('ClusterCostCard', () => {
  it('shows the total, idle, pools, namespaces and the unpriced nodes', async () => {
    const view: ClusterCost = {
      cluster: 'base-app-layer-dev',
      readAt: '2026-12-03T08:00:00Z',
      prices: {
        ...prices,
        spot: {
          prices: 0,
          error: 'EC2 DescribeSpotPriceHistory failed: timeout',
        },
      },
      total: { hourly: 2, onDemandHourly: 4 },
      idle: { hourly: 0.5, onDemandHourly: 1 },
      pools: [
        {
          pool: 'base-data-processing',
          nodes: 3,
          hourly: 2,
          onDemandHourly: 4,
          idleHourly: 0.5,
        },
      ],
      namespaces: [
        {
          namespace: 'base-data-quality',
          pods: 12,
          hourly: 1.5,
          onDemandHourly: 3,
        },
      ],
      workloads: [],
      nodes: [],
      unpriced: [
        {
          name: 'ip-1',
          instanceType: 'x2idn.32xlarge',
          reason:
            'x2idn.32xlarge is not in the price table (karpenter.prices.instanceTypes)',
          pods: {},
        },
      ],
    };
    server.use(
      http.get(`${BASE}/clusters/base-app-layer-dev/cost`, () =>
        HttpResponse.json(view),
      ),
    );
    await renderInTestApp(<ClusterCostCard cluster="base-app-layer-dev" />, {
      apis: [[karpenterApiRef, client]],
    });
    const card = await screen.findByRole('region', { name: 'Cluster cost' });
    expect(card).toHaveTextContent('$2.00/h · $1,440.00 per 30 days');
    expect(card).toHaveTextContent('spot saves $2.00/h (50 %)');
    expect(card).toHaveTextContent('idle $0.50/h (25 %)');
    expect(card).toHaveTextContent(
      '1 node(s) without a price are in no figure: ip-1',
    );
    const namespaces = within(card).getByRole('table', {
      name: 'Cost by namespace',
    });
    expect(namespaces).toHaveTextContent('base-data-quality');
    expect(namespaces).toHaveTextContent('75 %');
    expect(namespaces).toHaveTextContent('Idle: capacity no pod requested');
    expect(
      screen.getByText(
        /live spot prices failed \(EC2 DescribeSpotPriceHistory failed: timeout\)/,
      ),
    ).toBeInTheDocument();
  });
});
