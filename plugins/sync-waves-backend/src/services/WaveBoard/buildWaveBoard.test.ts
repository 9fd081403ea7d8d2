import { ArgoApplication, buildWaves } from './buildWaveBoard';

const app = (
  name: string,
  wave: number,
  sync = 'Synced',
  health = 'Healthy',
  set = `set-${wave}`,
): ArgoApplication => ({
  metadata: {
    name,
    annotations: { 'argocd.argoproj.io/sync-wave': String(wave) },
    ownerReferences: [{ kind: 'ApplicationSet', name: set }],
  },
  status: { sync: { status: sync }, health: { status: health } },
});

describe('buildWaves', () => {
  it('groups Applications by wave 0-7 with their ApplicationSets', () => {
    const waves = buildWaves([
      app('vault', 1),
      app('data-ingestion', 4, 'Synced', 'Healthy', 'base-data-foundation'),
      app('data-quality', 4),
    ]);
    expect(waves.map(w => w.wave)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(waves[4].applications.map(a => a.name)).toEqual([
      'data-ingestion',
      'data-quality',
    ]);
    expect(waves[4].applicationSets).toEqual(['base-data-foundation', 'set-4']);
    expect(waves[4]).toMatchObject({
      sync: 'Synced',
      health: 'Healthy',
      blockedBy: undefined,
    });
  });

  it.each([
    [
      'one OutOfSync',
      [app('a', 4, 'OutOfSync'), app('b', 4)],
      'OutOfSync',
      'Healthy',
    ],
    [
      'Degraded beats Progressing',
      [app('a', 4, 'Synced', 'Progressing'), app('b', 4, 'Synced', 'Degraded')],
      'Synced',
      'Degraded',
    ],
    ['Missing', [app('a', 4, 'OutOfSync', 'Missing')], 'OutOfSync', 'Missing'],
    [
      'unknown health string',
      [app('a', 4, 'Synced', 'Weird')],
      'Synced',
      'Unknown',
    ],
  ])('rolls up %s', (_what, apps, sync, health) => {
    expect(buildWaves(apps)[4]).toMatchObject({ sync, health });
  });

  it('names the earliest unsettled wave as the blocker of every later wave', () => {
    const waves = buildWaves([
      app('vault', 1),
      app('data-ingestion', 4, 'OutOfSync', 'Degraded'),
      app('data-quality', 4),
      app('feature-engineering', 5, 'OutOfSync', 'Missing'),
      app('data-control', 7, 'OutOfSync', 'Missing'),
    ]);
    expect(waves[1].blockedBy).toBeUndefined();
    expect(waves[4].blockedBy).toBeUndefined();
    expect(waves[5].blockedBy).toEqual({
      wave: 4,
      applications: ['data-ingestion'],
    });
    expect(waves[7].blockedBy).toEqual({
      wave: 4,
      applications: ['data-ingestion'],
    });
  });

  it('treats a missing wave annotation as wave 0', () => {
    expect(
      buildWaves([{ metadata: { name: 'x' } }])[0].applications[0],
    ).toMatchObject({ name: 'x', sync: 'Unknown', health: 'Unknown' });
  });
});
