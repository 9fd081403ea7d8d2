import type {
  Availability,
  EndpointHealth,
  ProbeResult,
  ResponsePoint,
} from '@internal/plugin-api-status-common';
import type { ProbeRow } from './ProbeStore';

export const DAY_MS = 86_400_000;

/** Nearest-rank percentile of ascending values; undefined when empty. */
export function percentile(sorted: number[], p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

/** OK probes over all probes of a window; no ratio without probes. */
export function availability(
  windowDays: number,
  probes: number,
  ok: number,
): Availability {
  return {
    windowDays,
    probes,
    ok,
    ratio: probes > 0 ? ok / probes : undefined,
  };
}

/** Response times of OK probes, ascending. */
const okTimes = (rows: ProbeRow[]) =>
  rows
    .filter(r => r.ok && r.responseMs !== undefined)
    .map(r => r.responseMs!)
    .sort((a, b) => a - b);

/** Buckets of `bucketMs` from `fromMs` to `toMs`, each with p50/p95 of OK probes and failures. */
export function responseSeries(
  rows: ProbeRow[],
  fromMs: number,
  toMs: number,
  bucketMs: number,
): ResponsePoint[] {
  const count = Math.max(1, Math.ceil((toMs - fromMs) / bucketMs));
  const buckets: ProbeRow[][] = Array.from({ length: count }, () => []);
  for (const r of rows) {
    if (r.checkedAt < fromMs || r.checkedAt >= toMs) continue;
    buckets[Math.floor((r.checkedAt - fromMs) / bucketMs)].push(r);
  }
  return buckets
    .map((bucket, i) => {
      const times = okTimes(bucket);
      return {
        at: new Date(fromMs + i * bucketMs).toISOString(),
        p50Ms: percentile(times, 50),
        p95Ms: percentile(times, 95),
        failures: bucket.filter(r => !r.ok).length,
        probes: bucket.length,
      };
    })
    .filter(point => point.probes > 0);
}

export const toResult = (r: ProbeRow): ProbeResult => ({
  path: r.path,
  checkedAt: new Date(r.checkedAt).toISOString(),
  ok: r.ok,
  statusCode: r.statusCode,
  responseMs: r.responseMs,
  error: r.error,
});

/** An endpoint's health from its last 24 h of probes and its window counts. */
export function endpointHealth(options: {
  path: string;
  rows24h: ProbeRow[];
  windows: Availability[];
  lastFailure?: ProbeRow;
  nowMs: number;
  bucketMs?: number;
}): EndpointHealth {
  const { path, rows24h, nowMs } = options;
  const times = okTimes(rows24h);
  const current = rows24h[rows24h.length - 1];
  return {
    path,
    current: current ? toResult(current) : undefined,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    availability: options.windows,
    series: responseSeries(
      rows24h,
      nowMs - DAY_MS,
      nowMs,
      options.bucketMs ?? 15 * 60_000,
    ),
    lastFailure: options.lastFailure
      ? toResult(options.lastFailure)
      : undefined,
  };
}
