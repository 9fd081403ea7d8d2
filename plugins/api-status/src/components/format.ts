import { AVAILABILITY_TARGET } from '@internal/plugin-api-status-common';

/** 0.99912 → "99.912%"; no ratio → "no probes". */
export function formatAvailability(ratio?: number): string {
  if (ratio === undefined) return 'no probes';
  return `${(ratio * 100).toFixed(3).replace(/\.?0+$/, '')}%`;
}

export const meetsTarget = (ratio?: number) =>
  ratio !== undefined && ratio >= AVAILABILITY_TARGET;

export const formatMs = (ms?: number) =>
  ms === undefined ? '–' : `${Math.round(ms)} ms`;
