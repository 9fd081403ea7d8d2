import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const TABLE = 'api_status_probes';
const ROLLUPS = 'api_status_rollups';
export const HOUR_MS = 3_600_000;

/** An endpoint's hour of probes, as rolled up. */
export interface Rollup {
  entityRef: string;
  path: string;
  bucketStart: number;
  probes: number;
  ok: number;
  p50Ms?: number;
  p95Ms?: number;
  lastFailure?: { checkedAt: number; statusCode?: number; error?: string };
}

/** Nearest-rank percentile of ascending values. */
const rank = (sorted: number[], p: number) =>
  sorted.length === 0
    ? undefined
    : sorted[
        Math.min(
          sorted.length,
          Math.max(1, Math.ceil((p / 100) * sorted.length)),
        ) - 1
      ];

/** The budget an incident spends: the probes' availability, or an ingestion agent's throughput. */
export type IncidentBudget = 'availability' | 'throughput';

/** An error-budget incident of a service: open while a burn-rate rule fires. */
export interface Incident {
  id: number;
  budget: IncidentBudget;
  entityRef: string;
  rule: string;
  severity: string;
  openedAt: number;
  updatedAt: number;
  resolvedAt?: number;
}

const INCIDENTS = 'api_status_incidents';

const incidentOf = (r: any): Incident => ({
  id: Number(r.id),
  budget: r.budget,
  entityRef: r.entity_ref,
  rule: r.rule,
  severity: r.severity,
  openedAt: Number(r.opened_at),
  updatedAt: Number(r.updated_at),
  resolvedAt: r.resolved_at === null ? undefined : Number(r.resolved_at),
});

/** A probe as stored. */
export interface ProbeRow {
  entityRef: string;
  path: string;
  /** Epoch milliseconds. */
  checkedAt: number;
  ok: boolean;
  statusCode?: number;
  responseMs?: number;
  error?: string;
}

interface DbRow {
  entity_ref: string;
  path: string;
  checked_at: string | number;
  ok: boolean | number;
  status_code: number | null;
  response_ms: number | null;
  error: string | null;
}

const COLUMNS = [
  'entity_ref',
  'path',
  'checked_at',
  'ok',
  'status_code',
  'response_ms',
  'error',
] as const;

const fromDb = (r: DbRow): ProbeRow => ({
  entityRef: r.entity_ref,
  path: r.path,
  checkedAt: Number(r.checked_at),
  ok: Boolean(r.ok),
  statusCode: r.status_code ?? undefined,
  responseMs: r.response_ms ?? undefined,
  error: r.error ?? undefined,
});

/** The probe history in the plugin's own database (SQLite in dev, PostgreSQL in production). */
export class ProbeStore {
  static async create(database: DatabaseService): Promise<ProbeStore> {
    const knex = await database.getClient();
    if (!database.migrations?.skip) {
      await knex.migrate.latest({
        directory: resolvePackagePath(
          '@internal/plugin-api-status-backend',
          'migrations',
        ),
      });
    }
    return new ProbeStore(knex);
  }

  constructor(private readonly knex: Knex) {}

  async insert(rows: ProbeRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.knex.batchInsert(
      TABLE,
      rows.map(r => ({
        entity_ref: r.entityRef,
        path: r.path,
        checked_at: r.checkedAt,
        ok: r.ok,
        status_code: r.statusCode ?? null,
        response_ms: r.responseMs ?? null,
        error: r.error?.slice(0, 2000) ?? null,
      })),
      200,
    );
  }

  /** Every probe of a service since `sinceMs`, oldest first. */
  async history(entityRef: string, sinceMs: number): Promise<ProbeRow[]> {
    const rows = await this.knex<DbRow>(TABLE)
      .where('entity_ref', entityRef)
      .andWhere('checked_at', '>=', sinceMs)
      .orderBy('checked_at', 'asc')
      .select(...COLUMNS);
    return rows.map(fromDb);
  }

