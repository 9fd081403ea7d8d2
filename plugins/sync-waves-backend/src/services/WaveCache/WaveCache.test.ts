import { WaveCache } from './WaveCache';

const app = (name: string) => ({
  metadata: { name, annotations: { 'argocd.argoproj.io/sync-wave': '4' } },
  status: { sync: { status: 'Synced' }, health: { status: 'Healthy' } },
});

describe('WaveCache', () => {
  it('makes one upstream list call per TTL for 168 entity requests', async () => {
    let now = 0;
    const list = jest.fn(async () => [app('data-ingestion')]);
    const cache = new WaveCache(list, 30_000, () => now);
    await Promise.all(Array.from({ length: 168 }, () => cache.applications()));
    expect(list).toHaveBeenCalledTimes(1);
    now = 29_999;
    await cache.board();
    expect(list).toHaveBeenCalledTimes(1);
    now = 30_000;
    await cache.board();
    expect(list).toHaveBeenCalledTimes(2);
  });

  it('serves the last good data marked stale, with the error, when ArgoCD fails', async () => {
    let now = 0;
    const list = jest
      .fn()
      .mockResolvedValueOnce([app('data-ingestion')])
      .mockRejectedValueOnce(
        new Error('ArgoCD at http://argocd is unreachable (ECONNREFUSED)'),
      );
    const cache = new WaveCache(list, 1000, () => now);
    expect((await cache.board()).stale).toBe(false);
    now = 5000;
    const board = await cache.board();
    expect(board).toMatchObject({
      stale: true,
      error: 'ArgoCD at http://argocd is unreachable (ECONNREFUSED)',
      fetchedAt: new Date(0).toISOString(),
    });
    expect(board.waves[4].applications.map(a => a.name)).toEqual([
      'data-ingestion',
    ]);
  });

  it('fails with the error naming ArgoCD when it never answered', async () => {
    const cache = new WaveCache(async () => {
      throw new Error('ArgoCD at http://argocd did not answer within 5 s');
    }, 1000);
    await expect(cache.board()).rejects.toThrow(
      'ArgoCD at http://argocd did not answer within 5 s',
    );
  });
});
