import type { AuthService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_THROUGHPUT_TARGET,
  type IngestionAgent,
  ingestionAgentOf,
} from '@internal/plugin-base-platform-common';
import { Cached, TtlCache } from '@internal/plugin-upstream-cache-node';
import {
  AgentThroughput,
  bytesPerSecondToGbPerHour,
  ModuleThroughput,
  onTargetShare,
  PlatformThroughput,
} from '@internal/plugin-ingestion-common';
import type {
  PrometheusClient,
  PromSeries,
} from '@internal/plugin-upstream-cache-node';
import { agentQuery, platformQuery, QueryOptions } from './queries';

const STEP_SECONDS = 300;
const DAY = 86_400;
const WEEK = 7 * DAY;

/**
 * Turns the answer of {@link agentQuery} over the last 7 days into what the
 * card shows. `end` is the query's end time in epoch seconds.
 */
export function summarizeAgent(
  agent: IngestionAgent,
  series: PromSeries[],
  end: number,
  readAt: string,
): AgentThroughput {
  const bytesAt = new Map<number, number>();
  const bySource = new Map<string, { bytes?: number; records?: number }>();
  let recordsNow: number | undefined;
  let bytesNow: number | undefined;
  for (const s of series) {
    const measure = s.metric.measure;
    const source = s.metric.source ?? 'unknown';
    for (const [t, v] of s.values) {
      if (measure === 'bytes') bytesAt.set(t, (bytesAt.get(t) ?? 0) + v);
      if (t !== end) continue;
      const entry = bySource.get(source) ?? {};
      if (measure === 'bytes') {
        entry.bytes = v;
        bytesNow = (bytesNow ?? 0) + v;
      } else {
        entry.records = v;
        recordsNow = (recordsNow ?? 0) + v;
      }
      bySource.set(source, entry);
    }
  }
  const totals = [...bytesAt.entries()]
    .sort(([a], [b]) => a - b)
    .map(([t, bytes]) => ({ t, value: bytesPerSecondToGbPerHour(bytes) }));
  const share = (windowSeconds: number) =>
    onTargetShare(totals, agent.targetGbPerHour, {
      end,
      windowSeconds,
      stepSeconds: STEP_SECONDS,
    });
  return {
    entityRef: agent.entityRef,
    module: agent.module,
    agent: agent.agent,
    targetGbPerHour: agent.targetGbPerHour,
    state: totals.length > 0 ? 'ok' : 'no-data',
    current:
      bytesNow === undefined
        ? undefined
        : {
            gbPerHour: bytesPerSecondToGbPerHour(bytesNow),
            recordsPerSecond: recordsNow ?? 0,
          },
    sources: [...bySource.entries()]
      .map(([source, v]) => ({
        source,
        gbPerHour: bytesPerSecondToGbPerHour(v.bytes ?? 0),
        recordsPerSecond: v.records ?? 0,
      }))
      .sort((a, b) => b.gbPerHour - a.gbPerHour),
    series: totals
      .filter(p => p.t > end - DAY)
      .map(p => ({ t: p.t, gbPerHour: p.value })),
    stepSeconds: STEP_SECONDS,
    onTarget24h: share(DAY),
    onTarget7d: share(WEEK),
    readAt,
  };
}

function withFreshness<T extends object>(cached: Cached<T>): T {
  return cached.error ? { ...cached.value, error: cached.error } : cached.value;
}

/**
 * Throughput of ingestion agents: one Prometheus query per agent per cache
 * period (and one for the platform), however many viewers ask; the agents
 * and their targets from one catalog read per period.
 */
export class ThroughputService {
  private readonly agents: TtlCache<Map<string, IngestionAgent>>;
  private readonly perAgent = new Map<string, TtlCache<AgentThroughput>>();
  private readonly platform: TtlCache<PlatformThroughput>;

  constructor(
    private readonly deps: {
      prometheus: PrometheusClient;
      catalog: CatalogService;
      auth: AuthService;
      cacheMs: number;
      query: QueryOptions;
      now?: () => number;
    },
  ) {
    const now = deps.now ?? (() => Date.now());
    this.agents = new TtlCache(() => this.readAgents(), deps.cacheMs, now);
    this.platform = new TtlCache(() => this.readPlatform(), deps.cacheMs, now);
  }

