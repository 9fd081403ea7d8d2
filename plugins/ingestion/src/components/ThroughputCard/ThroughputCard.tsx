import { InfoCard, StatusOK, StatusWarning } from '@backstage/core-components';
import {
  CardState,
  StaleNotice,
  useEntityRead,
} from '@internal/plugin-base-react';
import { useApi } from '@backstage/frontend-plugin-api';
import type { AgentThroughput } from '@internal/plugin-ingestion-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { ingestionApiRef } from '../../api/IngestionApi';
import {
  formatGbPerHour,
  formatRecords,
  formatShare,
  isNotConfigured,
} from '../format';
import { ThroughputChart } from './ThroughputChart';

const TITLE = 'Throughput';

/** Now against the target: "on target" only at or above it. */
export const NowAgainstTarget = ({ value }: { value: AgentThroughput }) => {
  if (!value.current) {
    return (
      <Alert severity="warning">
        No sample in the last 5 minutes: the agent stopped reporting
        base_ingestion_bytes_total.
      </Alert>
    );
  }
  const on = value.current.gbPerHour >= value.targetGbPerHour;
  return (
    <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, mb: 1 }}>
      <Typography variant="h4" component="p" aria-label="GB per hour now">
        {formatGbPerHour(value.current.gbPerHour)}
      </Typography>
      <Typography variant="body1" component="span">
        {on ? (
          <StatusOK>on target ({value.targetGbPerHour} GB/h)</StatusOK>
        ) : (
          <StatusWarning>
            below target ({value.targetGbPerHour} GB/h)
          </StatusWarning>
        )}
      </Typography>
      <Typography variant="body2" color="text.secondary" component="span">
        {formatRecords(value.current.recordsPerSecond)}
      </Typography>
    </Box>
  );
};

const Sources = ({ value }: { value: AgentThroughput }) => {
  const total = value.sources.reduce((s, x) => s + x.gbPerHour, 0);
  if (value.sources.length === 0) return null;
  return (
    <Table size="small" aria-label="Top sources">
      <TableHead>
        <TableRow>
          <TableCell>Source</TableCell>
          <TableCell align="right">GB/h</TableCell>
          <TableCell align="right">Records/s</TableCell>
          <TableCell align="right">Share</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {value.sources.slice(0, 5).map(s => (
          <TableRow key={s.source}>
            <TableCell>{s.source}</TableCell>
            <TableCell align="right">{s.gbPerHour.toFixed(1)}</TableCell>
            <TableCell align="right">
              {Math.round(s.recordsPerSecond).toLocaleString('en-US')}
            </TableCell>
            <TableCell align="right">
              {total > 0 ? `${Math.round((s.gbPerHour / total) * 100)}%` : '–'}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
};

const AgentThroughputView = ({ value }: { value: AgentThroughput }) => {
  return (
    <Box component="section" aria-label={TITLE}>
      <InfoCard
        title={TITLE}
        subheader={`Prometheus, base_ingestion_bytes_total of ${value.module}/${
          value.agent
        }, read at ${new Date(value.readAt).toLocaleTimeString()}`}
      >
        <StaleNotice error={value.error} readAt={value.readAt} what="figures" />
        {value.state === 'no-data' ? (
          <Alert severity="info">
            No series yet: Prometheus has no base_ingestion_bytes_total for
            module "{value.module}", agent "{value.agent}". The agent is not
            scraped yet or does not export the ingestion metrics
            (docs/ingestion-metrics.md). Target: {value.targetGbPerHour} GB/h.
          </Alert>
        ) : (
          <>
            <NowAgainstTarget value={value} />
            <ThroughputChart
              series={value.series}
              target={value.targetGbPerHour}
            />
            <Typography variant="body2" sx={{ my: 1 }}>
              Time on target — {formatShare(value.onTarget24h, '24 h')} ·{' '}
              {formatShare(value.onTarget7d, '7 d')}
            </Typography>
            <Sources value={value} />
          </>
        )}
      </InfoCard>
    </Box>
  );
};

/** An ingestion agent's GB/h against its target: now, 24 h, top sources, time on target. */
export const ThroughputCard = () => {
  const state = useEntityRead(useApi(ingestionApiRef), (api, e) =>
    api.getAgent(e.namespace, e.name),
  );
  return (
    <CardState
      title={TITLE}
      upstream="Prometheus"
      state={state}
      notConfigured={{
        is: isNotConfigured,
        message:
          'Not configured: the portal has no Prometheus (ingestion.prometheus.baseUrl).',
      }}
    >
      {value => <AgentThroughputView value={value} />}
    </CardState>
  );
};
