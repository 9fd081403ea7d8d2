export { ModuleHealthTab } from './ModuleHealthTab';
