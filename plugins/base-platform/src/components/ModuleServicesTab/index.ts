export { ModuleServicesTab } from './ModuleServicesTab';
