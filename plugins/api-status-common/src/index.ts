/**
 * Wire types of the api-status plugin.
 *
 * @packageDocumentation
 */
export * from './types';
