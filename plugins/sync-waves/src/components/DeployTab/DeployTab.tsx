import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
  Table,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { ServiceResource } from '@internal/plugin-sync-waves-common';
import Alert from '@mui/material/Alert';
import Grid from '@mui/material/Grid';
import MuiTable from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import { ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { syncWavesApiRef } from '../../api/SyncWavesApi';

/** The ArgoCD Application of an entity; the same key Roadie's plugin reads. */
export const ARGOCD_APP_ANNOTATION = 'argocd/app-name';

export function HealthStatus({
  health,
  children,
}: {
  health?: string;
  children: ReactNode;
}) {
  if (health === 'Healthy') return <StatusOK>{children}</StatusOK>;
  if (health === 'Degraded') return <StatusError>{children}</StatusError>;
  if (health === 'Progressing')
    return <StatusPending>{children}</StatusPending>;
  return <StatusWarning>{children}</StatusWarning>;
}

const Row = ({ label, children }: { label: string; children: ReactNode }) => (
  <TableRow>
    <TableCell component="th" scope="row" sx={{ fontWeight: 600, width: 180 }}>
      {label}
    </TableCell>
    <TableCell>{children}</TableCell>
  </TableRow>
);

/** Deploy tab: the entity's Application, its wave and blockers, and its own objects in it. */
export const DeployTab = () => {
  const { entity } = useEntity();
  const api = useApi(syncWavesApiRef);
  const annotations = entity.metadata.annotations ?? {};
  const appName = annotations[ARGOCD_APP_ANNOTATION];
  const workload = annotations['backstage.io/kubernetes-id'];
  const service = annotations['base.io/kubernetes-service'];
  const isService = entity.kind.toLowerCase() === 'component' && !!workload;
  const { value, loading, error } = useAsync(
    () =>
      api.getApplication(
        appName!,
        isService ? { id: workload!, service } : undefined,
      ),
    [api, appName, workload, service],
  );
  if (!appName) {
    return (
      <Alert severity="info">
        Not configured: this entity has no {ARGOCD_APP_ANNOTATION} annotation.
      </Alert>
    );
  }
  if (loading) return <Progress />;
  if (error)
    return (
      <ResponseErrorPanel
        error={error}
        title={`ArgoCD: Application ${appName}`}
      />
    );
  const { application: app, blockedBy, resources, stale, fetchedAt } = value!;
  return (
    <Grid container spacing={3}>
      {stale && (
        <Grid item xs={12}>
          <Alert severity="error">
            {value!.error}. Showing the last good data, read at{' '}
            {new Date(fetchedAt).toLocaleString()}.
          </Alert>
        </Grid>
      )}
      <Grid item xs={12} md={5}>
        <InfoCard
          title={`Application ${app.name}`}
          subheader="ArgoCD, as the portal last read it"
        >
          <MuiTable size="small" aria-label="ArgoCD Application">
            <TableBody>
              <Row label="Sync">
                {app.sync === 'Synced' ? (
                  <StatusOK>Synced</StatusOK>
                ) : (
                  <StatusWarning>{app.sync}</StatusWarning>
                )}
              </Row>
              <Row label="Health">
                <HealthStatus health={app.health}>
                  {app.health}
                  {app.healthMessage ? `: ${app.healthMessage}` : ''}
                </HealthStatus>
              </Row>
              <Row label="Sync wave">{app.wave}</Row>
              <Row label="Revision">
                {app.revision?.slice(0, 12) ?? 'unknown'}
              </Row>
              {app.operation && (
                <Row label="Last sync">
                  {app.operation.phase}
                  {app.operation.message ? `: ${app.operation.message}` : ''}
                </Row>
              )}
              <Row label="Blocked by">
                {blockedBy
                  ? `wave ${blockedBy.wave} (${blockedBy.applications.join(
                      ', ',
                    )})`
                  : 'nothing'}
              </Row>
              <Row label="Read at">{new Date(fetchedAt).toLocaleString()}</Row>
            </TableBody>
          </MuiTable>
        </InfoCard>
      </Grid>
      {resources && (
        <Grid item xs={12} md={7}>
          <Table<ServiceResource>
            title={`${workload} in ${app.name}`}
            options={{ paging: false, search: false, padding: 'dense' }}
            columns={[
              { title: 'Kind', field: 'kind' },
              { title: 'Name', field: 'name' },
              { title: 'Sync', field: 'sync', render: r => r.sync ?? '' },
              {
                title: 'Health',
                field: 'health',
                render: r =>
                  r.health ? (
                    <HealthStatus health={r.health}>
                      {r.health}
                      {r.healthMessage ? `: ${r.healthMessage}` : ''}
                    </HealthStatus>
                  ) : (
                    ''
                  ),
              },
              {
                title: 'Last sync',
                field: 'lastSync',
                render: r =>
                  r.lastSync
                    ? `${r.lastSync.status}${
                        r.lastSync.message ? `: ${r.lastSync.message}` : ''
                      }`
                    : '',
              },
            ]}
            data={resources}
            emptyContent={
              <Alert severity="warning">
                ArgoCD shows no objects of {workload} in {app.name}.
              </Alert>
            }
          />
        </Grid>
      )}
    </Grid>
  );
};
