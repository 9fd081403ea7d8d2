/**
 * Cluster access for the portal's backends: the one reader of the Kubernetes
 * backend's cluster configuration, the authenticated kept-alive client, the
 * Kubernetes backend's proxy for other auth providers, and the wording of
 * every cluster failure the cards show.
 *
 * @packageDocumentation
 */
export { readClusters } from './clusters';
export type { ClusterConfig } from './clusters';
export { clusterAccess } from './clusterAccess';
export type { ClusterAccess } from './clusterAccess';
export { directClusters } from './directClusters';
export { kubernetesProxy } from './kubernetesProxy';
export { listItems, reasonOf } from './listItems';
export type { ClusterAnswer, ClusterGet, ClusterList } from './listItems';
