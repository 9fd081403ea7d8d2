import {
  ApiBlueprint,
  createFrontendPlugin,
  createRouteRef,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { isBaseModule } from '@internal/plugin-base-platform-common';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import StorageIcon from '@material-ui/icons/Storage';
import Grid from '@mui/material/Grid';
import { karpenterApiRef, KarpenterClient } from './api/KarpenterApi';

const karpenterApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: karpenterApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new KarpenterClient(deps),
    }),
});

/** The page's route: its link in the sidebar's Platform group, and Home's. */
export const capacityRouteRef = createRouteRef();

const capacityPage = PageBlueprint.make({
  params: {
    routeRef: capacityRouteRef,
    path: '/capacity',
    title: 'Capacity',
    icon: <StorageIcon fontSize="inherit" />,
    noHeader: true,
    loader: async () => {
      const { CapacityPage } = await import('./components/CapacityPage');
      return <CapacityPage />;
    },
  },
});

const isResource = (type: string) => (entity: Entity) =>
  entity.kind.toLowerCase() === 'resource' &&
  (entity.spec as { type?: string } | undefined)?.type === type;

/** Cluster Resource page. */
const clusterCard = EntityCardBlueprint.make({
  name: 'cluster-capacity',
  params: {
    filter: isResource('kubernetes-cluster'),
    loader: async () => {
      const { ClusterCapacityCard } = await import('./components/CapacityCard');
      return <ClusterCapacityCard />;
    },
  },
});

/** Node pool Resource page. */
const nodePoolCard = EntityCardBlueprint.make({
  name: 'nodepool-capacity',
  params: {
    filter: isResource('karpenter-nodepool'),
    loader: async () => {
      const { NodePoolCapacityCard } = await import(
        './components/CapacityCard'
      );
      return <NodePoolCapacityCard />;
    },
  },
});

/** Module page: the Capacity tab (where its pods run, which pend and why; what they cost). */
const moduleCapacityTab = EntityContentBlueprint.make({
  name: 'module-capacity',
  params: {
    path: 'capacity',
    title: 'Capacity',
    filter: isBaseModule,
    loader: async () => {
      const [{ ModulePlacementCard }, { ModuleCostCard }] = await Promise.all([
        import('./components/ModulePlacementCard'),
        import('./components/CostCard'),
      ]);
      return (
        <Grid container spacing={3}>
          <Grid item xs={12} lg={7}>
            <ModulePlacementCard />
          </Grid>
          <Grid item xs={12} lg={5}>
            <ModuleCostCard />
          </Grid>
        </Grid>
      );
    },
  },
});

/** Karpenter capacity of the platform's clusters. */
export const karpenterPlugin = createFrontendPlugin({
  pluginId: 'karpenter',
  routes: { root: capacityRouteRef },
  extensions: [
    karpenterApi,
    capacityPage,
    clusterCard,
    nodePoolCard,
    moduleCapacityTab,
  ],
});
