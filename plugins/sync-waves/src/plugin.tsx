import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
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

/** The sync-wave board of the platform's ArgoCD. */
export const syncWavesPlugin = createFrontendPlugin({
  pluginId: 'sync-waves',
  extensions: [syncWavesApi, waveBoardPage],
});
