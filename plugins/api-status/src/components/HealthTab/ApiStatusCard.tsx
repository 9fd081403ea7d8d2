import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type {
  EndpointHealth,
  ServiceHealth,
} from '@internal/plugin-api-status-common';
import { AVAILABILITY_TARGET } from '@internal/plugin-api-status-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { apiStatusApiRef } from '../../api/ApiStatusApi';
import { formatAvailability, formatMs, meetsTarget } from '../format';
import { NotLoaded } from '../NotLoaded';
import { ResponseTimeChart } from './ResponseTimeChart';

const State = ({ endpoint }: { endpoint: EndpointHealth }) => {
  const c = endpoint.current;
  if (!c) return <StatusPending>not probed yet</StatusPending>;
  if (c.ok) return <StatusOK>OK ({c.statusCode})</StatusOK>;
  return <StatusError>{c.error ?? 'failing'}</StatusError>;
};

const Availability = ({ ratio }: { ratio?: number }) => {
  if (ratio === undefined) return <>{formatAvailability(ratio)}</>;
  if (meetsTarget(ratio))
    return <StatusOK>{formatAvailability(ratio)}</StatusOK>;
  return <StatusError>{formatAvailability(ratio)}</StatusError>;
};

/** Refetches every probe interval while the tab is open. */
function useServiceHealth(namespace: string, name: string) {
  const api = useApi(apiStatusApiRef);
  const state = useAsyncRetry(
    () => api.getService(namespace, name),
    [api, namespace, name],
  );
  const [interval, setIntervalSeconds] = useState(30);
  useEffect(() => {
    if (state.value) setIntervalSeconds(state.value.intervalSeconds);
  }, [state.value]);
  const { retry } = state;
  useEffect(() => {
    const timer = setInterval(retry, Math.max(5, interval) * 1000);
    return () => clearInterval(timer);
  }, [retry, interval]);
  return state;
}

const Endpoints = ({ health }: { health: ServiceHealth }) => (
  <Table size="small" aria-label="Health endpoints">
    <TableHead>
      <TableRow>
        <TableCell>Endpoint</TableCell>
        <TableCell>Now</TableCell>
        <TableCell>Last response</TableCell>
        <TableCell>p50 / p95 (24 h)</TableCell>
        <TableCell>24 h</TableCell>
        <TableCell>7 d</TableCell>
        <TableCell>30 d</TableCell>
        <TableCell>Last failure</TableCell>
      </TableRow>
    </TableHead>
    <TableBody>
      {health.endpoints.map(e => (
        <TableRow key={e.path}>
          <TableCell>
            <code>{e.path}</code>
          </TableCell>
          <TableCell>
            <State endpoint={e} />
          </TableCell>
          <TableCell>
            {formatMs(e.current?.responseMs)}
            {e.current && (
              <Typography variant="caption" display="block">
                {new Date(e.current.checkedAt).toLocaleTimeString()}
              </Typography>
            )}
          </TableCell>
          <TableCell>
            {formatMs(e.p50Ms)} / {formatMs(e.p95Ms)}
          </TableCell>
          {e.availability.map(a => (
            <TableCell key={a.windowDays}>
              <Availability ratio={a.ratio} />
              <Typography variant="caption" display="block">
                {a.ok}/{a.probes}
              </Typography>
            </TableCell>
          ))}
          <TableCell>
            {e.lastFailure
              ? `${new Date(e.lastFailure.checkedAt).toLocaleString()}: ${
                  e.lastFailure.error
                }`
              : 'none'}
          </TableCell>
        </TableRow>
      ))}
    </TableBody>
  </Table>
);

/** API status of a service: its health endpoints as the portal measures them. */
export const ApiStatusCard = () => {
  const { entity } = useEntity();
  const namespace = entity.metadata.namespace ?? 'default';
  const { value, error, loading } = useServiceHealth(
    namespace,
    entity.metadata.name,
  );
  const title = 'API status';
  if (!value)
    return <NotLoaded title={title} loading={loading} error={error} />;
  const t = value.target;
  return (
    <InfoCard
      title={title}
      subheader={
        t
          ? `Probed every ${
              value.intervalSeconds
            } s through the Kubernetes API service proxy of ${t.cluster}: ${
              t.namespace
            }/${t.service}:${t.port}. Target ${
              AVAILABILITY_TARGET * 100
            }% availability.`
          : undefined
      }
    >
      {error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          The portal backend did not answer: {error.message}. Showing the last
          answer.
        </Alert>
      )}
      {value.notProbed ? (
        <Alert severity="info">{value.notProbed}</Alert>
      ) : (
        <>
          <Endpoints health={value} />
          <Box mt={3}>
            <Typography variant="subtitle2" gutterBottom>
              Response time over 24 h (p95 per 15 minutes; failures in red)
            </Typography>
            <ResponseTimeChart endpoints={value.endpoints} />
          </Box>
        </>
      )}
    </InfoCard>
  );
};
