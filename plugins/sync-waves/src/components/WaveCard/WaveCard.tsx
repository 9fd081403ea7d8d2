import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { ApplicationCard, useDeployment } from '../DeployTab/DeployTab';

/** Overview card: the entity's sync wave, what blocks it, and Sync for those allowed. */
export const WaveCard = () => {
  const { entity } = useEntity();
  const { value, loading, error, appName } = useDeployment(entity, false);
  if (loading) {
    return (
      <InfoCard title="Sync wave">
        <Progress />
      </InfoCard>
    );
  }
  if (error || !value) {
    return (
      <ResponseErrorPanel
        error={error ?? new Error('Not configured: no argocd/app-name')}
        title={`ArgoCD: Application ${appName}`}
      />
    );
  }
  return (
    <ApplicationCard
      value={value}
      entity={entity}
      title={`Sync wave ${value.application.wave}: ${value.application.name}`}
    />
  );
};
