import { ServiceUnavailableError } from '@backstage/errors';
import type { WaveBoard } from '@internal/plugin-sync-waves-common';
import type { ArgoApplication } from '../WaveBoard/buildWaveBoard';
import { buildWaves } from '../WaveBoard/buildWaveBoard';

/**
 * All Applications, read with one list call per TTL however many entity pages
 * and viewers ask; concurrent misses share one call. When ArgoCD fails, the
 * last good data is served marked stale, with the error and its age.
 */
export class WaveCache {
  private data?: { apps: ArgoApplication[]; fetchedAt: number };
  private error?: string;
  private inflight?: Promise<void>;

  constructor(
    private readonly list: () => Promise<ArgoApplication[]>,
    private readonly ttlMs: number,
    private readonly now = () => Date.now(),
  ) {}

  private checkedAt?: number;

  private async refresh(): Promise<void> {
    this.inflight ??= this.list()
      .then(apps => {
        this.data = { apps, fetchedAt: this.now() };
        this.error = undefined;
      })
      .catch((e: Error) => {
        // keep the last good data; read again at the next request after the TTL
        this.error = e.message;
      })
      .finally(() => {
        this.inflight = undefined;
        this.checkedAt = this.now();
      });
    return this.inflight;
  }

  /** Applications, fresh within the TTL; throws when ArgoCD never answered. */
  async applications(): Promise<{
    apps: ArgoApplication[];
    fetchedAt: number;
    stale: boolean;
    error?: string;
  }> {
    if (
      this.checkedAt === undefined ||
      this.now() - this.checkedAt >= this.ttlMs
    ) {
      await this.refresh();
    }
    if (!this.data)
      throw new ServiceUnavailableError(
        this.error ?? 'ArgoCD has not been read yet',
      );
    return { ...this.data, stale: !!this.error, error: this.error };
  }

  async board(): Promise<WaveBoard> {
    const { apps, fetchedAt, stale, error } = await this.applications();
    return {
      waves: buildWaves(apps),
      fetchedAt: new Date(fetchedAt).toISOString(),
      stale,
      error,
    };
  }

  /** Forget the data age, e.g. after a sync, so the next request reads again. */
  invalidate() {
    this.checkedAt = undefined;
  }
}
