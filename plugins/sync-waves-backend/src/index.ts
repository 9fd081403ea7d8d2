/**
 * ArgoCD Applications by sync wave.
 *
 * @packageDocumentation
 */
export { syncWavesPlugin as default } from './plugin';
export { DRIFT_LISTS as driftLists } from './services/Drift';
