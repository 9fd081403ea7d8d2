export { ClusterCapacityCard, NodePoolCapacityCard } from './CapacityCard';
