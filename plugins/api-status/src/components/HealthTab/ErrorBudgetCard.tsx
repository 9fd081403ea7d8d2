import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { CardState, useEntityRead } from '@internal/plugin-base-react';
import type {
  ServiceBudget,
  ThroughputBudget,
} from '@internal/plugin-api-status-common';
import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { apiStatusApiRef } from '../../api/ApiStatusApi';

const burn = (n: number | undefined, none: string) =>
  n === undefined ? none : `${n.toFixed(1)}×`;

/** The open incident of a budget, and that its owner was told. */
const IncidentAlert = ({
  incident,
}: {
  incident?: ServiceBudget['incident'];
}) =>
  incident ? (
    <Alert severity="error" sx={{ mb: 1 }}>
      {incident.rule} since {new Date(incident.openedAt).toLocaleString()}: the
      owner group was notified.
    </Alert>
  ) : null;

/** What is left of a budget, in large type; overspent said so. */
const BudgetLeft = ({
  remaining,
  none,
}: {
  remaining?: number;
  none: string;
}) => {
  const left =
    remaining === undefined ? none : `${Math.round(remaining * 100)} % left`;
  // a named group: a paragraph may not carry a name (axe aria-prohibited-attr)
  return (
    <Typography
      variant="h5"
      component="div"
      role="group"
      aria-label="Budget left"
    >
      {remaining !== undefined && remaining < 0 ? (
        <StatusError>overspent ({left})</StatusError>
      ) : (
        left
      )}
    </Typography>
  );
};

/** Each burn-rate rule's two windows now and whether it fires. */
const BurnRates = ({
  rules,
  none,
}: {
  rules: ServiceBudget['rules'];
  none: string;
}) => (
  <Table size="small" aria-label="Burn rates">
    <TableHead>
      <TableRow>
        <TableCell>Rule</TableCell>
        <TableCell>Long window</TableCell>
        <TableCell>Short window</TableCell>
        <TableCell>Alerts at</TableCell>
        <TableCell>Now</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {rules.map(r => (
        <TableRow key={r.name}>
          <TableCell>{r.name}</TableCell>
          <TableCell>
            {burn(r.longBurn, none)} over {r.longMinutes} min
          </TableCell>
          <TableCell>
            {burn(r.shortBurn, none)} over {r.shortMinutes} min
          </TableCell>
          <TableCell>{r.factor}×</TableCell>
          <TableCell>
            {r.firing ? (
              <StatusWarning>firing</StatusWarning>
            ) : (
              <StatusOK>quiet</StatusOK>
            )}
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

const BudgetView = ({ value }: { value: ServiceBudget }) => (
  <InfoCard
    title="Error budget"
    subheader={`${(value.objective * 100).toFixed(
      1,
    )} % of endpoint probes OK over ${value.periodDays} days`}
  >
    <section aria-label="Error budget">
      <IncidentAlert incident={value.incident} />
      <BudgetLeft remaining={value.remaining} none="no probes yet" />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {value.failures} failed of {value.probes} probes;{' '}
        {value.allowedFailures.toFixed(1)} allowed
      </Typography>
      <BurnRates rules={value.rules} none="no probes" />
    </section>
  </InfoCard>
);

const ThroughputBudgetView = ({ value }: { value: ThroughputBudget }) => (
  <InfoCard
    title="Throughput budget"
    subheader={`${Math.round(
      value.objective * 100,
    )} % of the New York session at or above target over ${
      value.periodDays
    } days, as Prometheus measures it`}
  >
    <section aria-label="Throughput budget">
      <IncidentAlert incident={value.incident} />
      <BudgetLeft
        remaining={value.remaining}
        none="no session time recorded yet"
      />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {Math.round(value.underMinutes)} min under target of{' '}
        {Math.round(value.sessionMinutes)} min of session recorded;{' '}
        {Math.round(value.sessionMinutes * (1 - value.objective))} min allowed.
        Read {new Date(value.readAt).toLocaleTimeString()}.
      </Typography>
      <BurnRates rules={value.rules} none="no session data" />
    </section>
  </InfoCard>
);

/** Health tab: the service's error budget and its burn-rate alerts. */
export const ErrorBudgetCard = () => {
  const state = useEntityRead(useApi(apiStatusApiRef), (api, e) =>
    api.getServiceBudget(e.namespace, e.name),
  );
  return (
    <CardState title="Error budget" state={state}>
      {value => <BudgetView value={value} />}
    </CardState>
  );
};

/**
 * Health tab of an ingestion agent: its throughput budget and burn rates,
 * from the rules Prometheus evaluates (and alerts its owner on).
 */
export const ThroughputBudgetCard = () => {
  const state = useEntityRead(useApi(apiStatusApiRef), (api, e) =>
    api.getThroughputBudget(e.namespace, e.name),
  );
  return (
    <CardState
      title="Throughput budget"
      upstream="Prometheus"
      state={state}
      notConfigured={{
        is: reason => reason.includes('Prometheus is not configured'),
        message:
          'Not configured: the throughput budget needs Prometheus (ingestion.prometheus.baseUrl) with the rules of deploy/prometheus.',
      }}
    >
      {value => <ThroughputBudgetView value={value} />}
    </CardState>
  );
};
