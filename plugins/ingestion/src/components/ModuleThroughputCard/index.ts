export { ModuleThroughputCard } from './ModuleThroughputCard';
