/** The availability target of every BASE service. */
export const AVAILABILITY_TARGET = 0.999;

/** One probe of one health endpoint. */
export interface ProbeResult {
  path: string;
  checkedAt: string;
  /** True only for a 2xx answer of the service itself. */
  ok: boolean;
  statusCode?: number;
  responseMs?: number;
  error?: string;
}

/** Availability over a window: share of probes that were OK, with the counts. */
export interface Availability {
  windowDays: number;
  probes: number;
  ok: number;
  /** ok / probes, undefined when there was no probe in the window. */
  ratio?: number;
}

/** A point of the response-time chart (one bucket). */
export interface ResponsePoint {
  at: string;
  p50Ms?: number;
  p95Ms?: number;
  failures: number;
  probes: number;
}

export interface EndpointHealth {
  path: string;
  current?: ProbeResult;
  p50Ms?: number;
  p95Ms?: number;
  availability: Availability[];
  series: ResponsePoint[];
  lastFailure?: ProbeResult;
}

/** The API status of one service. */
export interface ServiceHealth {
  entityRef: string;
  /** Where it is probed: cluster, namespace, service and port. */
  target?: {
    cluster: string;
    namespace: string;
    service: string;
    port: number;
  };
  /** Why it is not probed, when it is not. */
  notProbed?: string;
  endpoints: EndpointHealth[];
  /** When the prober last ran (any service). */
  lastRunAt?: string;
  intervalSeconds: number;
}

/** A module's services at a glance. */
export interface ModuleHealth {
  system: string;
  services: Array<{
    entityRef: string;
    title?: string;
    /** up: every endpoint's last probe OK; down: at least one failing; unknown: never probed. */
    state: 'up' | 'down' | 'unknown';
    availability24h?: number;
    lastCheckedAt?: string;
    error?: string;
  }>;
}

/** The live status of a platform tool, measured by the backend. */
export interface ToolStatus {
  id: string;
  /** not-configured: the tool has no health URL in config. */
  state: 'up' | 'down' | 'not-configured';
  statusCode?: number;
  responseMs?: number;
  error?: string;
  checkedAt?: string;
}

/** A Warning event of one of a service's objects (its pods, ReplicaSets, Deployment, HPA, Service). */
export interface WarningEvent {
  /** Kind/name of the object, e.g. Pod/base-data-collector-7d9f-x2x1q. */
  object: string;
  reason?: string;
  message?: string;
  count: number;
  firstSeen?: string;
  lastSeen?: string;
}

/** The recent Warning events of a service, newest first. */
export interface ServiceEvents {
  cluster: string;
  namespace: string;
  events: WarningEvent[];
  /** When the events were read from the cluster. */
  readAt?: string;
  /** Why the cluster could not be read (the events shown, if any, are from readAt). */
  error?: string;
}

/** A service's error budget over its period, and each burn-rate rule's view now. */
export interface ServiceBudget {
  objective: number;
  periodDays: number;
  /** Endpoint probes in the period, failed ones, and the failures the objective allows. */
  probes: number;
  failures: number;
  allowedFailures: number;
  /** 1 = untouched, 0 = spent, below 0 = overspent; absent without probes. */
  remaining?: number;
  rules: Array<{
    name: string;
    severity: string;
    factor: number;
    longMinutes: number;
    shortMinutes: number;
    longBurn?: number;
    shortBurn?: number;
    firing: boolean;
  }>;
  /** The open incident, when a rule fires (its owner group was notified). */
  incident?: { rule: string; severity: string; openedAt: number };
}

/**
 * An ingestion agent's throughput budget as Prometheus measures it on the
 * rules of deploy/prometheus: its session time under target over the period
 * against the objective, each burn-rate alert's windows now, and the open
 * incident.
 */
export interface ThroughputBudget {
  /** e.g. 0.99: the share of session time at or above target. */
  objective: number;
  periodDays: number;
  /** Session time Prometheus holds in the period, and the part under target, in minutes. */
  sessionMinutes: number;
  underMinutes: number;
  /** 1 = untouched, 0 = spent, below 0 = overspent; absent without session data. */
  remaining?: number;
  rules: ServiceBudget['rules'];
  incident?: ServiceBudget['incident'];
  /** When Prometheus was read. */
  readAt: string;
}
