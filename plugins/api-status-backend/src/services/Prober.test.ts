import { Prober, ProbeTarget } from './Prober';

const target = (i: number, paths = ['/health/live']): ProbeTarget => ({
  entityRef: `component:default/svc-${i}`,
  cluster: 'base-app-layer-dev',
  namespace: 'base-x',
  service: `svc-${i}`,
  port: 8080,
  paths,
});

describe('Prober', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('keeps at most `concurrency` probes in flight and probes every endpoint once', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: string[] = [];
    const prober = new Prober({
      concurrency: 3,
      jitterMs: 0,
      timeoutMs: 5000,
      probe: async (t, path) => {
        inFlight++;
        most = Math.max(most, inFlight);
        seen.push(`${t.service}${path}`);
        await new Promise(r => setTimeout(r, 100));
        inFlight--;
        return { statusCode: 200 };
      },
    });
    const targets = Array.from({ length: 10 }, (_, i) =>
      target(i, ['/health/live', '/health/ready']),
    );
    const run = prober.run(targets);
    await jest.advanceTimersByTimeAsync(100 * 7 + 10);
    const rows = await run;
    expect(rows).toHaveLength(20);
    expect(new Set(seen).size).toBe(20);
    expect(most).toBe(3);
    expect(rows.every(r => r.ok && r.statusCode === 200)).toBe(true);
  });

  it('starts each probe at its random point of the jitter window, not after the previous one', async () => {
    const started: number[] = [];
    const t0 = Date.now();
    const randoms = [0, 0.5, 0.99];
    const prober = new Prober({
      concurrency: 1,
      jitterMs: 1000,
      timeoutMs: 5000,
      random: () => randoms.shift() ?? 0,
      probe: async () => {
        started.push(Date.now() - t0);
        return { statusCode: 200 };
      },
    });
    const run = prober.run([target(1), target(2), target(3)]);
    await jest.advanceTimersByTimeAsync(499);
    expect(started).toEqual([0]);
    await jest.advanceTimersByTimeAsync(1000);
    await run;
    expect(started).toEqual([0, 500, 990]);
  });

  it('spreads a large run over the window: the run lasts the window, not probes × jitter', async () => {
    const prober = new Prober({
      concurrency: 8,
      jitterMs: 10_000,
      timeoutMs: 5000,
      probe: async () => {
        await new Promise(r => setTimeout(r, 50));
        return { statusCode: 200 };
      },
    });
    const targets = Array.from({ length: 168 }, (_, i) =>
      target(i, ['/health/live', '/health/ready', '/health/startup']),
    );
    let done = false;
    const run = prober.run(targets).then(rows => {
      done = true;
      return rows;
    });
    await jest.advanceTimersByTimeAsync(10_000 + (504 * 50) / 8);
    expect(done).toBe(true);
    expect(await run).toHaveLength(504);
  });

  it('records a probe that does not answer in time as failed, and aborts it', async () => {
    let aborted = false;
    const prober = new Prober({
      concurrency: 2,
      jitterMs: 0,
      timeoutMs: 5000,
      probe: (_t, _p, signal) =>
        new Promise(() => {
          signal.addEventListener('abort', () => {
            aborted = true;
          });
        }),
    });
    const run = prober.run([target(1)]);
    await jest.advanceTimersByTimeAsync(5000);
    const [row] = await run;
    expect(row).toMatchObject({
      ok: false,
      error: 'no answer within 5 s',
    });
    expect(row.statusCode).toBeUndefined();
    expect(aborted).toBe(true);
  });

  it('calls only a 2xx answer OK; anything else is a failure with its reason', async () => {
    const answers = [
      { statusCode: 204 },
      { statusCode: 503, message: 'upstream feed connection refused' },
      { statusCode: 302 },
    ];
    const prober = new Prober({
      concurrency: 1,
      jitterMs: 0,
      timeoutMs: 5000,
      probe: async () => answers.shift()!,
    });
    const rows = await prober.run([target(1, ['/a', '/b', '/c'])]);
    expect(rows.map(r => [r.ok, r.error])).toEqual([
      [true, undefined],
      [false, 'HTTP 503: upstream feed connection refused'],
      [false, 'HTTP 302'],
    ]);
  });

  it('records a probe that throws (cluster unreachable) as failed with the error', async () => {
    const prober = new Prober({
      concurrency: 1,
      jitterMs: 0,
      timeoutMs: 5000,
      probe: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:7101');
      },
    });
    const [row] = await prober.run([target(1)]);
    expect(row).toMatchObject({
      ok: false,
      error: 'connect ECONNREFUSED 127.0.0.1:7101',
    });
  });
});
