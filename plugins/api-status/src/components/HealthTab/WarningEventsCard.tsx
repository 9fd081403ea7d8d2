import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { apiStatusApiRef } from '../../api/ApiStatusApi';
import { NotLoaded } from '../NotLoaded';

const REFRESH_MS = 30_000;
const time = (iso?: string) => (iso ? new Date(iso).toLocaleString() : '–');

/**
 * The recent Warning events of the service's pods, ReplicaSets, Deployment,
 * HPA and Service; of a module (`of="module"`), of every object in its
 * namespace.
 */
export const WarningEventsCard = ({
  of = 'service',
}: {
  of?: 'service' | 'module';
}) => {
  const { entity } = useEntity();
  const api = useApi(apiStatusApiRef);
  const namespace = entity.metadata.namespace ?? 'default';
  const { value, error, loading, retry } = useAsyncRetry(
    () =>
      of === 'module'
        ? api.getModuleEvents(namespace, entity.metadata.name)
        : api.getServiceEvents(namespace, entity.metadata.name),
    [api, of, namespace, entity.metadata.name],
  );
  useEffect(() => {
    const timer = setInterval(retry, REFRESH_MS);
    return () => clearInterval(timer);
  }, [retry]);
  const title = 'Recent warning events';
  if (!value)
    return <NotLoaded title={title} loading={loading} error={error} />;
  return (
    <InfoCard
      title={title}
      subheader={`Warning events of ${
        of === 'module'
          ? 'every object of the module'
          : 'its pods, ReplicaSets, Deployment, HPA and Service'
      } in ${value.cluster}/${value.namespace}${
        value.readAt ? `, read ${time(value.readAt)}` : ''
      }.`}
    >
      {value.error && (
        <Alert severity="error" sx={{ mb: 2 }}>
          {value.error}
          {value.readAt
            ? ` — showing the events read ${time(value.readAt)}.`
            : ' — no events could be read.'}
        </Alert>
      )}
      {value.readAt && value.events.length === 0 && (
        <Alert severity="success">No warning events.</Alert>
      )}
      {value.events.length > 0 && (
        <Table size="small" aria-label="Warning events">
          <TableHead>
            <TableRow>
              <TableCell>Object</TableCell>
              <TableCell>Reason</TableCell>
              <TableCell>Message</TableCell>
              <TableCell>Count</TableCell>
              <TableCell>Last seen</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {value.events.map(e => (
              <TableRow key={`${e.object} ${e.reason} ${e.lastSeen}`}>
                <TableCell>
                  <code>{e.object}</code>
                </TableCell>
                <TableCell>{e.reason}</TableCell>
                <TableCell>{e.message}</TableCell>
                <TableCell>{e.count}</TableCell>
                <TableCell>{time(e.lastSeen)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
};
