import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ApplicationDeployment,
  DriftReport,
  ModuleDrift,
  WaveBoard,
} from '@internal/plugin-sync-waves-common';

/** One module's drift, with the state of each source. */
export interface NamespaceDrift {
  readAt: string;
  sources: DriftReport['sources'];
  module: ModuleDrift;
}

/** The sync-waves backend. */
export interface SyncWavesApi {
  getWaveBoard(): Promise<WaveBoard>;
  /**
   * An Application, what blocks it, and (given a workload: its Deployment,
   * and its Service's and HPA's names where they differ) that workload's
   * objects in it.
   */
  getApplication(
    name: string,
    workload?: { id: string; service?: string; hpa?: string },
  ): Promise<ApplicationDeployment>;
  /** Starts a sync of an Application; the backend decides whether this user may. */
  syncApplication(name: string): Promise<void>;
  /** Where the platform tree, the clusters and ArgoCD disagree, for every module. */
  getDrift(): Promise<DriftReport>;
  /** One module's drift, by its namespace. */
  getNamespaceDrift(namespace: string): Promise<NamespaceDrift>;
}

export const syncWavesApiRef = createApiRef<SyncWavesApi>({
  id: 'plugin.sync-waves.service',
});
