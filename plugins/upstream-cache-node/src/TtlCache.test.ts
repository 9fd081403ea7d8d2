import { TtlCache } from './TtlCache';

describe('TtlCache', () => {
  it('makes one upstream call per TTL for 168 concurrent requests', async () => {
    let now = 0;
    const read = jest.fn(async () => ['data-ingestion']);
    const cache = new TtlCache(read, 30_000, () => now);
    await Promise.all(Array.from({ length: 168 }, () => cache.get()));
    expect(read).toHaveBeenCalledTimes(1);
    now = 29_999;
    await cache.get();
    expect(read).toHaveBeenCalledTimes(1);
    now = 30_000;
    await cache.get();
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('serves the last good value marked stale, with the error, when the upstream fails', async () => {
    let now = 0;
    const read = jest
      .fn()
      .mockResolvedValueOnce(['data-ingestion'])
      .mockRejectedValueOnce(
        new Error('ArgoCD at http://argocd is unreachable (ECONNREFUSED)'),
      );
    const cache = new TtlCache(read, 1000, () => now);
    expect((await cache.get()).stale).toBe(false);
    now = 5000;
    expect(await cache.get()).toEqual({
      value: ['data-ingestion'],
      fetchedAt: 0,
      stale: true,
      error: 'ArgoCD at http://argocd is unreachable (ECONNREFUSED)',
    });
  });

  it('throws the error naming the upstream when it never answered', async () => {
    const cache = new TtlCache(async () => {
      throw new Error('ArgoCD at http://argocd did not answer within 5 s');
    }, 1000);
    await expect(cache.get()).rejects.toThrow(
      'ArgoCD at http://argocd did not answer within 5 s',
    );
  });

  it('reads again after invalidate', async () => {
    const read = jest.fn(async () => 1);
    const cache = new TtlCache(read, 60_000);
    await cache.get();
    cache.invalidate();
    await cache.get();
    expect(read).toHaveBeenCalledTimes(2);
  });
});
