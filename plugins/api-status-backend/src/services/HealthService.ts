import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type {
  ModuleHealth,
  ServiceHealth,
} from '@internal/plugin-api-status-common';
import type { ProbeStore } from './ProbeStore';
import { availability, DAY_MS, endpointHealth } from './stats';
import { ProbeScope, targetOf } from './targets';

const WINDOWS = [1, 7, 30];

/** Reads the probe history into what the Health tab and module card show. */
export class HealthService {
  /**
   * Answers per service (see maxAgeMs): the history changes once per probe
   * run, not per viewer.
   */
  private readonly cache = new Map<
    string,
    { at: number; value: Promise<ServiceHealth> }
  >();

  constructor(
    private readonly store: ProbeStore,
    private readonly options: ProbeScope & { intervalSeconds: number },
  ) {}

  private invalidatedAt?: number;

  /** New probes are stored: every cached answer is out of date. */
  invalidate(nowMs = Date.now()) {
    this.cache.clear();
    this.invalidatedAt = nowMs;
  }

  /**
   * How long an answer is kept: on the replica that probes (it invalidated
   * within the last two intervals) until its next run stores probes; on
   * another replica a third of the interval.
   */
  private maxAgeMs(nowMs: number) {
    const interval = this.options.intervalSeconds * 1000;
    return this.invalidatedAt !== undefined &&
      nowMs - this.invalidatedAt < 2 * interval
      ? 2 * interval
      : interval / 3;
  }

  service(entity: Entity, nowMs = Date.now()): Promise<ServiceHealth> {
    const key = `${stringifyEntityRef(entity)} ${JSON.stringify(
      entity.metadata.annotations ?? {},
    )}`;
    const hit = this.cache.get(key);
    if (hit && nowMs - hit.at < this.maxAgeMs(nowMs)) {
      return hit.value;
    }
    const value = this.read(entity, nowMs);
    this.cache.set(key, { at: nowMs, value });
    value.catch(() => this.cache.delete(key));
    return value;
  }

  private async read(entity: Entity, nowMs: number): Promise<ServiceHealth> {
    const entityRef = stringifyEntityRef(entity);
    const found = targetOf(entity, this.options);
    const lastProbeAt = await this.store.lastProbeAt();
    const base = {
      entityRef,
      intervalSeconds: this.options.intervalSeconds,
      lastRunAt: lastProbeAt ? new Date(lastProbeAt).toISOString() : undefined,
    };
    if ('notProbed' in found) {
      return { ...base, notProbed: found.notProbed, endpoints: [] };
    }
    const { target } = found;
    const [rows, ...windowCounts] = await Promise.all([
      this.store.history(entityRef, nowMs - DAY_MS),
      ...WINDOWS.map(days =>
        this.store.counts([entityRef], nowMs - days * DAY_MS),
      ),
    ]);
    const endpoints = await Promise.all(
      target.paths.map(async path => {
        const windows = WINDOWS.map((days, i) => {
          const c = windowCounts[i].find(x => x.path === path);
          return availability(days, c?.probes ?? 0, c?.ok ?? 0);
        });
        return endpointHealth({
          path,
          rows24h: rows.filter(r => r.path === path),
          windows,
          lastFailure: await this.store.lastFailure(entityRef, path),
          nowMs,
        });
      }),
    );
    const { entityRef: _, paths: __, ...where } = target;
    return { ...base, target: where, endpoints };
  }

  /** A module's services: up, down or never probed, with 24 h availability. */
  async module(
    systemRef: string,
    services: Entity[],
    nowMs = Date.now(),
  ): Promise<ModuleHealth> {
    const refs = services.map(s => stringifyEntityRef(s));
    const since = nowMs - DAY_MS;
    const [latest, counts] = await Promise.all([
      this.store.latest(refs, since),
      this.store.counts(refs, since),
    ]);
    return {
      system: systemRef,
      services: services.map((entity, i) => {
        const ref = refs[i];
        const last = latest.filter(r => r.entityRef === ref);
        const c = counts.filter(x => x.entityRef === ref);
        const probes = c.reduce((a, x) => a + x.probes, 0);
        const ok = c.reduce((a, x) => a + x.ok, 0);
        const failing = last.filter(r => !r.ok);
        let state: 'up' | 'down' | 'unknown' = 'unknown';
        if (last.length > 0) state = failing.length > 0 ? 'down' : 'up';
        return {
          entityRef: ref,
          title: entity.metadata.title,
          state,
          availability24h: probes > 0 ? ok / probes : undefined,
          lastCheckedAt:
            last.length > 0
              ? new Date(Math.max(...last.map(r => r.checkedAt))).toISOString()
              : undefined,
          error: failing[0]
            ? `${failing[0].path}: ${failing[0].error}`
            : undefined,
        };
      }),
    };
  }
}
