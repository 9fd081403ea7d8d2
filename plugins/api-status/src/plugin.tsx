import {
  ApiBlueprint,
  coreExtensionData,
  createExtensionInput,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { apiStatusApiRef, ApiStatusClient } from './api/ApiStatusApi';

const apiStatusApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: apiStatusApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ApiStatusClient(deps),
    }),
});

const isService = (entity: Entity) =>
  entity.kind.toLowerCase() === 'component' &&
  !!entity.metadata.annotations?.['backstage.io/kubernetes-id'];

/**
 * The Health tab. The Kubernetes plugin's entity content attaches to its
 * `kubernetes` input (config/app-extensions.yaml), so pods, Deployment, HPA
 * and events show under the measured API status.
 */
const healthTab = EntityContentBlueprint.makeWithOverrides({
  name: 'health',
  inputs: {
    kubernetes: createExtensionInput([coreExtensionData.reactElement], {
      singleton: true,
      optional: true,
    }),
  },
  factory: (originalFactory, { inputs }) =>
    originalFactory({
      path: 'health',
      title: 'Health',
      filter: isService,
      loader: async () => {
        const { HealthTab } = await import('./components/HealthTab');
        return (
          <HealthTab
            kubernetes={inputs.kubernetes?.get(coreExtensionData.reactElement)}
          />
        );
      },
    }),
});

/** Module page: the health of its services. */
const moduleHealthCard = EntityCardBlueprint.make({
  name: 'module-health',
  params: {
    filter: entity =>
      entity.kind.toLowerCase() === 'system' &&
      !!entity.metadata.annotations?.['base.io/module'],
    loader: async () => {
      const { ModuleHealthCard } = await import(
        './components/ModuleHealthCard'
      );
      return <ModuleHealthCard />;
    },
  },
});

/** Measured API status of BASE services. */
export const apiStatusPlugin = createFrontendPlugin({
  pluginId: 'api-status',
  extensions: [apiStatusApi, healthTab, moduleHealthCard],
});
