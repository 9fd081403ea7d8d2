import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Alert from '@mui/material/Alert';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import useInterval from 'react-use/esm/useInterval';
import { syncWavesApiRef } from '../../api/SyncWavesApi';
import { DriftTable } from './DriftTable';
import { DriftSources } from './sources';

const REFRESH_MS = 30_000;

/** The platform's drift: every module, every difference. */
export const DriftPage = () => {
  const api = useApi(syncWavesApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getDrift(),
    [api],
  );
  useInterval(retry, REFRESH_MS);
  let body;
  if (!value && loading) body = <Progress aria-label="Loading the drift" />;
  else if (error && !value) {
    body = error.message.includes('Drift is not configured') ? (
      <Alert severity="info">{error.message}</Alert>
    ) : (
      <ResponseErrorPanel error={error} title="Drift (portal backend)" />
    );
  } else if (value) {
    const differences = value.modules.flatMap(m =>
      m.differences.map(d => ({ ...d, module: m.module })),
    );
    const drifting = value.modules.filter(m => m.differences.length > 0);
    const compared = value.modules.reduce((n, m) => n + m.compared, 0);
    body = (
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard
            title={`Drift (${differences.length})`}
            subheader={`${drifting.length} of ${value.modules.length} modules differ; ${compared} declared objects compared`}
          >
            <section aria-label="Platform drift">
              <DriftSources sources={value.sources} />
              {value.modules.length === 0 && (
                <Alert severity="warning" sx={{ mt: 1 }}>
                  Nothing compared: the tree or every cluster could not be read.
                </Alert>
              )}
              {value.modules.length > 0 && differences.length === 0 && (
                <Typography variant="body2" sx={{ mt: 1 }}>
                  No drift: every cluster runs what the tree declares, and
                  ArgoCD reports nothing OutOfSync.
                </Typography>
              )}
              {differences.length > 0 && (
                <DriftTable
                  differences={differences}
                  label="Drift of the platform"
                  showModule
                />
              )}
            </section>
          </InfoCard>
        </Grid>
      </Grid>
    );
  }
  return (
    <Page themeId="tool">
      <Header
        title="Drift"
        subtitle="The platform repository, the clusters and ArgoCD compared"
      />
      <Content>{body}</Content>
    </Page>
  );
};
