import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { ServiceEvents } from '@internal/plugin-api-status-common';
import { screen } from '@testing-library/react';
import { apiStatusApiRef } from '../../api/ApiStatusApi';
import { WarningEventsCard } from './WarningEventsCard';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'base-data-ingestion-agent-data-collector' },
};

const render = (answer: ServiceEvents) =>
  renderInTestApp(
    <EntityProvider entity={entity}>
      <WarningEventsCard />
    </EntityProvider>,
    { apis: [[apiStatusApiRef, { getServiceEvents: async () => answer }]] },
  );

const base = {
  cluster: 'base-app-layer-dev',
  namespace: 'base-data-ingestion',
};

describe('WarningEventsCard', () => {
  it('lists the warning events', async () => {
    await render({
      ...base,
      readAt: '2026-11-27T10:00:00Z',
      events: [
        {
          object: 'Pod/base-data-collector-5f7c-aaaaa',
          reason: 'BackOff',
          message: 'Back-off restarting failed container app',
          count: 17,
          lastSeen: '2026-11-27T09:59:00Z',
        },
      ],
    });
    const table = await screen.findByRole('table', { name: 'Warning events' });
    expect(table).toHaveTextContent('Pod/base-data-collector-5f7c-aaaaa');
    expect(table).toHaveTextContent('BackOff');
    expect(table).toHaveTextContent('17');
  });

  it('says when a read found none', async () => {
    await render({ ...base, readAt: '2026-11-27T10:00:00Z', events: [] });
    expect(await screen.findByText('No warning events.')).toBeInTheDocument();
  });

  it('names the cluster that failed, without claiming there are no events', async () => {
    await render({
      ...base,
      events: [],
      error:
        'cluster base-app-layer-dev (127.0.0.1:7101): connect ECONNREFUSED',
    });
    expect(
      await screen.findByText(
        /cluster base-app-layer-dev .*ECONNREFUSED.*no events could be read/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('No warning events.')).not.toBeInTheDocument();
  });
});

describe('WarningEventsCard of a module', () => {
  it("reads the module's namespace, not a service's", async () => {
    const asked: string[] = [];
    await renderInTestApp(
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'System',
          metadata: { name: 'base-data-ingestion' },
        }}
      >
        <WarningEventsCard of="module" />
      </EntityProvider>,
      {
        apis: [
          [
            apiStatusApiRef,
            {
              getModuleEvents: async (_ns: string, name: string) => {
                asked.push(name);
                return { ...base, readAt: '2026-11-27T10:00:00Z', events: [] };
              },
            },
          ],
        ],
      },
    );
    expect(await screen.findByText('No warning events.')).toBeInTheDocument();
    expect(
      screen.getByText(
        /every object of the module in base-app-layer-dev\/base-data-ingestion/,
      ),
    ).toBeInTheDocument();
    expect(asked).toEqual(['base-data-ingestion']);
  });
});