  /**
   * Probes and OK probes per endpoint since `sinceMs`, counted in the
   * database: whole hours already rolled up from the roll-ups (an hour counts
   * when it starts within the window), the rest from the raw probes.
   */
  async counts(
    entityRefs: string[],
    sinceMs: number,
  ): Promise<
    Array<{ entityRef: string; path: string; probes: number; ok: number }>
  > {
    if (entityRefs.length === 0) return [];
    const rolledUntil = await this.rolledUntil();
    const rawSince = Math.max(sinceMs, rolledUntil ?? 0);
    const [raw, rolled] = await Promise.all([
      this.knex(TABLE)
        .whereIn('entity_ref', entityRefs)
        .andWhere('checked_at', '>=', rawSince)
        .groupBy('entity_ref', 'path')
        .select('entity_ref', 'path')
        .count({ probes: '*' })
        .sum({ ok: this.knex.raw('CASE WHEN ok THEN 1 ELSE 0 END') }),
      rolledUntil !== undefined && sinceMs < rolledUntil
        ? this.knex(ROLLUPS)
            .whereIn('entity_ref', entityRefs)
            .andWhere('bucket_start', '>=', sinceMs)
            .groupBy('entity_ref', 'path')
            .select('entity_ref', 'path')
            .sum({ probes: 'probes', ok: 'ok' })
        : Promise.resolve([]),
    ]);
    const out = new Map<
      string,
      { entityRef: string; path: string; probes: number; ok: number }
    >();
    for (const r of [...raw, ...rolled] as any[]) {
      const key = `${r.entity_ref} ${r.path}`;
      const entry = out.get(key) ?? {
        entityRef: r.entity_ref,
        path: r.path,
        probes: 0,
        ok: 0,
      };
      entry.probes += Number(r.probes ?? 0);
      entry.ok += Number(r.ok ?? 0);
      out.set(key, entry);
    }
    return [...out.values()];
  }

  /**
   * Probes and OK probes per service since each of `sinces` (one map per
   * since), for every service or one. The probes not rolled up yet are read
   * in one pass for all windows; a window reaching back past the roll-ups'
   * end takes its whole hours from the hourly roll-ups and only its first,
   * partial hour from the raw probes (none where those are already pruned).
   */
  async serviceCountsSince(
    sinces: number[],
    entityRef?: string,
  ): Promise<Map<number, Map<string, { probes: number; ok: number }>>> {
    const out = new Map(
      sinces.map(
        s => [s, new Map<string, { probes: number; ok: number }>()] as const,
      ),
    );
    if (sinces.length === 0) return out;
    const add = (since: number, rows: any[], p = 'probes', o = 'ok') => {
      const counts = out.get(since)!;
      for (const r of rows) {
        const probes = Number(r[p] ?? 0);
        if (probes === 0) continue;
        const entry = counts.get(r.entity_ref) ?? { probes: 0, ok: 0 };
        entry.probes += probes;
        entry.ok += Number(r[o] ?? 0);
        counts.set(r.entity_ref, entry);
      }
    };
    const only = (q: Knex.QueryBuilder) => {
      if (entityRef) q.andWhere('entity_ref', entityRef);
    };
    const rolledUntil = (await this.rolledUntil()) ?? -Infinity;
    // the raw probes after the roll-ups: one scan, a pair of sums per window
    const from = sinces.map(s => Math.max(s, rolledUntil));
    const recent = await this.knex(TABLE)
      .where('checked_at', '>=', Math.min(...from))
      .modify(only)
      .groupBy('entity_ref')
      .select('entity_ref')
      .select(
        from.flatMap((f, i) => [
          this.knex.raw(
            `SUM(CASE WHEN checked_at >= ? THEN 1 ELSE 0 END) AS ??`,
            [f, `p${i}`],
          ),
          this.knex.raw(
            `SUM(CASE WHEN checked_at >= ? AND ok THEN 1 ELSE 0 END) AS ??`,
            [f, `o${i}`],
          ),
        ]),
      );
    sinces.forEach((s, i) => add(s, recent as any[], `p${i}`, `o${i}`));
    // windows reaching into the rolled-up hours
    await Promise.all(
      sinces
        .filter(s => s < rolledUntil)
        .map(async s => {
          const firstWhole = Math.ceil(s / HOUR_MS) * HOUR_MS;
          const [partial, hours] = await Promise.all([
            firstWhole > s
              ? this.knex(TABLE)
                  .where('checked_at', '>=', s)
                  .andWhere('checked_at', '<', firstWhole)
                  .modify(only)
                  .groupBy('entity_ref')
                  .select('entity_ref')
                  .count({ probes: '*' })
                  .sum({ ok: this.knex.raw('CASE WHEN ok THEN 1 ELSE 0 END') })
              : Promise.resolve([]),
            this.knex(ROLLUPS)
              .where('bucket_start', '>=', firstWhole)
              .andWhere('bucket_start', '<', rolledUntil)
              .andWhere('entity_ref', '!=', '')
              .modify(only)
              .groupBy('entity_ref')
              .select('entity_ref')
              .sum({ probes: 'probes', ok: 'ok' }),
          ]);
          add(s, partial as any[]);
          add(s, hours as any[]);
        }),
    );
    return out;
  }

