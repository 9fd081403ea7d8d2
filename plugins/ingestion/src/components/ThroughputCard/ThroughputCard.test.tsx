import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import type { AgentThroughput } from '@internal/plugin-ingestion-common';
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ingestionApiRef, IngestionClient } from '../../api/IngestionApi';
import { ModuleThroughputCard } from '../ModuleThroughputCard';
import { ThroughputCard } from './ThroughputCard';

/*
 * The cards with the real client, the backend's answers served by msw in
 * the shapes the ingestion backend sends (its routes and error bodies).
 */
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const BASE = 'http://localhost:7007/api/ingestion';
const client = new IngestionClient({
  discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
  fetchApi: { fetch: (input, init) => fetch(input, init) },
});

const agent = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'base-data-ingestion-agent-market-data',
    namespace: 'default',
  },
};
const system = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'base-data-ingestion', namespace: 'default' },
};

const render = (entity: typeof agent, card: JSX.Element) =>
  renderInTestApp(<EntityProvider entity={entity}>{card}</EntityProvider>, {
    apis: [[ingestionApiRef, client]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });

const serviceUnavailable = (message: string) =>
  HttpResponse.json(
    {
      error: { name: 'ServiceUnavailableError', message },
      request: { method: 'GET', url: '/' },
      response: { statusCode: 503 },
    },
    { status: 503 },
  );

const answer: AgentThroughput = {
  entityRef: 'component:default/base-data-ingestion-agent-market-data',
  module: 'data-ingestion',
  agent: 'market-data',
  targetGbPerHour: 100,
  state: 'ok',
  current: { gbPerHour: 112.4, recordsPerSecond: 21000 },
  sources: [{ source: 'bloomberg', gbPerHour: 80, recordsPerSecond: 15000 }],
  series: [],
  stepSeconds: 300,
  readAt: '2026-12-02T10:00:00Z',
};

describe('ThroughputCard', () => {
  it('shows GB/h now against the target and the top sources', async () => {
    server.use(
      http.get(`${BASE}/agents/default/${agent.metadata.name}`, () =>
        HttpResponse.json(answer),
      ),
    );
    await render(agent, <ThroughputCard />);
    expect(await screen.findByLabelText('GB per hour now')).toHaveTextContent(
      '112.4 GB/h',
    );
    expect(screen.getByText('on target (100 GB/h)')).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Top sources' }),
    ).toHaveTextContent('bloomberg');
  });

  it('keeps the last good figures under the error, saying when they were read', async () => {
    server.use(
      http.get(`${BASE}/agents/default/${agent.metadata.name}`, () =>
        HttpResponse.json({
          ...answer,
          error:
            'Prometheus at http://prometheus:9090 did not answer within 3 s',
        }),
      ),
    );
    await render(agent, <ThroughputCard />);
    expect(
      await screen.findByText(
        /did not answer within 3 s\. Showing the last good figures, read at/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('GB per hour now')).toHaveTextContent(
      '112.4 GB/h',
    );
  });

  it('says "not configured" when the backend has no Prometheus', async () => {
    server.use(
      http.get(`${BASE}/agents/default/${agent.metadata.name}`, () =>
        serviceUnavailable(
          'Prometheus is not configured: set ingestion.prometheus.baseUrl in app-config',
        ),
      ),
    );
    await render(agent, <ThroughputCard />);
    expect(
      await screen.findByText(/Not configured: the portal has no Prometheus/),
    ).toBeInTheDocument();
    expect(screen.queryByLabelText('GB per hour now')).not.toBeInTheDocument();
  });

  it('shows the error and no figures when there has never been an answer', async () => {
    server.use(
      http.get(`${BASE}/agents/default/${agent.metadata.name}`, () =>
        serviceUnavailable(
          'Prometheus at http://prometheus:9090 did not answer within 3 s',
        ),
      ),
    );
    await render(agent, <ThroughputCard />);
    expect(
      (await screen.findAllByText(/Throughput \(Prometheus\)/)).length,
    ).toBeGreaterThan(0);
    expect(screen.queryByLabelText('GB per hour now')).not.toBeInTheDocument();
  });
});

describe('ModuleThroughputCard', () => {
  it("lists the module's agents against their targets", async () => {
    server.use(
      http.get(`${BASE}/modules/default/base-data-ingestion`, () =>
        HttpResponse.json({
          agents: [
            {
              entityRef: answer.entityRef,
              agent: 'market-data',
              title: 'Market data',
              targetGbPerHour: 100,
              state: 'ok',
              current: { gbPerHour: 62.5, recordsPerSecond: 9000 },
            },
          ],
        }),
      ),
    );
    await render(system, <ModuleThroughputCard />);
    const table = await screen.findByRole('table', {
      name: 'Ingestion throughput',
    });
    expect(table).toHaveTextContent('Market data');
    expect(table).toHaveTextContent('100 GB/h');
  });

  it('draws nothing for a module without ingestion agents', async () => {
    let asked = 0;
    server.use(
      http.get(`${BASE}/modules/default/base-data-ingestion`, () => {
        asked++;
        return HttpResponse.json({ agents: [] });
      }),
    );
    await render(system, <ModuleThroughputCard />);
    // the title shows while loading; it goes once the empty answer is in
    await waitFor(() => expect(asked).toBe(1));
    await waitFor(() =>
      expect(
        screen.queryByText('Ingestion throughput'),
      ).not.toBeInTheDocument(),
    );
  });

  it('says "not configured" when the backend has no Prometheus', async () => {
    server.use(
      http.get(`${BASE}/modules/default/base-data-ingestion`, () =>
        serviceUnavailable(
          'Prometheus is not configured: set ingestion.prometheus.baseUrl in app-config',
        ),
      ),
    );
    await render(system, <ModuleThroughputCard />);
    expect(
      await screen.findByText(/Not configured: the portal has no Prometheus/),
    ).toBeInTheDocument();
  });
});
