/**
 * Wire types, quantity arithmetic and the pending-pod analysis of the
 * karpenter plugin.
 *
 * @packageDocumentation
 */
export * from './quantities';
export * from './pending';
export * from './types';