  private async readAgents(): Promise<Map<string, IngestionAgent>> {
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: {
          kind: 'Component',
          [`metadata.annotations.${ANNOTATION_THROUGHPUT_TARGET}`]:
            CATALOG_FILTER_EXISTS,
        },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.title',
          'metadata.annotations',
          'spec.system',
        ],
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    const agents = new Map<string, IngestionAgent>();
    for (const entity of items) {
      const agent = ingestionAgentOf(entity);
      if (agent) agents.set(agent.entityRef, agent);
    }
    return agents;
  }

  private async agentList(): Promise<IngestionAgent[]> {
    return [...(await this.agents.get()).value.values()];
  }

  /** The figures of one agent, by its entity ref. */
  async agent(entityRef: string): Promise<AgentThroughput> {
    const agent = (await this.agents.get()).value.get(entityRef);
    if (!agent) {
      throw new NotFoundError(
        `${entityRef} is not an ingestion agent in the catalog (it has no ${ANNOTATION_THROUGHPUT_TARGET} annotation)`,
      );
    }
    return withFreshness(await this.agentCache(agent).get());
  }

  private agentCache(agent: IngestionAgent): TtlCache<AgentThroughput> {
    const key = `${agent.entityRef}@${agent.targetGbPerHour}`;
    let cache = this.perAgent.get(key);
    if (!cache) {
      cache = new TtlCache(
        () => this.readAgent(agent),
        this.deps.cacheMs,
        this.deps.now,
      );
      this.perAgent.set(key, cache);
    }
    return cache;
  }

  private async readAgent(agent: IngestionAgent): Promise<AgentThroughput> {
    const now = (this.deps.now ?? Date.now)();
    const end = Math.floor(now / 1000);
    const series = await this.deps.prometheus.queryRange(
      agentQuery(agent, this.deps.query),
      { start: end - WEEK + STEP_SECONDS, end, step: STEP_SECONDS },
    );
    return summarizeAgent(agent, series, end, new Date(now).toISOString());
  }

  /** The ingestion agents of a module's System, each from its own cache. */
  async module(systemRef: string): Promise<ModuleThroughput> {
    const agents = (await this.agentList()).filter(
      a => a.systemRef === systemRef,
    );
    const results = await Promise.allSettled(
      agents.map(a => this.agentCache(a).get()),
    );
    return {
      agents: agents
        .map((a, i) => {
          const result = results[i];
          if (result.status === 'rejected') {
            return {
              entityRef: a.entityRef,
              title: a.title,
              agent: a.agent,
              targetGbPerHour: a.targetGbPerHour,
              state: 'no-data' as const,
              error: (result.reason as Error).message,
            };
          }
          const v = result.value.value;
          return {
            entityRef: a.entityRef,
            title: a.title,
            agent: a.agent,
            targetGbPerHour: a.targetGbPerHour,
            state: v.state,
            current: v.current,
            onTarget24h: v.onTarget24h,
            error: result.value.error,
          };
        })
        .sort((x, y) => x.agent.localeCompare(y.agent)),
    };
  }

  private async readPlatform(): Promise<PlatformThroughput> {
    const readAt = new Date((this.deps.now ?? Date.now)()).toISOString();
    const [agents, series] = await Promise.all([
      this.agentList(),
      this.deps.prometheus.query(platformQuery(this.deps.query)),
    ]);
    const rates = new Map(
      series.map(s => [
        `${s.metric.module}/${s.metric.agent}`,
        bytesPerSecondToGbPerHour(s.values[0][1]),
      ]),
    );
    const rows = agents
      .map(a => ({
        entityRef: a.entityRef,
        module: a.module,
        agent: a.agent,
        title: a.title,
        targetGbPerHour: a.targetGbPerHour,
        gbPerHour: rates.get(`${a.module}/${a.agent}`),
      }))
      .sort((x, y) => (y.gbPerHour ?? -1) - (x.gbPerHour ?? -1));
    return {
      // no agent reporting is "no series yet", not 0 GB/h
      totalGbPerHour: rows.some(r => r.gbPerHour !== undefined)
        ? rows.reduce((sum, r) => sum + (r.gbPerHour ?? 0), 0)
        : undefined,
      agents: rows,
      readAt,
    };
  }

  /** Every agent now: the Home widget. */
  async platformThroughput(): Promise<PlatformThroughput> {
    return withFreshness(await this.platform.get());
  }
}
