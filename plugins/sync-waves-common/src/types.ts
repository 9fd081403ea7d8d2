/** Sync status of an ArgoCD Application. */
export type SyncStatus = 'Synced' | 'OutOfSync' | 'Unknown';
/** Health status of an ArgoCD Application or resource. */
export type HealthStatus =
  | 'Healthy'
  | 'Progressing'
  | 'Degraded'
  | 'Suspended'
  | 'Missing'
  | 'Unknown';

/** An Application as the wave board shows it. */
export interface WaveApplication {
  name: string;
  applicationSet?: string;
  wave: number;
  sync: SyncStatus;
  health: HealthStatus;
  healthMessage?: string;
  revision?: string;
  /** Phase and message of the last sync operation. */
  operation?: { phase: string; message?: string; finishedAt?: string };
  destinationNamespace?: string;
}

/** A sync wave: its Applications and what they add up to. */
export interface Wave {
  wave: number;
  applications: WaveApplication[];
  applicationSets: string[];
  /** Synced when every Application is. */
  sync: SyncStatus;
  /** The worst health of its Applications. */
  health: HealthStatus;
  /** Set when an earlier wave is not Synced and Healthy: that wave, and why. */
  blockedBy?: { wave: number; applications: string[] };
}

/** The wave board and how fresh it is. */
export interface WaveBoard {
  waves: Wave[];
  /** When the data was read from ArgoCD. */
  fetchedAt: string;
  /** True when ArgoCD failed and this is the last good data. */
  stale: boolean;
  /** Why the data is stale (naming ArgoCD). */
  error?: string;
}

/** One of a service's own objects inside its module's Application. */
export interface ServiceResource {
  kind: string;
  name: string;
  namespace?: string;
  health?: string;
  healthMessage?: string;
  /** Synced / OutOfSync, for objects ArgoCD manages directly. */
  sync?: string;
  /** Result of the last sync operation for this object. */
  lastSync?: { status: string; message?: string };
}

/** What the Deploy tab shows for an entity's Application. */
export interface ApplicationDeployment {
  application: WaveApplication;
  /** The earlier wave that holds this Application back, if any. */
  blockedBy?: { wave: number; applications: string[] };
  /** The entity's own objects (only when a workload was asked for). */
  resources?: ServiceResource[];
  fetchedAt: string;
  stale: boolean;
  error?: string;
}
