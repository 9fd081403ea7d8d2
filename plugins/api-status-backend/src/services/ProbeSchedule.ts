import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogReader } from './CatalogReader';
import type { HealthService } from './HealthService';
import type { Prober, ProbeTarget } from './Prober';
import { HOUR_MS, type ProbeStore } from './ProbeStore';
import { DAY_MS } from './stats';
import { fromPlatform, type ProbeScope, targetOf } from './targets';

/**
 * The prober's scheduled work: a probe run every interval and an hourly
 * roll-up and retention run. Both are global tasks of the scheduler, so with
 * several replicas on one database exactly one replica runs each run.
 */
export class ProbeSchedule {
  private readonly ignored = new Set<string>();

  constructor(
    private readonly options: {
      /** The services, from api-status' one catalog reader. */
      catalog: Pick<CatalogReader, 'services'>;
      logger: LoggerService;
      prober: Prober;
      store: ProbeStore;
      health: HealthService;
      scope: ProbeScope;
      intervalSeconds: number;
      rawRetentionHours: number;
      retentionDays: number;
    },
  ) {}

  /** Schedules both tasks. */
  async start(scheduler: SchedulerService): Promise<void> {
    const { intervalSeconds } = this.options;
    await scheduler.scheduleTask({
      id: 'api-status-probe',
      frequency: { seconds: intervalSeconds },
      timeout: { seconds: intervalSeconds * 4 },
      initialDelay: { seconds: 5 },
      fn: () => this.probe(),
    });
    await scheduler.scheduleTask({
      id: 'api-status-retention',
      frequency: { hours: 1 },
      timeout: { minutes: 10 },
      initialDelay: { minutes: 1 },
      fn: () => this.retain(),
    });
  }

  /** The services to probe: the platform repository's, each with what to probe. */
  async targets(): Promise<ProbeTarget[]> {
    const { catalog, logger, scope } = this.options;
    const { entities, error } = await catalog.services();
    // the services do not go down with the catalog: the last list is probed
    if (error)
      logger.warn(
        `the catalog cannot be read (${error}): probing the services it last listed`,
      );
    return entities.flatMap(entity => {
      const found = targetOf(entity, scope);
      if ('target' in found) return [found.target];
      // said once per entity: services from elsewhere are never probed
      if (!fromPlatform(entity, scope)) {
        const ref = stringifyEntityRef(entity);
        if (!this.ignored.has(ref)) {
          this.ignored.add(ref);
          logger.warn(`ignored for probes: ${found.notProbed}`);
        }
      }
      return [];
    });
  }

  /** One probe run: every target's endpoints, stored, the views refreshed. */
  async probe(): Promise<void> {
    const { prober, store, health, logger } = this.options;
    const t0 = Date.now();
    const list = await this.targets();
    // said at the start too: with several replicas, which one probes now
    logger.info(`probing ${list.length} services`);
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
  }

  /**
   * Rolls the finished hours up, then drops raw probes past
   * rawRetentionHours (rolled-up ones only) and roll-ups past retentionDays.
   */
  async retain(now = Date.now()): Promise<void> {
    const { store, logger, rawRetentionHours, retentionDays } = this.options;
    const hours = await store.rollUp(now);
    const removed = await store.prune(
      now - rawRetentionHours * HOUR_MS,
      now - retentionDays * DAY_MS,
    );
    logger.info(
      `rolled up ${hours} hours of probes; removed ${removed.probes} probes older than ${rawRetentionHours} h and ${removed.rollups} hourly roll-ups older than ${retentionDays} days`,
    );
  }
}
