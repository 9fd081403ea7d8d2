export { serviceResources } from './serviceResources';
export type { ServiceWorkload } from './serviceResources';
