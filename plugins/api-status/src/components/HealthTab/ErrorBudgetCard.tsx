import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { CardState, useEntityRead } from '@internal/plugin-base-react';
import type { ServiceBudget } from '@internal/plugin-api-status-common';
import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { apiStatusApiRef } from '../../api/ApiStatusApi';

const burn = (n?: number) =>
  n === undefined ? 'no probes' : `${n.toFixed(1)}×`;

const BudgetView = ({ value }: { value: ServiceBudget }) => {
  const left =
    value.remaining === undefined
      ? 'no probes yet'
      : `${Math.round(value.remaining * 100)} % left`;
  return (
    <InfoCard
      title="Error budget"
      subheader={`${(value.objective * 100).toFixed(
        1,
      )} % of endpoint probes OK over ${value.periodDays} days`}
    >
      <section aria-label="Error budget">
        {value.incident && (
          <Alert severity="error" sx={{ mb: 1 }}>
            {value.incident.rule} since{' '}
            {new Date(value.incident.openedAt).toLocaleString()}: the owner
            group was notified.
          </Alert>
        )}
        <Typography variant="h5" component="p" aria-label="Budget left">
          {value.remaining !== undefined && value.remaining < 0 ? (
            <StatusError>overspent ({left})</StatusError>
          ) : (
            left
          )}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {value.failures} failed of {value.probes} probes;{' '}
          {value.allowedFailures.toFixed(1)} allowed
        </Typography>
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
            {value.rules.map(r => (
              <TableRow key={r.name}>
                <TableCell>{r.name}</TableCell>
                <TableCell>
                  {burn(r.longBurn)} over {r.longMinutes} min
                </TableCell>
                <TableCell>
                  {burn(r.shortBurn)} over {r.shortMinutes} min
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
      </section>
    </InfoCard>
  );
};

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
