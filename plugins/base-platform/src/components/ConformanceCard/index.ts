export { ConformanceCard } from './ConformanceCard';
export { FindingsTable } from './FindingsTable';
export type { FindingRow } from './FindingsTable';