  /** The open incidents of a budget, by service. */
  async openIncidents(budget: IncidentBudget): Promise<Map<string, Incident>> {
    const rows = await this.knex(INCIDENTS)
      .where('budget', budget)
      .whereNull('resolved_at');
    return new Map(rows.map((r: any) => [r.entity_ref, incidentOf(r)]));
  }

  async openIncident(
    incident: Omit<Incident, 'id' | 'updatedAt' | 'resolvedAt'>,
  ): Promise<void> {
    await this.knex(INCIDENTS).insert({
      budget: incident.budget,
      entity_ref: incident.entityRef,
      rule: incident.rule,
      severity: incident.severity,
      opened_at: incident.openedAt,
      updated_at: incident.openedAt,
    });
  }

  async updateIncident(
    id: number,
    change: { rule: string; severity: string; at: number },
  ): Promise<void> {
    await this.knex(INCIDENTS).where('id', id).update({
      rule: change.rule,
      severity: change.severity,
      updated_at: change.at,
    });
  }

  async resolveIncident(id: number, at: number): Promise<void> {
    await this.knex(INCIDENTS)
      .where('id', id)
      .update({ resolved_at: at, updated_at: at });
  }

  /** Every incident of a service, newest first (tests and the Health tab); of one budget if given. */
  async incidents(
    entityRef: string,
    budget?: IncidentBudget,
  ): Promise<Incident[]> {
    const rows = await this.knex(INCIDENTS)
      .where('entity_ref', entityRef)
      .modify(q => {
        if (budget) q.andWhere('budget', budget);
      })
      .orderBy('opened_at', 'desc');
    return rows.map(incidentOf);
  }

  /** The end of the newest rolled-up hour; undefined before the first roll-up. */
  async rolledUntil(): Promise<number | undefined> {
    const row = await this.knex(ROLLUPS)
      .max({ newest: 'bucket_start' })
      .first();
    return row?.newest !== null && row?.newest !== undefined
      ? Number(row.newest) + HOUR_MS
      : undefined;
  }

  /**
   * Rolls up every whole hour of raw probes not rolled up yet and ended
   * before `nowMs` (at most `maxHours` per call); returns the hours written.
   * Each hour is written in one transaction, so a crash leaves it whole or
   * absent.
   */
  async rollUp(nowMs: number, maxHours = 24 * 31): Promise<number> {
    let from = await this.rolledUntil();
    if (from === undefined) {
      const oldest = await this.knex(TABLE)
        .min({ oldest: 'checked_at' })
        .first();
      if (oldest?.oldest === null || oldest?.oldest === undefined) return 0;
      from = Math.floor(Number(oldest.oldest) / HOUR_MS) * HOUR_MS;
    }
    let hours = 0;
    for (
      let start = from;
      start + HOUR_MS <= nowMs && hours < maxHours;
      start += HOUR_MS, hours++
    ) {
      await this.writeHour(start);
    }
    return hours;
  }

  /** Writes one hour's roll-ups in one transaction, replacing any of that hour. */
  private async writeHour(start: number): Promise<void> {
    const rows = (
      await this.knex<DbRow>(TABLE)
        .where('checked_at', '>=', start)
        .andWhere('checked_at', '<', start + HOUR_MS)
        .orderBy('checked_at', 'asc')
        .select(...COLUMNS)
    ).map(fromDb);
    const rollups = rollUpHour(start, rows);
    await this.knex.transaction(async tx => {
      await tx(ROLLUPS).where('bucket_start', start).delete();
      // an hour without probes still marks the hour as rolled up
      const stored = rollups.length
        ? rollups
        : [
            {
              entityRef: '',
              path: '',
              bucketStart: start,
              probes: 0,
              ok: 0,
            } as Rollup,
          ];
      await tx.batchInsert(
        ROLLUPS,
        stored.map(r => ({
          entity_ref: r.entityRef,
          path: r.path,
          bucket_start: r.bucketStart,
          probes: r.probes,
          ok: r.ok,
          p50_ms: r.p50Ms ?? null,
          p95_ms: r.p95Ms ?? null,
          last_failure_at: r.lastFailure?.checkedAt ?? null,
          last_failure_status: r.lastFailure?.statusCode ?? null,
          last_failure_error: r.lastFailure?.error?.slice(0, 2000) ?? null,
        })),
        200,
      );
    });
  }

