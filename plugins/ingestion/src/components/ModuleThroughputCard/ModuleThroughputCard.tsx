import {
  InfoCard,
  StatusError,
  StatusWarning,
} from '@backstage/core-components';
import { CardState, useEntityRead } from '@internal/plugin-base-react';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { ModuleThroughput } from '@internal/plugin-ingestion-common';
import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { ingestionApiRef } from '../../api/IngestionApi';
import { AgainstTarget } from '../AgainstTarget';
import { formatShare, isNotConfigured } from '../format';

type Agent = ModuleThroughput['agents'][number];

const Now = ({ agent }: { agent: Agent }) => {
  if (agent.error && !agent.current)
    return <StatusError>{agent.error}</StatusError>;
  if (agent.state === 'ok' && !agent.current)
    return <StatusWarning>stopped reporting</StatusWarning>;
  return (
    <AgainstTarget
      gbPerHour={agent.current?.gbPerHour}
      target={agent.targetGbPerHour}
    />
  );
};

const AgentsTable = ({ agents }: { agents: Agent[] }) => {
  const stale = agents.find(a => a.error);
  return (
    <InfoCard
      title="Ingestion throughput"
      subheader="GB/h now against each agent's target, from Prometheus"
    >
      {stale && (
        <Alert severity="error" sx={{ mb: 1 }}>
          {stale.error}
          {stale.current ? '. Showing the last good figures.' : ''}
        </Alert>
      )}
      <Table size="small" aria-label="Ingestion throughput">
        <TableHead>
          <TableRow>
            <TableCell>Agent</TableCell>
            <TableCell>Now</TableCell>
            <TableCell>Target</TableCell>
            <TableCell>Time on target</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {agents.map(a => (
            <TableRow key={a.entityRef}>
              <TableCell>
                <EntityRefLink entityRef={a.entityRef} title={a.title} />
              </TableCell>
              <TableCell>
                <Now agent={a} />
              </TableCell>
              <TableCell>{a.targetGbPerHour} GB/h</TableCell>
              <TableCell>{formatShare(a.onTarget24h, '24 h')}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </InfoCard>
  );
};

/**
 * A module's ingestion agents against their targets; not configured, said
 * so; nothing for a module without ingestion agents (throughput is measured
 * for those only).
 */
export const ModuleThroughputCard = () => {
  const state = useEntityRead(useApi(ingestionApiRef), (api, e) =>
    api.getModule(e.namespace, e.name),
  );
  return (
    <CardState
      title="Ingestion throughput"
      state={state}
      notConfigured={{
        is: isNotConfigured,
        message:
          "Not configured: the portal has no Prometheus (ingestion.prometheus.baseUrl) to read the module's ingestion agents' throughput from.",
      }}
      empty={value => (value.agents.length === 0 ? null : undefined)}
    >
      {value => <AgentsTable agents={value.agents} />}
    </CardState>
  );
};
