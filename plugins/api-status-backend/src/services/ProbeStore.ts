import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';

const TABLE = 'api_status_probes';

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
      .select(
        'entity_ref',
        'path',
        'checked_at',
        'ok',
        'status_code',
        'response_ms',
        'error',
      );
    return rows.map(fromDb);
  }

  /** Probes and OK probes per endpoint since `sinceMs`, counted in the database. */
  async counts(
    entityRefs: string[],
    sinceMs: number,
  ): Promise<
    Array<{ entityRef: string; path: string; probes: number; ok: number }>
  > {
    if (entityRefs.length === 0) return [];
    const rows = await this.knex(TABLE)
      .whereIn('entity_ref', entityRefs)
      .andWhere('checked_at', '>=', sinceMs)
      .groupBy('entity_ref', 'path')
      .select('entity_ref', 'path')
      .count({ probes: '*' })
      .sum({ ok: this.knex.raw('CASE WHEN ok THEN 1 ELSE 0 END') });
    return rows.map((r: any) => ({
      entityRef: r.entity_ref,
      path: r.path,
      probes: Number(r.probes),
      ok: Number(r.ok ?? 0),
    }));
  }

  /** The last failed probe of a service's endpoint, however old. */
  async lastFailure(
    entityRef: string,
    path: string,
  ): Promise<ProbeRow | undefined> {
    const row = await this.knex<DbRow>(TABLE)
      .where({ entity_ref: entityRef, path })
      .andWhere('ok', false)
      .orderBy('checked_at', 'desc')
      .first();
    return row ? fromDb(row) : undefined;
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

  /** Deletes probes older than `beforeMs`; returns how many. */
  async prune(beforeMs: number): Promise<number> {
    return this.knex(TABLE).where('checked_at', '<', beforeMs).delete();
  }

  /** Rows in the table (for benchmarks and tests). */
  async size(): Promise<number> {
    const row = await this.knex(TABLE).count({ n: '*' }).first();
    return Number(row?.n ?? 0);
  }
}
