/**
 * BASE module and service pages.
 *
 * @packageDocumentation
 */
export { basePlatformPlugin as default } from './plugin';
export { settle, useBackendReader } from './api/readBackends';
export type { GetJson, Read } from './api/readBackends';
