import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { DriftReport } from '@internal/plugin-sync-waves-common';
import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { syncWavesApiRef } from '../../api/SyncWavesApi';
import { SyncWavesClient } from '../../api/SyncWavesClient';
import { DriftCard } from './DriftCard';
import { DriftPage } from './DriftPage';

/* The Drift card and page with the real client; the backend's answers by msw. */
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const BASE = 'http://localhost:7007/api/sync-waves';
const client = new SyncWavesClient({
  discoveryApi: mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
  fetchApi: { fetch: (input, init) => fetch(input, init) },
});

const NS = 'base-data-streaming';
const READER = 'base-data-streaming-agent-stream-reader';
const sources: DriftReport['sources'] = {
  tree: { location: 'file:/tree/', readAt: '2026-12-03T08:00:00Z' },
  clusters: [
    { cluster: 'base-app-layer-dev', readAt: '2026-12-03T08:00:00Z' },
    {
      cluster: 'platform-app-layer-dev',
      error: 'cluster platform-app-layer-dev: connect ECONNREFUSED',
    },
  ],
  argocd: { readAt: '2026-12-03T08:00:00Z' },
};
const streaming: DriftReport['modules'][number] = {
  module: 'data-streaming',
  namespace: NS,
  application: 'data-streaming',
  compared: 30,
  differences: [
    {
      kind: 'changed',
      object: { kind: 'Deployment', namespace: NS, name: READER },
      workload: READER,
      field: 'image',
      declared: 'python:3.13.7-slim',
      live: 'python:3.13.7-slim-hotfix',
      declaredIn: 'data_streaming/agents/reader.yaml:20',
      liveIn: 'cluster base-app-layer-dev',
    },
    {
      kind: 'extra',
      object: { kind: 'Deployment', namespace: NS, name: 'debug-shell' },
      workload: 'debug-shell',
      live: 'busybox:1.36',
      liveIn: 'cluster base-app-layer-dev',
    },
  ],
};

const entity = (kind: string, name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    annotations: {
      'backstage.io/kubernetes-namespace': NS,
      'backstage.io/kubernetes-id': name,
      ...(kind === 'System' ? { 'base.io/module': 'data-streaming' } : {}),
    },
  },
});

const renderCard = (e: object) =>
  renderInTestApp(
    <EntityProvider entity={e as any}>
      <DriftCard />
    </EntityProvider>,
    { apis: [[syncWavesApiRef, client]] },
  );

describe('DriftCard', () => {
  beforeEach(() =>
    server.use(
      http.get(`${BASE}/drift/namespaces/${NS}`, () =>
        HttpResponse.json({
          readAt: '2026-12-03T08:00:00Z',
          sources,
          module: streaming,
        }),
      ),
    ),
  );

  it("shows a module's differences with both values and where each comes from, and a failed source", async () => {
    await renderCard(entity('System', 'base-data-streaming'));
    const table = await screen.findByRole('table', {
      name: 'Drift of data-streaming',
    });
    expect(table).toHaveTextContent('python:3.13.7-slim');
    expect(table).toHaveTextContent('python:3.13.7-slim-hotfix');
    expect(table).toHaveTextContent('data_streaming/agents/reader.yaml:20');
    expect(table).toHaveTextContent('not in the tree');
    expect(
      screen.getByText(/cluster platform-app-layer-dev: connect ECONNREFUSED/),
    ).toBeInTheDocument();
  });

  it('shows a service only its own differences, or says there are none', async () => {
    await renderCard(entity('Component', READER));
    const table = await screen.findByRole('table', {
      name: `Drift of ${READER}`,
    });
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(table).not.toHaveTextContent('debug-shell');
  });

  it('says when drift is not configured', async () => {
    server.use(
      http.get(`${BASE}/drift/namespaces/${NS}`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ServiceUnavailableError',
              message:
                'Drift is not configured: catalog.providers.basePlatform names no platform tree',
            },
            response: { statusCode: 503 },
          },
          { status: 503 },
        ),
      ),
    );
    await renderCard(entity('System', 'base-data-streaming'));
    expect(
      await screen.findByText(/Not configured: drift needs/),
    ).toBeInTheDocument();
  });
});

describe('DriftPage', () => {
  it('lists every module’s differences, with the module', async () => {
    server.use(
      http.get(`${BASE}/drift`, () =>
        HttpResponse.json({
          readAt: '2026-12-03T08:00:00Z',
          sources,
          modules: [
            streaming,
            { ...streaming, module: 'data-quality', differences: [] },
          ],
        } satisfies DriftReport),
      ),
    );
    await renderInTestApp(<DriftPage />, { apis: [[syncWavesApiRef, client]] });
    const table = await screen.findByRole('table', {
      name: 'Drift of the platform',
    });
    expect(table).toHaveTextContent('data-streaming');
    expect(
      screen.getByText('1 of 2 modules differ; 60 declared objects compared'),
    ).toBeInTheDocument();
  });
});
