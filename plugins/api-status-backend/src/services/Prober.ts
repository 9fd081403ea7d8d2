import type { ProbeRow } from './ProbeStore';

/** Where a service's health endpoints are reached. */
export interface ProbeTarget {
  entityRef: string;
  cluster: string;
  namespace: string;
  service: string;
  port: number;
  paths: string[];
}

/** What one HTTP probe returned. */
export interface ProbeAnswer {
  statusCode: number;
  /** A short reason when the answer is not 2xx (from the body, if any). */
  message?: string;
}

export interface ProberOptions {
  /** Performs one probe; must honour the abort signal. */
  probe: (
    target: ProbeTarget,
    path: string,
    signal: AbortSignal,
  ) => Promise<ProbeAnswer>;
  /** Probes in flight at most. */
  concurrency: number;
  /** Each probe starts at a random point of 0..jitterMs after the run starts. */
  jitterMs: number;
  timeoutMs: number;
  now?: () => number;
  random?: () => number;
}

/**
 * Probes every endpoint of every target once: a fixed pool of `concurrency`
 * workers, a random start point per probe within the jitter window, and a
 * timeout per probe.
 * OK is a 2xx answer and nothing else.
 */
export class Prober {
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(private readonly options: ProberOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  async run(targets: ProbeTarget[]): Promise<ProbeRow[]> {
    // each probe gets a random start within the jitter window, so a run's
    // probes spread over the window instead of arriving at once
    const runStart = this.now();
    const queue = targets
      .flatMap(target => target.paths.map(path => ({ target, path })))
      .map(job => ({
        ...job,
        startAt: Math.floor(this.random() * this.options.jitterMs),
      }))
      .sort((a, b) => a.startAt - b.startAt);
    const rows: ProbeRow[] = [];
    const worker = async () => {
      for (let job = queue.shift(); job; job = queue.shift()) {
        const wait = job.startAt - (this.now() - runStart);
        if (wait > 0) await new Promise(r => setTimeout(r, wait));
        rows.push(await this.probeOne(job.target, job.path));
      }
    };
    await Promise.all(
      Array.from(
        {
          length: Math.max(1, Math.min(this.options.concurrency, queue.length)),
        },
        worker,
      ),
    );
    return rows;
  }

  private async probeOne(target: ProbeTarget, path: string): Promise<ProbeRow> {
    const controller = new AbortController();
    const started = this.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(
          new Error(`no answer within ${this.options.timeoutMs / 1000} s`),
        );
      }, this.options.timeoutMs);
    });
    const base = { entityRef: target.entityRef, path, checkedAt: started };
    try {
      const answer = await Promise.race([
        this.options.probe(target, path, controller.signal),
        timeout,
      ]);
      const responseMs = this.now() - started;
      const ok = answer.statusCode >= 200 && answer.statusCode < 300;
      return {
        ...base,
        ok,
        statusCode: answer.statusCode,
        responseMs,
        error: ok
          ? undefined
          : `HTTP ${answer.statusCode}${
              answer.message ? `: ${answer.message}` : ''
            }`,
      };
    } catch (error) {
      return { ...base, ok: false, error: (error as Error).message };
    } finally {
      clearTimeout(timer);
    }
  }
}
