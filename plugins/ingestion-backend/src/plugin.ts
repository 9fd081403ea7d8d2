import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { registerIngestionActions } from './actions';
import { createRouter } from './router';
import { PrometheusClient } from '@internal/plugin-upstream-cache-node';
import { ThroughputService } from './services/ThroughputService';

/** Ingestion throughput per agent and source, from Prometheus. */
export const ingestionPlugin = createBackendPlugin({
  pluginId: 'ingestion',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, httpRouter, httpAuth, auth, catalog } = deps;
        const ingestion = config.getOptionalConfig('ingestion');
        const baseUrl = ingestion?.getOptionalString('prometheus.baseUrl');
        if (!baseUrl) {
          logger.warn(
            'ingestion.prometheus.baseUrl is not configured; the Throughput cards say so',
          );
        }
        const throughput = baseUrl
          ? new ThroughputService({
              prometheus: new PrometheusClient(
                baseUrl,
                (ingestion?.getOptionalNumber('prometheus.timeoutSeconds') ??
                  5) * 1000,
              ),
              catalog,
              auth,
              cacheMs:
                (ingestion?.getOptionalNumber('cacheSeconds') ?? 60) * 1000,
              query: {
                recordingRules:
                  ingestion?.getOptionalBoolean('recordingRules') ?? true,
                rateWindow: ingestion?.getOptionalString('rateWindow') ?? '5m',
              },
            })
          : undefined;
        const configured = () => {
          if (!throughput) {
            throw new NotFoundError(
              'Prometheus is not configured: set ingestion.prometheus.baseUrl in app-config',
            );
          }
          return throughput;
        };
        httpRouter.use(createRouter({ httpAuth, throughput: configured }));
        registerIngestionActions({
          actionsRegistry: deps.actionsRegistry,
          throughput: configured,
        });
      },
    });
  },
});
