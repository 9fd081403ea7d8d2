import {
  Content,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  HealthStatus,
  Wave,
  WaveApplication,
} from '@internal/plugin-sync-waves-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardContent from '@mui/material/CardContent';
import { StaleNotice } from '@internal/plugin-base-react';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { syncWavesApiRef } from '../../api/SyncWavesApi';

const DOMAIN_WAVES: Record<number, string> = {
  0: 'Platform core',
  1: 'Security and monitoring',
  2: 'Mesh and UI',
  3: 'Data tools',
  4: 'Data Foundation',
  5: 'Processing & Analytics',
  6: 'Orchestration & Management',
  7: 'Distribution & Control',
};

function Status({
  sync,
  health,
  children,
}: {
  sync: string;
  health: HealthStatus;
  children: React.ReactNode;
}) {
  if (health === 'Degraded') return <StatusError>{children}</StatusError>;
  if (health === 'Missing' || health === 'Unknown')
    return <StatusWarning>{children}</StatusWarning>;
  if (sync !== 'Synced' || health === 'Progressing')
    return <StatusPending>{children}</StatusPending>;
  return <StatusOK>{children}</StatusOK>;
}

const App = ({ app }: { app: WaveApplication }) => (
  <li>
    <Status sync={app.sync} health={app.health}>
      {app.name}: {app.sync} / {app.health}
    </Status>
    {app.operation && app.operation.phase !== 'Succeeded' && (
      <Typography variant="caption" component="div" color="text.secondary">
        {app.operation.phase}: {app.operation.message}
      </Typography>
    )}
  </li>
);

const WaveCard = ({ wave }: { wave: Wave }) => (
  <Card
    variant="outlined"
    component="section"
    aria-label={`Wave ${wave.wave}`}
    sx={{ height: '100%' }}
  >
    <CardContent>
      <Typography variant="h6" component="h2">
        Wave {wave.wave}: {DOMAIN_WAVES[wave.wave] ?? ''}
      </Typography>
      <Status sync={wave.sync} health={wave.health}>
        {wave.applications.length === 0
          ? 'no Applications'
          : `${wave.sync} / ${wave.health}`}
      </Status>
      {wave.blockedBy && (
        <Alert severity="warning" sx={{ my: 1 }}>
          Blocked by wave {wave.blockedBy.wave}:{' '}
          {wave.blockedBy.applications.join(', ')}
        </Alert>
      )}
      {wave.applicationSets.length > 0 && (
        <Typography variant="caption" component="div" color="text.secondary">
          ApplicationSets: {wave.applicationSets.join(', ')}
        </Typography>
      )}
      <Box component="ul" sx={{ pl: 0, listStyle: 'none', m: 0 }}>
        {wave.applications.map(a => (
          <App key={a.name} app={a} />
        ))}
      </Box>
    </CardContent>
  </Card>
);

/** Waves 0-7 as ArgoCD syncs them. */
export const WaveBoardPage = () => {
  const api = useApi(syncWavesApiRef);
  const { value, loading, error } = useAsync(() => api.getWaveBoard(), [api]);
  return (
    <Page themeId="tool">
      <Header
        title="Sync waves"
        subtitle="ArgoCD ApplicationSets and Applications by sync wave, and what blocks a later wave"
      />
      <Content>
        {loading && <Progress />}
        {error && (
          <ResponseErrorPanel error={error} title="ArgoCD unavailable" />
        )}
        {value?.stale && (
          <StaleNotice error={value.error} readAt={value.fetchedAt} />
        )}
        {value && (
          <Grid container spacing={2}>
            {value.waves.map(w => (
              <Grid item xs={12} md={6} lg={3} key={w.wave}>
                <WaveCard wave={w} />
              </Grid>
            ))}
          </Grid>
        )}
      </Content>
    </Page>
  );
};
