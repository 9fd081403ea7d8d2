export { ModuleServicesCard } from './ModuleServicesCard';