  /** The last failed probe of a service's endpoint, however old (from the roll-ups once the raw probe is gone). */
  async lastFailure(
    entityRef: string,
    path: string,
  ): Promise<ProbeRow | undefined> {
    const row = await this.knex<DbRow>(TABLE)
      .where({ entity_ref: entityRef, path })
      .andWhere('ok', false)
      .orderBy('checked_at', 'desc')
      .first();
    if (row) return fromDb(row);
    const rolled = await this.knex(ROLLUPS)
      .where({ entity_ref: entityRef, path })
      .whereNotNull('last_failure_at')
      .orderBy('bucket_start', 'desc')
      .first();
    return rolled
      ? {
          entityRef,
          path,
          checkedAt: Number(rolled.last_failure_at),
          ok: false,
          statusCode: rolled.last_failure_status ?? undefined,
          error: rolled.last_failure_error ?? undefined,
        }
      : undefined;
  }

  /** The newest probe of each endpoint of these services since `sinceMs`. */
  async latest(entityRefs: string[], sinceMs: number): Promise<ProbeRow[]> {
    if (entityRefs.length === 0) return [];
    const newest = this.knex(TABLE)
      .whereIn('entity_ref', entityRefs)
      .andWhere('checked_at', '>=', sinceMs)
      .groupBy('entity_ref', 'path')
      .select('entity_ref', 'path')
      .max({ newest: 'checked_at' })
      .as('n');
    const rows = await this.knex<DbRow>(`${TABLE} as p`)
      .join(newest, function on() {
        this.on('p.entity_ref', '=', 'n.entity_ref')
          .andOn('p.path', '=', 'n.path')
          .andOn('p.checked_at', '=', 'n.newest');
      })
      .select(
        'p.entity_ref',
        'p.path',
        'p.checked_at',
        'p.ok',
        'p.status_code',
        'p.response_ms',
        'p.error',
      );
    return rows.map(fromDb);
  }

  /** When any service was last probed. */
  async lastProbeAt(): Promise<number | undefined> {
    const row = await this.knex(TABLE).max({ newest: 'checked_at' }).first();
    return row?.newest ? Number(row.newest) : undefined;
  }

  /**
   * Deletes raw probes older than `rawBeforeMs` that are rolled up already,
   * and roll-ups older than `rollupsBeforeMs`; returns how many of each.
   */
  async prune(
    rawBeforeMs: number,
    rollupsBeforeMs: number = rawBeforeMs,
  ): Promise<{ probes: number; rollups: number }> {
    // nothing rolled up yet: no raw probe may go
    const rolledUntil = await this.rolledUntil();
    const probes =
      rolledUntil === undefined
        ? 0
        : await this.knex(TABLE)
            .where('checked_at', '<', Math.min(rawBeforeMs, rolledUntil))
            .delete();
    const rollups = await this.knex(ROLLUPS)
      .where('bucket_start', '<', rollupsBeforeMs)
      .delete();
    return { probes, rollups };
  }

  /** Rows in the tables (for benchmarks and tests). */
  async size(): Promise<number> {
    const row = await this.knex(TABLE).count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }

  async rollupRows(): Promise<number> {
    const row = await this.knex(ROLLUPS).count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }
}

/** One hour's probes rolled up per endpoint. */
export function rollUpHour(bucketStart: number, rows: ProbeRow[]): Rollup[] {
  const byEndpoint = new Map<string, ProbeRow[]>();
  for (const r of rows) {
    const key = `${r.entityRef} ${r.path}`;
    const list = byEndpoint.get(key);
    if (list) list.push(r);
    else byEndpoint.set(key, [r]);
  }
  return [...byEndpoint.values()].map(list => {
    const times = list
      .filter(r => r.ok && r.responseMs !== undefined)
      .map(r => r.responseMs!)
      .sort((a, b) => a - b);
    const failures = list.filter(r => !r.ok);
    const last = failures[failures.length - 1];
    return {
      entityRef: list[0].entityRef,
      path: list[0].path,
      bucketStart,
      probes: list.length,
      ok: list.length - failures.length,
      p50Ms: rank(times, 50),
      p95Ms: rank(times, 95),
      lastFailure: last
        ? {
            checkedAt: last.checkedAt,
            statusCode: last.statusCode,
            error: last.error,
          }
        : undefined,
    };
  });
}
