import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import {
  isBaseModule,
  kubernetesIdOf,
  namespaceOf,
} from '@internal/plugin-base-platform-common';
import { CardState } from '@internal/plugin-base-react';
import Typography from '@mui/material/Typography';
import useAsync from 'react-use/esm/useAsync';
import { syncWavesApiRef } from '../../api/SyncWavesApi';
import { DriftTable } from './DriftTable';
import { DriftSources } from './sources';

/**
 * Deploy tab of a module or a service: where the platform tree, the cluster
 * and ArgoCD disagree (for a service, about its own objects).
 */
export const DriftCard = () => {
  const { entity } = useEntity();
  const api = useApi(syncWavesApiRef);
  const namespace = namespaceOf(entity);
  const workload = isBaseModule(entity) ? undefined : kubernetesIdOf(entity);
  const state = useAsync(
    async () =>
      namespace
        ? api.getNamespaceDrift(namespace)
        : Promise.reject(
            new Error(
              'the entity names no Kubernetes namespace (backstage.io/kubernetes-namespace)',
            ),
          ),
    [api, namespace],
  );
  return (
    <CardState
      title="Drift"
      upstream="platform tree, clusters and ArgoCD"
      state={state}
      notConfigured={{
        is: reason => reason.includes('Drift is not configured'),
        message:
          'Not configured: drift needs the platform tree (catalog.providers.basePlatform) and the clusters (kubernetes.clusterLocatorMethods).',
      }}
    >
      {value => {
        const argoUnread = !value.sources.argocd.readAt;
        const differences = value.module.differences.filter(
          d => !workload || d.workload === workload,
        );
        return (
          <InfoCard
            title="Drift"
            subheader="What the platform repository declares against what runs, and ArgoCD's own comparison"
          >
            <section aria-label="Drift">
              <DriftSources sources={value.sources} />
              {differences.length === 0 ? (
                <Typography variant="body2" sx={{ mt: 1 }}>
                  No drift: the cluster runs what the tree declares
                  {workload ? ` for ${workload}` : ''} ({value.module.compared}{' '}
                  objects of the module compared)
                  {argoUnread
                    ? '; ArgoCD could not be read (above).'
                    : ', and ArgoCD reports nothing OutOfSync.'}
                </Typography>
              ) : (
                <DriftTable
                  differences={differences}
                  label={`Drift of ${workload ?? value.module.module}`}
                />
              )}
            </section>
          </InfoCard>
        );
      }}
    </CardState>
  );
};
