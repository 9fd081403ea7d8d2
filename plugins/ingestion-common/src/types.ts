import type { OnTargetShare } from './units';

/** One source an agent reads, now. */
export interface SourceThroughput {
  source: string;
  gbPerHour: number;
  recordsPerSecond: number;
}

/** Where the figures come from and how fresh they are. */
export interface Freshness {
  /** When Prometheus answered the query behind these figures (ISO time). */
  readAt: string;
  /**
   * Set when the last query failed and these are the last good figures:
   * why it failed, naming Prometheus.
   */
  error?: string;
}

/** An ingestion agent's throughput against its target. */
export interface AgentThroughput extends Freshness {
  entityRef: string;
  module: string;
  agent: string;
  targetGbPerHour: number;
  /**
   * `no-data`: Prometheus has no series for this agent (never scraped, or
   * the metric contract is not implemented), which is not 0 GB/h.
   */
  state: 'ok' | 'no-data';
  /** Now: the latest 5-minute rate. Absent when the agent has no recent sample. */
  current?: { gbPerHour: number; recordsPerSecond: number };
  /** Top sources first. */
  sources: SourceThroughput[];
  /** The last 24 h, one point per `stepSeconds` (t in epoch seconds). */
  series: Array<{ t: number; gbPerHour: number }>;
  stepSeconds: number;
  onTarget24h?: OnTargetShare;
  onTarget7d?: OnTargetShare;
}

/** The ingestion agents of one module. */
export interface ModuleThroughput {
  agents: Array<
    Pick<
      AgentThroughput,
      | 'entityRef'
      | 'agent'
      | 'targetGbPerHour'
      | 'state'
      | 'current'
      | 'onTarget24h'
    > & { title?: string; error?: string }
  >;
}

/** Every ingestion agent of the platform, now. */
export interface PlatformThroughput extends Freshness {
  /** Sum over the agents that report; absent when none does. */
  totalGbPerHour?: number;
  agents: Array<{
    entityRef: string;
    module: string;
    agent: string;
    title?: string;
    targetGbPerHour: number;
    /** Absent: no series for this agent. */
    gbPerHour?: number;
  }>;
}
