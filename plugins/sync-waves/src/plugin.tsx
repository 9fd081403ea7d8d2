import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import WavesIcon from '@material-ui/icons/Waves';
import { syncWavesApiRef } from './api/SyncWavesApi';
import { SyncWavesClient } from './api/SyncWavesClient';

const syncWavesApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: syncWavesApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new SyncWavesClient(deps),
    }),
});

const waveBoardPage = PageBlueprint.make({
  params: {
    path: '/sync-waves',
    title: 'Sync waves',
    icon: <WavesIcon fontSize="inherit" />,
    noHeader: true,
    loader: async () => {
      const { WaveBoardPage } = await import('./components/WaveBoardPage');
      return <WaveBoardPage />;
    },
  },
});

const deployTab = EntityContentBlueprint.make({
  name: 'deploy',
  params: {
    path: 'deploy',
    title: 'Deploy',
    filter: entity => !!entity.metadata.annotations?.['argocd/app-name'],
    loader: async () => {
      const { DeployTab } = await import('./components/DeployTab');
      return <DeployTab />;
    },
  },
});

/** The sync-wave board of the platform's ArgoCD. */
export const syncWavesPlugin = createFrontendPlugin({
  pluginId: 'sync-waves',
  extensions: [syncWavesApi, waveBoardPage, deployTab],
});
