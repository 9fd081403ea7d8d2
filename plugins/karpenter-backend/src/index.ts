/**
 * Karpenter capacity: node pools, claims, nodes and pending pods.
 *
 * @packageDocumentation
 */
export { karpenterPlugin as default } from './plugin';
