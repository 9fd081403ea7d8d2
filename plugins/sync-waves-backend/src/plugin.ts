import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  readPlatformParseOptions,
  readPlatformSource,
} from '@internal/plugin-base-platform-node';
import { clusterAccess } from '@internal/plugin-cluster-access-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { syncWavesPermissions } from '@internal/plugin-sync-waves-common';
import { registerSyncWavesActions } from './actions';
import { createRouter } from './router';
import { ApplicationSync } from './services/ApplicationSync';
import { ArgoCdClient, readArgoCdInstance } from './services/ArgoCdClient';
import { DeploymentService } from './services/DeploymentService';
import { DriftService } from './services/Drift';

/**
 * ArgoCD Applications by sync wave, from one cached list, and a guarded Sync;
 * the same as MCP tools (get-sync-waves, get-application, sync-application).
 */
export const syncWavesPlugin = createBackendPlugin({
  pluginId: 'sync-waves',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        urlReader: coreServices.urlReader,
      },
      async init(deps) {
        const { config, logger, httpRouter, httpAuth, permissions, auditor } =
          deps;
        const { catalog } = deps;
        deps.permissionsRegistry.addPermissions(syncWavesPermissions);
        const instance = readArgoCdInstance(config);
        if (!instance) {
          logger.warn(
            'argocd.appLocatorMethods is not configured; the Deploy views say so',
          );
        }
        const deployments = instance
          ? new DeploymentService(
              new ArgoCdClient(
                instance,
                (config.getOptionalNumber('syncWaves.timeoutSeconds') ?? 5) *
                  1000,
              ),
              (config.getOptionalNumber('syncWaves.cacheTtlSeconds') ?? 30) *
                1000,
            )
          : undefined;
        const configured = () => {
          if (!deployments) {
            throw new NotFoundError(
              'ArgoCD is not configured: set argocd.appLocatorMethods in app-config',
            );
          }
          return deployments;
        };
        const applicationSync = new ApplicationSync({
          catalog,
          permissions,
          auditor,
          target: configured,
        });
        // drift: the platform tree the catalog reads against the clusters
        const source = readPlatformSource(config);
        const { clusters, get } = clusterAccess({
          config,
          discovery: deps.discovery,
          auth: deps.auth,
        });
        const drift =
          source && clusters.length > 0
            ? new DriftService({
                source,
                parse: readPlatformParseOptions(config),
                reader: deps.urlReader,
                clusters,
                get,
                deployments,
                cacheMs:
                  (config.getOptionalNumber('syncWaves.cacheTtlSeconds') ??
                    30) * 1000,
                treeCacheMs:
                  (config.getOptionalNumber('syncWaves.drift.treeSeconds') ??
                    120) * 1000,
                timeoutMs:
                  (config.getOptionalNumber('syncWaves.timeoutSeconds') ?? 5) *
                  1000,
              })
            : undefined;
        const driftConfigured = () => {
          if (!drift) {
            throw new ServiceUnavailableError(
              source
                ? 'Drift is not configured: kubernetes.clusterLocatorMethods lists no cluster'
                : 'Drift is not configured: catalog.providers.basePlatform names no platform tree',
            );
          }
          return drift;
        };
        httpRouter.use(
          createRouter({
            httpAuth,
            deployments: configured,
            applicationSync,
            drift: driftConfigured,
          }),
        );
        registerSyncWavesActions({
          actionsRegistry: deps.actionsRegistry,
          deployments: configured,
          applicationSync,
        });
      },
    });
  },
});
