import type { ProbeRow } from './ProbeStore';
import {
  availability,
  DAY_MS,
  endpointHealth,
  percentile,
  responseSeries,
} from './stats';

const row = (
  checkedAt: number,
  ok: boolean,
  responseMs?: number,
): ProbeRow => ({
  entityRef: 'component:default/a',
  path: '/health/live',
  checkedAt,
  ok,
  responseMs,
  error: ok ? undefined : 'HTTP 503',
});

describe('stats', () => {
  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeUndefined();
  });

  it('computes availability as OK over all probes, none without probes', () => {
    expect(availability(1, 2880, 2877)).toEqual({
      windowDays: 1,
      probes: 2880,
      ok: 2877,
      ratio: 2877 / 2880,
    });
    // 2877/2880 = 99.896 %: below the 99.9 % target
    expect(availability(1, 2880, 2877).ratio!).toBeLessThan(0.999);
    expect(availability(30, 0, 0).ratio).toBeUndefined();
  });

  it('buckets a history into p50/p95 of OK probes and counts failures', () => {
    const from = 0;
    const rows = [
      row(1_000, true, 10),
      row(2_000, true, 20),
      row(3_000, true, 30),
      row(4_000, false),
      row(61_000, true, 100),
    ];
    expect(responseSeries(rows, from, 120_000, 60_000)).toEqual([
      {
        at: new Date(0).toISOString(),
        p50Ms: 20,
        p95Ms: 30,
        failures: 1,
        probes: 4,
      },
      {
        at: new Date(60_000).toISOString(),
        p50Ms: 100,
        p95Ms: 100,
        failures: 0,
        probes: 1,
      },
    ]);
  });

  it('summarises an endpoint: its last probe, 24 h percentiles and last failure', () => {
    const now = 10 * DAY_MS;
    const rows = [
      row(now - 3_000, true, 12),
      row(now - 2_000, false),
      row(now - 1_000, true, 8),
    ];
    const health = endpointHealth({
      path: '/health/live',
      rows24h: rows,
      windows: [availability(1, 3, 2)],
      lastFailure: rows[1],
      nowMs: now,
    });
    expect(health.current).toMatchObject({ ok: true, responseMs: 8 });
    expect(health.p50Ms).toBe(8);
    expect(health.p95Ms).toBe(12);
    expect(health.lastFailure).toMatchObject({ ok: false, error: 'HTTP 503' });
    expect(health.availability[0].ratio).toBeCloseTo(2 / 3);
  });
});
