import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import { EmptyState, Link } from '@backstage/core-components';
import Box from '@mui/material/Box';
import Card from '@mui/material/Card';
import CardActionArea from '@mui/material/CardActionArea';
import CardContent from '@mui/material/CardContent';
import Grid from '@mui/material/Grid';
import Typography from '@mui/material/Typography';
import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { apiStatusApiRef } from '@internal/plugin-api-status';
import { ANNOTATION_PROXY_ENABLED } from '@internal/plugin-base-platform-common';
import type { ToolStatus } from '@internal/plugin-api-status-common';
import useAsync from 'react-use/esm/useAsync';
import { readPlatformTools } from './readPlatformTools';

/** A tool's status as the portal backend measured it; nothing it did not measure. */
const Status = ({
  status,
  loading,
  failed,
}: {
  status?: ToolStatus;
  loading: boolean;
  failed?: Error;
}) => {
  if (loading) return <StatusPending>checking</StatusPending>;
  if (failed)
    return <StatusWarning>status unavailable: {failed.message}</StatusWarning>;
  if (!status || status.state === 'not-configured')
    return <StatusWarning>no health URL configured</StatusWarning>;
  if (status.state === 'up')
    return <StatusOK>up ({status.responseMs} ms)</StatusOK>;
  return <StatusError>down: {status.error}</StatusError>;
};

/**
 * The tools whose location the platform repository's Platform UI proxy has
 * commented out (their catalog entity says `base.io/proxy-enabled: "false"`):
 * their public URL reaches no tool. Unknown while the catalog is not read.
 */
function useUnproxied(): Set<string> {
  const catalogApi = useApi(catalogApiRef);
  const { value } = useAsync(
    () =>
      catalogApi.getEntities({
        filter: { kind: 'component', 'spec.type': 'platform-service' },
        fields: [
          'metadata.name',
          `metadata.annotations.${ANNOTATION_PROXY_ENABLED}`,
        ],
      }),
    [catalogApi],
  );
  return new Set(
    (value?.items ?? [])
      .filter(
        e => e.metadata.annotations?.[ANNOTATION_PROXY_ENABLED] === 'false',
      )
      .map(e => e.metadata.name),
  );
}

/**
 * The platform tools of the BASE App Layer, from config, each with its live
 * status as the portal backend measures it (api-status, server-side), and
 * whether the Platform UI proxy serves its public URL.
 */
export const PlatformTools = () => {
  const tools = readPlatformTools(useApi(configApiRef));
  const api = useApi(apiStatusApiRef);
  const statuses = useAsync(() => api.getTools(), [api]);
  const unproxied = useUnproxied();

  if (tools.length === 0) {
    return (
      <EmptyState
        missing="field"
        title="No platform tools configured"
        description="List the platform tools under base.tools in app-config.yaml."
      />
    );
  }

  return (
    <Grid
      container
      spacing={2}
      component="ul"
      sx={{ listStyle: 'none', p: 0, m: 0 }}
    >
      {tools.map(tool => (
        <Grid item xs={12} sm={6} md={4} key={tool.id} component="li">
          <Card variant="outlined" sx={{ height: '100%' }}>
            <CardActionArea
              component={Link}
              to={tool.url}
              sx={{ height: '100%' }}
            >
              <CardContent>
                <Typography variant="h6" component="h3">
                  {tool.title}
                </Typography>
                {tool.description && (
                  <Typography variant="body2" color="text.secondary">
                    {tool.description}
                  </Typography>
                )}
                <Box mt={1}>
                  <Typography variant="caption" color="text.secondary">
                    {tool.url}
                  </Typography>
                </Box>
                {unproxied.has(tool.id) && (
                  <Box mt={0.5}>
                    <StatusWarning>
                      Not served at this URL: its location in the Platform UI
                      proxy is commented out
                    </StatusWarning>
                  </Box>
                )}
                <Box mt={1} aria-label={`${tool.title} status`}>
                  <Status
                    loading={statuses.loading}
                    failed={statuses.error}
                    status={statuses.value?.find(s => s.id === tool.id)}
                  />
                </Box>
              </CardContent>
            </CardActionArea>
          </Card>
        </Grid>
      ))}
    </Grid>
  );
};
