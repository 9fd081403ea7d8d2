export { buildWaves, toWaveApplication } from './buildWaveBoard';
export type { ArgoApplication } from './buildWaveBoard';
