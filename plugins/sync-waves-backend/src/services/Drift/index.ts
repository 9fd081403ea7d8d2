export { DriftService, DRIFT_LISTS } from './DriftService';
export { compareModule, LiveIndex } from './compareDrift';
