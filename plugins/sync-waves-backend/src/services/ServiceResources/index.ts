export { serviceResources } from './serviceResources';
