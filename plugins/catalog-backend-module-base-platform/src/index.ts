/**
 * Catalog module that reads the BASE platform repository.
 *
 * @packageDocumentation
 */
export { catalogModuleBasePlatform as default } from './module';
