/**
 * What every frontend plugin of the portal shares: reading its backend, and
 * a card's honest states.
 *
 * @packageDocumentation
 */
export { backendClient, errorReason, routePath } from './backendClient';
export type { BackendClientDeps, BackendRequest } from './backendClient';
export { CardState, StaleNotice } from './CardState';
export type { CardStateProps, ReadState } from './CardState';
export { useEntityRead } from './hooks/useEntityRead';
