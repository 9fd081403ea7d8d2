import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { clusterAccess } from '@internal/plugin-cluster-access-node';
import { registerKarpenterActions } from './actions';
import { createRouter } from './router';
import { CapacityService } from './services/CapacityService';
import { readPriceTable, SpotPriceFeed } from './services/prices';

/** Karpenter capacity of the clusters the Kubernetes backend knows. */
export const karpenterPlugin = createBackendPlugin({
  pluginId: 'karpenter',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, httpRouter, httpAuth, discovery, auth } = deps;
        const { clusters, get } = clusterAccess({ config, discovery, auth });
        if (clusters.length === 0) {
          logger.warn(
            'kubernetes.clusterLocatorMethods lists no cluster; the Capacity page says so',
          );
        }
        const table = readPriceTable(config);
        if (!table) {
          logger.info(
            'karpenter.prices is not configured; the Cost cards say so',
          );
        }
        const capacity = new CapacityService({
          prices: table
            ? { table, spot: SpotPriceFeed.fromConfig(config, table) }
            : undefined,
          clusters,
          get,
          cacheMs:
            (config.getOptionalNumber('karpenter.cacheSeconds') ?? 30) * 1000,
          timeoutMs:
            (config.getOptionalNumber('karpenter.timeoutSeconds') ?? 5) * 1000,
          spotTarget: config.getOptionalNumber('karpenter.spotTarget') ?? 0.8,
        });
        httpRouter.use(createRouter({ httpAuth, capacity }));
        registerKarpenterActions({
          actionsRegistry: deps.actionsRegistry,
          capacity,
        });
      },
    });
  },
});
