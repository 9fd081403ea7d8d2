/**
 * Measured API status of BASE services, and the platform tools' live status.
 *
 * @packageDocumentation
 */
export { apiStatusPlugin as default } from './plugin';

/** The probe history store: the tabs benchmark seeds a database with it. */
export { HOUR_MS, ProbeStore } from './services/ProbeStore';
