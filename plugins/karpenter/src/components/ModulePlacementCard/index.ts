export { ModulePlacementCard } from './ModulePlacementCard';
