import { createApiRef } from '@backstage/frontend-plugin-api';
import type { WaveBoard } from '@internal/plugin-sync-waves-common';

/** The sync-waves backend. */
export interface SyncWavesApi {
  getWaveBoard(): Promise<WaveBoard>;
}

export const syncWavesApiRef = createApiRef<SyncWavesApi>({
  id: 'plugin.sync-waves.service',
});
