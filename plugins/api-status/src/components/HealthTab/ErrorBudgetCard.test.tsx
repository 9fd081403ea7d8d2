import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type {
  ServiceBudget,
  ThroughputBudget,
} from '@internal/plugin-api-status-common';
import { screen } from '@testing-library/react';
import { apiStatusApiRef } from '../../api/ApiStatusApi';
import { ErrorBudgetCard, ThroughputBudgetCard } from './ErrorBudgetCard';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'base-data-ingestion-agent-data-collector' },
};

const render = (answer: ServiceBudget) =>
  renderInTestApp(
    <EntityProvider entity={entity}>
      <ErrorBudgetCard />
    </EntityProvider>,
    { apis: [[apiStatusApiRef, { getServiceBudget: async () => answer }]] },
  );

const rules = (firing: boolean): ServiceBudget['rules'] => [
  {
    name: 'fast burn',
    severity: 'critical',
    factor: 14.4,
    longMinutes: 60,
    shortMinutes: 5,
    longBurn: firing ? 166.7 : 0,
    shortBurn: firing ? 1000 : 0,
    firing,
  },
];

describe('ErrorBudgetCard', () => {
  it('shows the budget left and a quiet rule', async () => {
    await render({
      objective: 0.999,
      periodDays: 30,
      probes: 10_000,
      failures: 5,
      allowedFailures: 10,
      remaining: 0.5,
      rules: rules(false),
    });
    expect(await screen.findByLabelText('Budget left')).toHaveTextContent(
      '50 % left',
    );
    const table = screen.getByRole('table', { name: 'Burn rates' });
    expect(table).toHaveTextContent('0.0× over 60 min');
    expect(table).toHaveTextContent('quiet');
  });

  it('says the budget is overspent and the owner was told while a rule fires', async () => {
    await render({
      objective: 0.999,
      periodDays: 30,
      probes: 3618,
      failures: 18,
      allowedFailures: 3.6,
      remaining: -4,
      rules: rules(true),
      incident: { rule: 'fast burn', severity: 'critical', openedAt: 0 },
    });
    expect(await screen.findByLabelText('Budget left')).toHaveTextContent(
      'overspent',
    );
    expect(
      screen.getByText(/fast burn since .*: the owner group was notified/),
    ).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Burn rates' })).toHaveTextContent(
      'firing',
    );
  });
});

describe('ThroughputBudgetCard', () => {
  const renderThroughput = (
    getThroughputBudget: () => Promise<ThroughputBudget>,
  ) =>
    renderInTestApp(
      <EntityProvider entity={entity}>
        <ThroughputBudgetCard />
      </EntityProvider>,
      { apis: [[apiStatusApiRef, { getThroughputBudget }]] },
    );

  it("shows the session time under target, the budget left and Prometheus' firing alert", async () => {
    await renderThroughput(async () => ({
      objective: 0.99,
      periodDays: 30,
      sessionMinutes: 3900,
      underMinutes: 19.5,
      remaining: 0.5,
      rules: rules(true),
      incident: { rule: 'fast burn', severity: 'critical', openedAt: 0 },
      readAt: new Date(0).toISOString(),
    }));
    expect(await screen.findByLabelText('Budget left')).toHaveTextContent(
      '50 % left',
    );
    expect(
      screen.getByText(
        /20 min under target of 3900 min of session recorded; 39 min allowed/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/fast burn since .*: the owner group was notified/),
    ).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Burn rates' })).toHaveTextContent(
      'firing',
    );
  });

  it('says there is no session data rather than a figure', async () => {
    await renderThroughput(async () => ({
      objective: 0.99,
      periodDays: 30,
      sessionMinutes: 0,
      underMinutes: 0,
      rules: [
        { ...rules(false)[0], longBurn: undefined, shortBurn: undefined },
      ],
      readAt: new Date(0).toISOString(),
    }));
    expect(await screen.findByLabelText('Budget left')).toHaveTextContent(
      'no session time recorded yet',
    );
    expect(screen.getByRole('table', { name: 'Burn rates' })).toHaveTextContent(
      'no session data over 60 min',
    );
  });

  it('says what it needs when Prometheus is not configured', async () => {
    await renderThroughput(async () => {
      throw new Error(
        'Prometheus is not configured: set ingestion.prometheus.baseUrl in app-config',
      );
    });
    expect(
      await screen.findByText(
        /Not configured: the throughput budget needs Prometheus/,
      ),
    ).toBeInTheDocument();
  });
});
