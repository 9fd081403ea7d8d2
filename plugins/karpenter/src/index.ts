/**
 * Karpenter capacity: the Capacity page and the cluster, node pool and module cards.
 *
 * @packageDocumentation
 */
export { karpenterPlugin as default } from './plugin';
export { karpenterApiRef, KarpenterClient } from './api/KarpenterApi';
export type { KarpenterApi } from './api/KarpenterApi';
