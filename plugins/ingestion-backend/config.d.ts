export interface Config {
  /** The ingestion plugin: throughput of ingestion agents from Prometheus (docs/ingestion-metrics.md). */
  ingestion?: {
    /** The Prometheus that scrapes the ingestion agents. Without it the cards say "not configured". */
    prometheus?: {
      /** Base URL of Prometheus' HTTP API, e.g. http://prometheus-server.monitoring:9090. */
      baseUrl: string;
      /** Timeout of each query, in seconds. Default 5. */
      timeoutSeconds?: number;
    };
    /** How long one answer is served before Prometheus is asked again, in seconds. Default 60. */
    cacheSeconds?: number;
    /** Query the recording rules of deploy/prometheus (base:ingestion_*:rate5m). Default true. */
    recordingRules?: boolean;
    /** Window of rate() when recordingRules is false, e.g. 5m. Default 5m. */
    rateWindow?: string;
  };
}
