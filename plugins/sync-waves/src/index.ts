/**
 * The sync-wave board.
 *
 * @packageDocumentation
 */
export { syncWavesPlugin as default } from './plugin';
