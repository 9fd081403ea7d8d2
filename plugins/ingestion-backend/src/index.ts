/**
 * Ingestion throughput per agent and source, from Prometheus.
 *
 * @packageDocumentation
 */
export { ingestionPlugin as default } from './plugin';
