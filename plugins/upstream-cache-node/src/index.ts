/**
 * Serving one upstream read to many viewers: a TTL cache that keeps the last
 * good value with the error, views shared per refresh, and JSON answers
 * serialised, hashed and compressed once.
 *
 * @packageDocumentation
 */
export { TtlCache } from './TtlCache';
export type { Cached } from './TtlCache';
export { SharedViews } from './SharedViews';
export { sendSharedJson } from './sendJson';
