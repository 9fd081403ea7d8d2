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
    /** Health URL per tool id, overriding base.tools[].healthUrl (e.g. the sandbox's in dev). */
    toolHealthUrls?: { [toolId: string]: string };
  };
}
