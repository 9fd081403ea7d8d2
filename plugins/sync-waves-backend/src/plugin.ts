import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { syncWavesPermissions } from '@internal/plugin-sync-waves-common';
import { registerSyncWavesActions } from './actions';
import { createRouter } from './router';
import { ApplicationSync } from './services/ApplicationSync';
import { ArgoCdClient, readArgoCdInstance } from './services/ArgoCdClient';
import { DeploymentService } from './services/DeploymentService';

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
        httpRouter.use(
          createRouter({ httpAuth, deployments: configured, applicationSync }),
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
