/** Bytes per second → decimal gigabytes (10^9 bytes) per hour. */
export function bytesPerSecondToGbPerHour(bytesPerSecond: number): number {
  return (bytesPerSecond * 3600) / 1e9;
}

/** Decimal gigabytes per hour → bytes per second. */
export function gbPerHourToBytesPerSecond(gbPerHour: number): number {
  return (gbPerHour * 1e9) / 3600;
}

/** Share of time at or above a target, over the samples that exist. */
export interface OnTargetShare {
  /** 0..1: samples at or above the target / samples with data. */
  share: number;
  /** How much of the window had data, in seconds (samples × step). */
  coveredSeconds: number;
  /** The window asked for, in seconds. */
  windowSeconds: number;
}

/**
 * The share of evenly stepped samples at or above `target`, over the last
 * `windowSeconds` before `end` (both in seconds). Gaps (no sample) count
 * neither for nor against: the result says how much of the window had data.
 * Undefined when no sample falls in the window.
 */
export function onTargetShare(
  samples: ReadonlyArray<{ t: number; value: number }>,
  target: number,
  options: { end: number; windowSeconds: number; stepSeconds: number },
): OnTargetShare | undefined {
  const start = options.end - options.windowSeconds;
  const inWindow = samples.filter(s => s.t > start && s.t <= options.end);
  if (inWindow.length === 0) return undefined;
  const on = inWindow.filter(s => s.value >= target).length;
  return {
    share: on / inWindow.length,
    coveredSeconds: Math.min(
      inWindow.length * options.stepSeconds,
      options.windowSeconds,
    ),
    windowSeconds: options.windowSeconds,
  };
}
