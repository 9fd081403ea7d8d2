import Grid from '@mui/material/Grid';
import { ReactElement } from 'react';
import { ApiStatusCard } from './ApiStatusCard';
import { ErrorBudgetCard } from './ErrorBudgetCard';
import { WarningEventsCard } from './WarningEventsCard';

/**
 * Health tab: the service's API status as the portal measures it, its
 * error budget and burn rates, its recent Warning events, and its
 * Kubernetes workloads (pods, Deployment, HPA, events) from the Kubernetes
 * plugin, whose content the app attaches here.
 */
export const HealthTab = ({ kubernetes }: { kubernetes?: ReactElement }) => (
  <Grid container spacing={3}>
    <Grid item xs={12}>
      <ApiStatusCard />
    </Grid>
    <Grid item xs={12}>
      <ErrorBudgetCard />
    </Grid>
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
