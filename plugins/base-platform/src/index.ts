/**
 * BASE module and service pages.
 *
 * @packageDocumentation
 */
export { basePlatformPlugin as default } from './plugin';
