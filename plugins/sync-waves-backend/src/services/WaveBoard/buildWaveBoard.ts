import type {
  HealthStatus,
  SyncStatus,
  Wave,
  WaveApplication,
} from '@internal/plugin-sync-waves-common';

const WAVES = [0, 1, 2, 3, 4, 5, 6, 7];
const HEALTH_ORDER: HealthStatus[] = [
  'Degraded',
  'Missing',
  'Unknown',
  'Progressing',
  'Suspended',
  'Healthy',
];

/** An ArgoCD Application (v1alpha1) as the API returns it; only what is read. */
export interface ArgoApplication {
  metadata: {
    name: string;
    annotations?: Record<string, string>;
    ownerReferences?: Array<{ kind: string; name: string }>;
  };
  spec?: { destination?: { namespace?: string } };
  status?: {
    sync?: { status?: string; revision?: string };
    health?: { status?: string; message?: string };
    operationState?: { phase?: string; message?: string; finishedAt?: string };
    /** ArgoCD's comparison of each tracked object with git. */
    resources?: Array<{
      kind: string;
      namespace?: string;
      name: string;
      status?: string;
      health?: { status?: string; message?: string };
    }>;
  };
}

function wave(app: ArgoApplication): number {
  const value = Number(
    app.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? 0,
  );
  return Number.isFinite(value) ? value : 0;
}

/** The Application as the board shows it. */
export function toWaveApplication(app: ArgoApplication): WaveApplication {
  const sync = app.status?.sync?.status;
  const health = app.status?.health?.status;
  return {
    name: app.metadata.name,
    applicationSet: app.metadata.ownerReferences?.find(
      o => o.kind === 'ApplicationSet',
    )?.name,
    wave: wave(app),
    sync: sync === 'Synced' || sync === 'OutOfSync' ? sync : 'Unknown',
    health: HEALTH_ORDER.includes(health as HealthStatus)
      ? (health as HealthStatus)
      : 'Unknown',
    healthMessage: app.status?.health?.message,
    revision: app.status?.sync?.revision,
    operation: app.status?.operationState?.phase
      ? {
          phase: app.status.operationState.phase,
          message: app.status.operationState.message,
          finishedAt: app.status.operationState.finishedAt,
        }
      : undefined,
    destinationNamespace: app.spec?.destination?.namespace,
  };
}

const settled = (a: WaveApplication) =>
  a.sync === 'Synced' && a.health === 'Healthy';

/**
 * Waves 0-7 with their Applications, roll-up sync and health, and for each
 * wave the earliest earlier wave that is not settled (Synced and Healthy),
 * which blocks it: ArgoCD syncs a later wave only after the earlier ones.
 */
export function buildWaves(apps: ArgoApplication[]): Wave[] {
  const all = apps.map(toWaveApplication);
  const waves = [...new Set([...WAVES, ...all.map(a => a.wave)])].sort(
    (a, b) => a - b,
  );
  const result: Wave[] = [];
  for (const w of waves) {
    const applications = all
      .filter(a => a.wave === w)
      .sort((a, b) => a.name.localeCompare(b.name));
    const sync: SyncStatus = applications.every(a => a.sync === 'Synced')
      ? 'Synced'
      : 'OutOfSync';
    const health =
      HEALTH_ORDER.find(h => applications.some(a => a.health === h)) ??
      'Healthy';
    const blocker = result.find(earlier =>
      earlier.applications.some(a => !settled(a)),
    );
    result.push({
      wave: w,
      applications,
      applicationSets: [
        ...new Set(
          applications
            .map(a => a.applicationSet)
            .filter((s): s is string => !!s),
        ),
      ].sort(),
      sync: applications.length === 0 ? 'Synced' : sync,
      health,
      blockedBy: blocker
        ? {
            wave: blocker.wave,
            applications: blocker.applications
              .filter(a => !settled(a))
              .map(a => a.name),
          }
        : undefined,
    });
  }
  return result;
}
