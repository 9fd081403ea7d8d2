export { ModuleHealthCard } from './ModuleHealthCard';
