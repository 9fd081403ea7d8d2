/**
 * Wire types and unit arithmetic of the ingestion plugin.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './units';
