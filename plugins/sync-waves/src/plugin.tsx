import {
  ApiBlueprint,
  coreExtensionData,
  createExtensionInput,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import type { Entity } from '@backstage/catalog-model';
import WavesIcon from '@material-ui/icons/Waves';
import CompareArrowsIcon from '@material-ui/icons/CompareArrows';
import {
  isBaseModule,
  isDeployedService,
} from '@internal/plugin-base-platform-common';
import { ARGOCD_APP_ANNOTATION } from '@internal/plugin-sync-waves-common';
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

/** The page's route: its link in the sidebar's Platform group, and Home's. */
export const waveBoardRouteRef = createRouteRef();

const waveBoardPage = PageBlueprint.make({
  params: {
    routeRef: waveBoardRouteRef,
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

const syncWavesPluginId = 'sync-waves';

const hasArgoCdApp = (entity: Entity) =>
  !!entity.metadata.annotations?.[ARGOCD_APP_ANNOTATION];

/**
 * The Deploy tab. Cards attach to its `cards` input: the app puts Roadie's
 * ArgoCD overview and history cards there, and this plugin's Drift card.
 */
const deployTab = EntityContentBlueprint.makeWithOverrides({
  name: 'deploy',
  inputs: {
    cards: createExtensionInput([
      coreExtensionData.reactElement,
      EntityContentBlueprint.dataRefs.filterFunction.optional(),
    ]),
  },
  factory: (originalFactory, { inputs }) =>
    originalFactory({
      path: 'deploy',
      title: 'Deploy',
      filter: hasArgoCdApp,
      loader: async () => {
        const { DeployTab } = await import('./components/DeployTab');
        const cards = inputs.cards.map(card => ({
          element: card.get(coreExtensionData.reactElement),
          filter: card.get(EntityContentBlueprint.dataRefs.filterFunction),
          // this plugin's cards say themselves what they could not read
          reportsOwnErrors:
            card.node.spec.plugin.pluginId === syncWavesPluginId,
        }));
        return <DeployTab cards={cards} />;
      },
    }),
});

/** Overview card: the entity's wave and what blocks it. */
const waveCard = EntityCardBlueprint.make({
  name: 'wave',
  params: {
    filter: hasArgoCdApp,
    type: 'info',
    loader: async () => {
      const { WaveCard } = await import('./components/WaveCard');
      return <WaveCard />;
    },
  },
});

/** The platform's drift: its page in the sidebar's Platform group. */
export const driftRouteRef = createRouteRef();

const driftPage = PageBlueprint.make({
  name: 'drift',
  params: {
    routeRef: driftRouteRef,
    path: '/drift',
    title: 'Drift',
    icon: <CompareArrowsIcon fontSize="inherit" />,
    noHeader: true,
    loader: async () => {
      const { DriftPage } = await import('./components/Drift');
      return <DriftPage />;
    },
  },
});

/** The Drift card of a module's or a service's Deploy tab (attached there by the app). */
const driftCard = EntityCardBlueprint.make({
  name: 'drift',
  params: {
    filter: (entity: Entity) =>
      isBaseModule(entity) || isDeployedService(entity),
    loader: async () => {
      const { DriftCard } = await import('./components/Drift');
      return <DriftCard />;
    },
  },
});

/** The sync-wave board of the platform's ArgoCD. */
export const syncWavesPlugin = createFrontendPlugin({
  pluginId: syncWavesPluginId,
  routes: { root: waveBoardRouteRef, drift: driftRouteRef },
  extensions: [
    syncWavesApi,
    waveBoardPage,
    driftPage,
    deployTab,
    waveCard,
    driftCard,
  ],
});
