import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import useAsync from 'react-use/esm/useAsync';
import { apiStatusApiRef } from '../../api/ApiStatusApi';
import { formatAvailability } from '../format';

/** A module's services at a glance: up, down or not probed, and 24 h availability. */
export const ModuleHealthCard = () => {
  const { entity } = useEntity();
  const api = useApi(apiStatusApiRef);
  const { value, loading, error } = useAsync(
    () =>
      api.getModule(
        entity.metadata.namespace ?? 'default',
        entity.metadata.name,
      ),
    [api, entity],
  );
  if (loading)
    return (
      <InfoCard title="Service health">
        <Progress />
      </InfoCard>
    );
  if (error || !value)
    return (
      <ResponseErrorPanel
        error={error!}
        title="Service health (portal backend)"
      />
    );
  const up = value.services.filter(s => s.state === 'up').length;
  return (
    <InfoCard
      title="Service health"
      subheader={`${up} of ${value.services.length} services answer their health endpoints`}
    >
      <Table size="small" aria-label="Service health">
        <TableHead>
          <TableRow>
            <TableCell>Service</TableCell>
            <TableCell>Now</TableCell>
            <TableCell>24 h availability</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {value.services.map(s => (
            <TableRow key={s.entityRef}>
              <TableCell>
                <EntityRefLink entityRef={s.entityRef} title={s.title} />
              </TableCell>
              <TableCell>
                {s.state === 'up' && <StatusOK>up</StatusOK>}
                {s.state === 'down' && <StatusError>{s.error}</StatusError>}
                {s.state === 'unknown' && (
                  <StatusPending>not probed yet</StatusPending>
                )}
              </TableCell>
              <TableCell>{formatAvailability(s.availability24h)}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
};
