/**
 * Karpenter capacity: node pools, claims, nodes and pending pods.
 *
 * @packageDocumentation
 */
export { karpenterPlugin as default } from './plugin';
/** The lists one refresh reads, for the portal's RBAC (deploy/base/rbac.yaml). */
export { LISTS as karpenterLists } from './services/CapacityService';
