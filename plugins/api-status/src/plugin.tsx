import {
  ApiBlueprint,
  coreExtensionData,
  createExtensionInput,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  isBaseModule,
  isDeployedService,
} from '@internal/plugin-base-platform-common';
import { EntityContentBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { apiStatusApiRef, ApiStatusClient } from './api/ApiStatusApi';

const apiStatusApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: apiStatusApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new ApiStatusClient(deps),
    }),
});

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
      filter: isDeployedService,
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

/**
 * The module page's Health tab: its services' health, then the cards that
 * attach to its `cards` input (the module's throughput,
 * config/app-extensions.yaml).
 */
const moduleHealthTab = EntityContentBlueprint.makeWithOverrides({
  name: 'module-health',
  inputs: {
    cards: createExtensionInput([coreExtensionData.reactElement]),
  },
  factory: (originalFactory, { inputs }) =>
    originalFactory({
      path: 'health',
      title: 'Health',
      filter: isBaseModule,
      loader: async () => {
        const { ModuleHealthTab } = await import(
          './components/ModuleHealthTab'
        );
        return (
          <ModuleHealthTab
            cards={inputs.cards.map(c => c.get(coreExtensionData.reactElement))}
          />
        );
      },
    }),
});

/** Measured API status of BASE services. */
export const apiStatusPlugin = createFrontendPlugin({
  pluginId: 'api-status',
  extensions: [apiStatusApi, healthTab, moduleHealthTab],
});
