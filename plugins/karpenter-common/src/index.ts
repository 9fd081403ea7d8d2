/**
 * Wire types and quantity arithmetic of the karpenter plugin (the pending-pod
 * analysis is the backend's).
 *
 * @packageDocumentation
 */
export * from './quantities';
export * from './pending';
export * from './types';
