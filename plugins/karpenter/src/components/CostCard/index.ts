export { ClusterCostCard } from './ClusterCostCard';
export { ModuleCostCard } from './ModuleCostCard';
