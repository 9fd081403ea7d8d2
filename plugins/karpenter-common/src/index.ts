/**
 * Wire types and quantity arithmetic of the karpenter plugin (the pending-pod
 * analysis is the backend's).
 *
 * @packageDocumentation
 */
// Kubernetes quantities have one home, shared with the drift comparison
export {
  cpuCores,
  memoryBytes,
  parseQuantity,
  toGiB,
} from '@internal/plugin-base-platform-common';
export * from './pending';
export * from './types';
export * from './cost';
