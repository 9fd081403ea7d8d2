import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import {
  isBaseModule,
  ANNOTATION_THROUGHPUT_TARGET,
} from '@internal/plugin-base-platform-common';
import { ingestionApiRef, IngestionClient } from './api/IngestionApi';

const ingestionApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: ingestionApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new IngestionClient(deps),
    }),
});

const isIngestionAgent = (entity: Entity) =>
  entity.kind.toLowerCase() === 'component' &&
  !!entity.metadata.annotations?.[ANNOTATION_THROUGHPUT_TARGET];

/** Overview of each ingestion agent: GB/h against its target. */
const throughputCard = EntityCardBlueprint.make({
  name: 'throughput',
  params: {
    filter: isIngestionAgent,
    loader: async () => {
      const { ThroughputCard } = await import('./components/ThroughputCard');
      return <ThroughputCard />;
    },
  },
});

/** Module page: its ingestion agents (none shown for modules without any). */
const moduleThroughputCard = EntityCardBlueprint.make({
  name: 'module-throughput',
  params: {
    filter: isBaseModule,
    loader: async () => {
      const { ModuleThroughputCard } = await import(
        './components/ModuleThroughputCard'
      );
      return <ModuleThroughputCard />;
    },
  },
});

/** Home: the platform's ingestion now. */
const platformThroughputWidget = HomePageWidgetBlueprint.make({
  name: 'platform-throughput',
  params: {
    name: 'BaseIngestionThroughput',
    title: 'Ingestion throughput',
    description: 'GB/h of every ingestion agent against its target',
    components: async () => {
      const { PlatformThroughput } = await import(
        './components/PlatformThroughput'
      );
      return { Content: PlatformThroughput };
    },
  },
});

/** Ingestion throughput from Prometheus. */
export const ingestionPlugin = createFrontendPlugin({
  pluginId: 'ingestion',
  extensions: [
    ingestionApi,
    throughputCard,
    moduleThroughputCard,
    platformThroughputWidget,
  ],
});
