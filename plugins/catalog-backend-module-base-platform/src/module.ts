import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  catalogProcessingExtensionPoint,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { registerBasePlatformActions } from './actions';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { readProviderConfig } from './provider/config';
import { BasePlatformEntityProvider } from './provider/BasePlatformEntityProvider';

/** Reads the BASE platform repository into the catalog. */
export const catalogModuleBasePlatform = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'base-platform',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        reader: coreServices.urlReader,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        catalogService: catalogServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({
        catalog,
        config,
        logger,
        reader,
        scheduler,
        events,
        ...deps
      }) {
        // the platform as MCP tools, read as the caller sees the catalog
        registerBasePlatformActions({
          actionsRegistry: deps.actionsRegistry,
          catalog: deps.catalogService,
          discovery: deps.discovery,
          auth: deps.auth,
        });
        const providerConfig = readProviderConfig(config);
        if (!providerConfig) {
          logger.warn(
            'catalog.providers.basePlatform is not configured; no BASE modules are read',
          );
          return;
        }
        catalog.addEntityProvider(
          new BasePlatformEntityProvider({
            config: providerConfig,
            logger,
            reader,
            taskRunner: scheduler.createScheduledTaskRunner(
              providerConfig.schedule,
            ),
            events,
          }),
        );
      },
    });
  },
});
