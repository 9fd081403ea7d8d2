import { ServiceUnavailableError } from '@backstage/errors';

/** A value read from an upstream, with how fresh it is. */
export interface Cached<T> {
  value: T;
  fetchedAt: number;
  /** True when the last read failed and this is the last good value. */
  stale: boolean;
  /** Why the last read failed (naming the upstream). */
  error?: string;
}

/**
 * One upstream read per TTL however many callers ask; concurrent misses share
 * one read. When a read fails, the last good value is served marked stale
 * with the error; with no good value yet, the error is thrown (503).
 */
export class TtlCache<T> {
  private data?: { value: T; fetchedAt: number };
  private error?: string;
  private inflight?: Promise<void>;
  private checkedAt?: number;

  constructor(
    private readonly read: () => Promise<T>,
    private readonly ttlMs: number,
    private readonly now = () => Date.now(),
  ) {}

  private refresh(): Promise<void> {
    this.inflight ??= this.read()
      .then(value => {
        this.data = { value, fetchedAt: this.now() };
        this.error = undefined;
      })
      .catch((e: Error) => {
        this.error = e.message;
      })
      .finally(() => {
        this.inflight = undefined;
        this.checkedAt = this.now();
      });
    return this.inflight;
  }

  async get(): Promise<Cached<T>> {
    if (
      this.checkedAt === undefined ||
      this.now() - this.checkedAt >= this.ttlMs
    ) {
      await this.refresh();
    }
    if (!this.data)
      throw new ServiceUnavailableError(this.error ?? 'not read yet');
    return { ...this.data, stale: !!this.error, error: this.error };
  }

  /** Read again at the next request, e.g. after a sync. */
  invalidate() {
    this.checkedAt = undefined;
  }
}
