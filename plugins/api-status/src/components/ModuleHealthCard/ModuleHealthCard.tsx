import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  InfoCard,
  StatusError,
  StatusOK,
  StatusPending,
} from '@backstage/core-components';
import { CardState, useEntityRead } from '@internal/plugin-base-react';
import { useApi } from '@backstage/frontend-plugin-api';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import type { ModuleHealth } from '@internal/plugin-api-status-common';
import { apiStatusApiRef } from '../../api/ApiStatusApi';
import { formatAvailability } from '../format';

const ModuleHealthTable = ({
  services,
}: {
  services: ModuleHealth['services'];
}) => {
  const up = services.filter(s => s.state === 'up').length;
  return (
    <InfoCard
      title="Service health"
      subheader={`${up} of ${services.length} services answer their health endpoints`}
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
          {services.map(s => (
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

/** A module's services at a glance: up, down or not probed, and 24 h availability. */
export const ModuleHealthCard = () => {
  const state = useEntityRead(useApi(apiStatusApiRef), (api, e) =>
    api.getModule(e.namespace, e.name),
  );
  return (
    <CardState title="Service health" state={state}>
      {value => <ModuleHealthTable services={value.services} />}
    </CardState>
  );
};
