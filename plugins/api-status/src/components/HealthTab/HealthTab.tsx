import { useEntity } from '@backstage/plugin-catalog-react';
import { ingestionAgentOf } from '@internal/plugin-base-platform-common';
import Grid from '@mui/material/Grid';
import { ReactElement } from 'react';
import { ApiStatusCard } from './ApiStatusCard';
import { ErrorBudgetCard, ThroughputBudgetCard } from './ErrorBudgetCard';
import { WarningEventsCard } from './WarningEventsCard';

/**
 * Health tab: the service's API status as the portal measures it, its
 * error budget and burn rates (and an ingestion agent's throughput budget),
 * its recent Warning events, and its
 * Kubernetes workloads (pods, Deployment, HPA, events) from the Kubernetes
 * plugin, whose content the app attaches here.
 */
export const HealthTab = ({ kubernetes }: { kubernetes?: ReactElement }) => {
  const { entity } = useEntity();
  const isIngestionAgent = !!ingestionAgentOf(entity);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <ApiStatusCard />
      </Grid>
      <Grid item xs={12} md={isIngestionAgent ? 6 : 12}>
        <ErrorBudgetCard />
      </Grid>
      {isIngestionAgent && (
        <Grid item xs={12} md={6}>
          <ThroughputBudgetCard />
        </Grid>
      )}
      <Grid item xs={12}>
        <WarningEventsCard />
      </Grid>
      {kubernetes && (
        <Grid item xs={12}>
          {kubernetes}
        </Grid>
      )}
    </Grid>
  );
};
