export interface Config {
  /** The api-status plugin: probes of every service's health endpoints through the Kubernetes API service proxy. */
  apiStatus?: {
    /** The cluster (as named in kubernetes.clusterLocatorMethods) the modules run in. Default base-app-layer-dev. */
    cluster?: string;
    /** Seconds between two probes of the same endpoint. Default 30. */
    intervalSeconds?: number;
    /** Timeout of each probe, and of each tool check, in seconds. Default 5. */
    timeoutSeconds?: number;
    /** Probes in flight at most. Default 8. */
    concurrency?: number;
    /** Each probe starts after a random delay of up to this many seconds. Default intervalSeconds / 3. */
    jitterSeconds?: number;
    /** Hourly roll-ups (availability, p50/p95, last failure) older than this many days are deleted. Default 30. */
    retentionDays?: number;
    /** Raw probes older than this many hours are deleted once rolled up; at least 25 (the 24 h figures use them). Default 48. */
    rawRetentionHours?: number;
    /**
     * Error budgets and burn-rate alerts (Google SRE workbook): the budget is
     * (1 - objective) of a service's endpoint probes over periodDays; a rule
     * fires when the burn rate over both its windows is at or above its
     * factor, and the owner group of the module is notified.
     */
    errorBudget?: {
      /** Availability objective, 0..1. Default 0.999. */
      objective?: number;
      /** The budget's period in days. Default 30. */
      periodDays?: number;
      /** Seconds between two evaluations. Default 60. */
      evaluateSeconds?: number;
      /** Default: fast burn 14.4× over 60 min confirmed over 5; slow burn 6× over 360 min confirmed over 30. */
      rules?: Array<{
        name: string;
        /** Notification severity. Default high. */
        severity?: 'critical' | 'high';
        factor: number;
        longMinutes: number;
        shortMinutes: number;
      }>;
    };
    /**
     * The throughput budget's alerts: Prometheus evaluates the burn-rate
     * rules of deploy/prometheus on ingestion.prometheus.baseUrl; the portal
     * reads its firing alerts and notifies each ingestion agent's owner.
     */
    throughputAlerts?: {
      /** Seconds between two reads of Prometheus' alerts. Default 60. */
      evaluateSeconds?: number;
    };
    /** Health URL per tool id, overriding base.tools[].healthUrl (e.g. the sandbox's in dev). */
    toolHealthUrls?: { [toolId: string]: string };
  };
}
