/**
 * ArgoCD Applications by sync wave.
 *
 * @packageDocumentation
 */
export { syncWavesPlugin as default } from './plugin';
