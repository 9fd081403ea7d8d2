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
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ARGOCD_APP_ANNOTATION,
  ApplicationDeployment,
  ServiceResource,
} from '@internal/plugin-sync-waves-common';
import {
  argoApplicationOf,
  hpaNameOf,
  isDeployedService,
  kubernetesIdOf,
  kubernetesServiceOf,
} from '@internal/plugin-base-platform-common';
import { StaleNotice } from '@internal/plugin-base-react';
import Alert from '@mui/material/Alert';
import Grid from '@mui/material/Grid';
import MuiTable from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import { ReactElement, ReactNode } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { syncWavesApiRef } from '../../api/SyncWavesApi';
import { SyncButton } from '../SyncButton';

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

/** The module's System, the resource the sync permission is decided on. */
export function moduleSystemRef(entity: Entity): string | undefined {
  if (entity.kind.toLowerCase() === 'system') return stringifyEntityRef(entity);
  const system = (entity.spec as { system?: string } | undefined)?.system;
  if (!system) return undefined;
  return stringifyEntityRef(
    parseEntityRef(system, {
      defaultKind: 'system',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}

/** The Application of an entity: sync, health, wave, revision, blocker, and Sync for those allowed. */
export const ApplicationCard = ({
  value,
  entity,
  title,
}: {
  value: ApplicationDeployment;
  entity: Entity;
  title?: string;
}) => {
  const { application: app, blockedBy, fetchedAt } = value;
  return (
    <InfoCard
      title={title ?? `Application ${app.name}`}
      subheader="ArgoCD, as the portal last read it"
      action={
        <SyncButton
          application={app.name}
          systemRef={moduleSystemRef(entity)}
        />
      }
    >
      {value.stale && (
        <StaleNotice error={value.error} readAt={value.fetchedAt} />
      )}
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
          <Row label="Revision">{app.revision?.slice(0, 12) ?? 'unknown'}</Row>
          {app.operation && (
            <Row label="Last sync">
              {app.operation.phase}
              {app.operation.message ? `: ${app.operation.message}` : ''}
            </Row>
          )}
          <Row label="Blocked by">
            {blockedBy
              ? `wave ${blockedBy.wave} (${blockedBy.applications.join(', ')})`
              : 'nothing'}
          </Row>
          <Row label="Read at">{new Date(fetchedAt).toLocaleString()}</Row>
        </TableBody>
      </MuiTable>
    </InfoCard>
  );
};

/** The Application's data for an entity; a workload adds that workload's objects. */
export function useDeployment(entity: Entity, withResources: boolean) {
  const api = useApi(syncWavesApiRef);
  const appName = argoApplicationOf(entity);
  const workload = kubernetesIdOf(entity);
  const service = kubernetesServiceOf(entity);
  const hpa = hpaNameOf(entity);
  const isService = isDeployedService(entity);
  const state = useAsync(
    async () =>
      appName
        ? api.getApplication(
            appName,
            withResources && isService
              ? { id: workload!, service, hpa }
              : undefined,
          )
        : undefined,
    [api, appName, workload, service, hpa, withResources],
  );
  return { ...state, appName, workload };
}

/** A card placed on the Deploy tab (Roadie's ArgoCD cards, the Drift card). */
export interface DeployTabCard {
  element: ReactElement;
  filter?: (entity: Entity) => boolean;
  /** The card says itself what it could not read (no ArgoCD banner above it). */
  reportsOwnErrors?: boolean;
}

/** Deploy tab: the entity's Application, its wave and blockers, its own objects in it, and attached cards. */
export const DeployTab = ({ cards = [] }: { cards?: DeployTabCard[] }) => {
  const { entity } = useEntity();
  const { value, loading, error, appName, workload } = useDeployment(
    entity,
    true,
  );
  // Roadie's cards read ArgoCD on their own and show an empty table when it
  // fails; when the portal's own read failed, each says so above it.
  const upstreamError =
    error?.message ?? (value?.stale ? value.error : undefined);
  const attached = cards
    .filter(card => !card.filter || card.filter(entity))
    .map((card, i) => (
      <Grid item xs={12} key={i}>
        {upstreamError && !card.reportsOwnErrors && (
          <Alert severity="error" sx={{ mb: 1 }}>
            {upstreamError}. The card below cannot show current data.
          </Alert>
        )}
        {card.element}
      </Grid>
    ));
  if (!appName) {
    return (
      <Alert severity="info">
        Not configured: this entity has no {ARGOCD_APP_ANNOTATION} annotation.
      </Alert>
    );
  }
  if (loading) return <Progress />;
  return (
    <Grid container spacing={3}>
      {error && (
        <Grid item xs={12}>
          <ResponseErrorPanel
            error={error}
            title={`ArgoCD: Application ${appName}`}
          />
        </Grid>
      )}
      {value && (
        <Grid item xs={12} md={5}>
          <ApplicationCard value={value} entity={entity} />
        </Grid>
      )}
      {value?.resources && (
        <Grid item xs={12} md={7}>
          <Table<ServiceResource>
            title={`${workload} in ${value.application.name}`}
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
            data={value.resources}
            emptyContent={
              <Alert severity="warning">
                ArgoCD shows no objects of {workload} in{' '}
                {value.application.name}.
              </Alert>
            }
          />
        </Grid>
      )}
      {attached}
    </Grid>
  );
};
