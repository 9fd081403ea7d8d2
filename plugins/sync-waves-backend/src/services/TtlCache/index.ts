export { TtlCache } from './TtlCache';
export type { Cached } from './TtlCache';
