/**
 * Catalog module that reads the BASE platform repository.
 *
 * @packageDocumentation
 */
export { catalogModuleBasePlatform as default } from './module';

/** The entities the provider emits for a platform tree: the benchmarks write them for a stock app. */
export { buildEntities } from './provider/buildEntities';
