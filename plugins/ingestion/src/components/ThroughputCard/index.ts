export { ThroughputCard } from './ThroughputCard';
