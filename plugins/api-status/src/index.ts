/**
 * API status: the Health tab and the module health card.
 *
 * @packageDocumentation
 */
export { apiStatusPlugin as default } from './plugin';
export { apiStatusApiRef, ApiStatusClient } from './api/ApiStatusApi';
export type { ApiStatusApi } from './api/ApiStatusApi';
