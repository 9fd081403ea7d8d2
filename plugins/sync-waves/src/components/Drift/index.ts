export { DriftCard } from './DriftCard';
export { DriftPage } from './DriftPage';
