/**
 * Wire types and permissions of the sync-waves plugin.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './permissions';
