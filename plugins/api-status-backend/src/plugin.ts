import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  platformLocation,
  readPlatformSource,
} from '@internal/plugin-base-platform-node';
import { clusterAccess } from '@internal/plugin-cluster-access-node';
import { createRouter } from './router';
import { registerApiStatusActions } from './actions';
import { CatalogReader } from './services/CatalogReader';
import { HealthService } from './services/HealthService';
import { kubernetesProbe } from './services/kubernetesProbe';
import { WarningEvents } from './services/WarningEvents';
import { Prober, ProbeTarget } from './services/Prober';
import { HOUR_MS, ProbeStore } from './services/ProbeStore';
import { DAY_MS } from './services/stats';
import {
  fromPlatform,
  ProbeScope,
  TARGET_FIELDS,
  targetOf,
} from './services/targets';
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

        const ignored = new Set<string>();
        const targets = async (): Promise<ProbeTarget[]> => {
          const { items } = await catalog.getEntities(
            {
              filter: { kind: 'component', 'spec.type': 'service' },
              fields: TARGET_FIELDS,
            },
            { credentials: await auth.getOwnServiceCredentials() },
          );
          return items.flatMap(entity => {
            const found = targetOf(entity, scope);
            if ('target' in found) return [found.target];
            // said once per entity: services from elsewhere are never probed
            if (!fromPlatform(entity, scope)) {
              const ref = stringifyEntityRef(entity);
              if (!ignored.has(ref)) {
                ignored.add(ref);
                logger.warn(`ignored for probes: ${found.notProbed}`);
              }
            }
            return [];
          });
        };

        await scheduler.scheduleTask({
          id: 'api-status-probe',
          frequency: { seconds: intervalSeconds },
          timeout: { seconds: intervalSeconds * 4 },
          initialDelay: { seconds: 5 },
          fn: async () => {
            const t0 = Date.now();
            const list = await targets();
            const t1 = Date.now();
            const rows = await prober.run(list);
            await store.insert(rows);
            health.invalidate();
            const failing = rows.filter(r => !r.ok).length;
            logger.info(
              `probed ${rows.length} endpoints of ${list.length} services in ${
                (Date.now() - t1) / 1000
              } s (catalog ${(t1 - t0) / 1000} s), ${failing} failing`,
            );
          },
        });
        // hourly: roll the finished hours up, then drop raw probes past
        // rawRetentionHours (rolled-up ones only) and roll-ups past retentionDays
        await scheduler.scheduleTask({
          id: 'api-status-retention',
          frequency: { hours: 1 },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            const now = Date.now();
            const hours = await store.rollUp(now);
            const removed = await store.prune(
              now - rawRetentionHours * HOUR_MS,
              now - retentionDays * DAY_MS,
            );
            logger.info(
              `rolled up ${hours} hours of probes; removed ${removed.probes} probes older than ${rawRetentionHours} h and ${removed.rollups} hourly roll-ups older than ${retentionDays} days`,
            );
          },
        });

        const reader = new CatalogReader({
          catalog,
          auth,
          permissions: deps.permissions,
          ttlMs: intervalSeconds * 1000,
        });
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
          }),
        );
      },
    });
  },
});
