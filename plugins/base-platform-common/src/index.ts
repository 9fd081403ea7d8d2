/**
 * Common code of the BASE platform plugins: the naming convention, the
 * domains and their waves, and the catalog annotations.
 *
 * @packageDocumentation
 */
export * from './naming';
export * from './domains';
export * from './annotations';
export * from './entities';
export * from './conformance';
export * from './scaffold';
export * from './scheduling';
export * from './inputs';
export * from './quantities';
