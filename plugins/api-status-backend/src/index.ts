/**
 * Measured API status of BASE services, and the platform tools' live status.
 *
 * @packageDocumentation
 */
export { apiStatusPlugin as default } from './plugin';
