/**
 * Serving one upstream read to many viewers: a TTL cache that keeps the last
 * good value with the error, views shared per refresh, and JSON answers
 * serialised, hashed and compressed once; and the Prometheus client the
 * backends that read Prometheus share.
 *
 * @packageDocumentation
 */
export { TtlCache } from './TtlCache';
export type { Cached } from './TtlCache';
export { SharedViews } from './SharedViews';
export { sendSharedJson } from './sendJson';
export { PrometheusClient } from './PrometheusClient';
export type { PromAlert, PromSeries } from './PrometheusClient';
