/**
 * Ingestion throughput: the agent card, the module card and the Home widget.
 *
 * @packageDocumentation
 */
export { ingestionPlugin as default } from './plugin';
export { ingestionApiRef, IngestionClient } from './api/IngestionApi';
export type { IngestionApi } from './api/IngestionApi';
