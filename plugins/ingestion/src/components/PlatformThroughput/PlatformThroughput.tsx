import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Alert from '@mui/material/Alert';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { ingestionApiRef } from '../../api/IngestionApi';
import { AgainstTarget } from '../AgainstTarget';
import { formatGbPerHour, isNotConfigured } from '../format';
import { errorReason, StaleNotice } from '@internal/plugin-base-react';

/** Home: the platform's ingestion now, per agent against its target. */
export const PlatformThroughput = () => {
  const api = useApi(ingestionApiRef);
  const { value, loading, error } = useAsync(() => api.getPlatform(), [api]);
  if (loading) return <Progress />;
  if (error && isNotConfigured(errorReason(error))) {
    return (
      <Alert severity="info">
        Not configured: the portal has no Prometheus
        (ingestion.prometheus.baseUrl).
      </Alert>
    );
  }
  if (error || !value) {
    return <ResponseErrorPanel error={error!} title="Ingestion (Prometheus)" />;
  }
  const reporting = value.agents.filter(a => a.gbPerHour !== undefined);
  const below = reporting.filter(a => a.gbPerHour! < a.targetGbPerHour);
  return (
    <>
      <StaleNotice error={value.error} readAt={value.readAt} what="figures" />
      <Typography variant="h5" component="p" aria-label="Platform GB per hour">
        {formatGbPerHour(value.totalGbPerHour)}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {reporting.length} of {value.agents.length} ingestion agents report;{' '}
        {below.length} below target
      </Typography>
      <Table size="small" aria-label="Ingestion by agent">
        <TableBody>
          {value.agents.map(a => (
            <TableRow key={a.entityRef}>
              <TableCell>
                <EntityRefLink entityRef={a.entityRef} title={a.title} />
              </TableCell>
              <TableCell>
                <AgainstTarget
                  gbPerHour={a.gbPerHour}
                  target={a.targetGbPerHour}
                />
              </TableCell>
              <TableCell>of {a.targetGbPerHour} GB/h</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </>
  );
};
