import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ApplicationDeployment,
  WaveBoard,
} from '@internal/plugin-sync-waves-common';

/** The sync-waves backend. */
export interface SyncWavesApi {
  getWaveBoard(): Promise<WaveBoard>;
  /** An Application, what blocks it, and (given a workload) that workload's objects in it. */
  getApplication(
    name: string,
    workload?: { id: string; service?: string },
  ): Promise<ApplicationDeployment>;
  /** Starts a sync of an Application; the backend decides whether this user may. */
  syncApplication(name: string): Promise<void>;
}

export const syncWavesApiRef = createApiRef<SyncWavesApi>({
  id: 'plugin.sync-waves.service',
});
