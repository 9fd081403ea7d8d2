import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  platformLocation,
  readPlatformSource,
} from '@internal/plugin-base-platform-node';
import { clusterAccess } from '@internal/plugin-cluster-access-node';
import { PrometheusClient } from '@internal/plugin-upstream-cache-node';
import { createRouter } from './router';
import { registerApiStatusActions } from './actions';
import { CatalogReader } from './services/CatalogReader';
import { HealthService } from './services/HealthService';
import { kubernetesProbe } from './services/kubernetesProbe';
import { WarningEvents } from './services/WarningEvents';
import { Prober } from './services/Prober';
import { ProbeSchedule } from './services/ProbeSchedule';
import { BurnRateAlerts } from './services/BurnRateAlerts';
import { OwnerNotifier } from './services/incidents';
import { ThroughputAlerts } from './services/ThroughputAlerts';
import { readBudgetPolicy } from './services/errorBudget';
import { ProbeStore } from './services/ProbeStore';
import type { ProbeScope } from './services/targets';
import { readTools, ToolChecker } from './services/ToolChecker';

/** Measured API status of every service, and the platform tools' live status. */
export const apiStatusPlugin = createBackendPlugin({
  pluginId: 'api-status',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        discovery: coreServices.discovery,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, scheduler, catalog, auth } = deps;
        const c = config.getOptionalConfig('apiStatus');
        const intervalSeconds = c?.getOptionalNumber('intervalSeconds') ?? 30;
        const cluster = c?.getOptionalString('cluster') ?? 'base-app-layer-dev';
        const retentionDays = c?.getOptionalNumber('retentionDays') ?? 30;
        // the Health tab's 24 h figures come from the raw probes
        const rawRetentionHours = Math.max(
          25,
          c?.getOptionalNumber('rawRetentionHours') ?? 48,
        );
        const timeoutMs = (c?.getOptionalNumber('timeoutSeconds') ?? 5) * 1000;
        const store = await ProbeStore.create(deps.database);
        const clusters = clusterAccess(deps);
        const prober = new Prober({
          probe: kubernetesProbe(clusters.get),
          concurrency: c?.getOptionalNumber('concurrency') ?? 8,
          jitterMs:
            (c?.getOptionalNumber('jitterSeconds') ?? intervalSeconds / 3) *
            1000,
          timeoutMs,
        });
        const source = readPlatformSource(config);
        const scope: ProbeScope = {
          cluster,
          platformLocation: source && platformLocation(source),
        };
        if (!scope.platformLocation) {
          logger.warn(
            "catalog.providers.basePlatform is not configured: no service is probed (only the platform repository's are)",
          );
        }
        const health = new HealthService(store, { ...scope, intervalSeconds });
        const tools = new ToolChecker(readTools(config), {
          timeoutMs,
          ttlMs: intervalSeconds * 1000,
        });

        // api-status' one catalog reader: the probe runs and the Health routes
        const reader = new CatalogReader({
          catalog,
          auth,
          permissions: deps.permissions,
          ttlMs: intervalSeconds * 1000,
        });
        await new ProbeSchedule({
          catalog: reader,
          logger,
          prober,
          store,
          health,
          scope,
          intervalSeconds,
          rawRetentionHours,
          retentionDays,
        }).start(scheduler);

        const notifier = new OwnerNotifier({
          catalog,
          auth,
          notifications: deps.notifications,
          logger,
          appBaseUrl: config.getOptionalString('app.baseUrl') ?? '',
        });
        const alerts = new BurnRateAlerts({
          store,
          notifier,
          logger,
          policy: readBudgetPolicy(config),
          evaluateSeconds:
            config.getOptionalNumber('apiStatus.errorBudget.evaluateSeconds') ??
            60,
        });
        await alerts.start(scheduler);

        // the throughput budget: Prometheus evaluates it on the rules of
        // deploy/prometheus, the portal tells the agents' owners
        const prometheusUrl = config.getOptionalString(
          'ingestion.prometheus.baseUrl',
        );
        const throughputAlerts = prometheusUrl
          ? new ThroughputAlerts({
              store,
              notifier,
              logger,
              prometheus: new PrometheusClient(
                prometheusUrl,
                (config.getOptionalNumber(
                  'ingestion.prometheus.timeoutSeconds',
                ) ?? 5) * 1000,
              ),
              evaluateSeconds:
                c?.getOptionalNumber('throughputAlerts.evaluateSeconds') ?? 60,
            })
          : undefined;
        if (throughputAlerts) await throughputAlerts.start(scheduler);
        else
          logger.info(
            'ingestion.prometheus.baseUrl is not configured: no throughput budget alerts are relayed',
          );

        registerApiStatusActions({
          actionsRegistry: deps.actionsRegistry,
          catalog: reader,
          health,
        });
        deps.httpRouter.use(
          createRouter({
            httpAuth: deps.httpAuth,
            catalog: reader,
            health,
            tools,
            events: new WarningEvents({
              get: clusters.get,
              ttlMs: (intervalSeconds * 1000) / 3,
              timeoutMs,
            }),
            scope,
            alerts,
            throughputAlerts,
          }),
        );
      },
    });
  },
});
