import type { OnTargetShare } from '@internal/plugin-ingestion-common';

/** 123.456 → "123.5 GB/h"; under 10 with two decimals. */
export function formatGbPerHour(gbPerHour?: number): string {
  if (gbPerHour === undefined) return 'no series';
  return `${gbPerHour.toFixed(gbPerHour < 10 ? 2 : 1)} GB/h`;
}

/** 1234.5 → "1,235 records/s". */
export function formatRecords(perSecond?: number): string {
  if (perSecond === undefined) return '–';
  return `${Math.round(perSecond).toLocaleString('en-US')} records/s`;
}

function formatDuration(seconds: number): string {
  if (seconds >= 86_400 && seconds % 86_400 === 0)
    return `${seconds / 86_400} d`;
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(1)} h`;
  return `${Math.round(seconds / 60)} min`;
}

/**
 * "24 h: 87%", or "24 h: 87% (of the 2.5 h with data)" when the window is
 * not covered; "24 h: no series" without data.
 */
export function formatShare(share?: OnTargetShare, window = '24 h'): string {
  if (!share) return `${window}: no series`;
  const percent = `${Math.round(share.share * 100)}%`;
  return share.coveredSeconds >= share.windowSeconds
    ? `${window}: ${percent}`
    : `${window}: ${percent} (of the ${formatDuration(
        share.coveredSeconds,
      )} with data)`;
}

/** Whether the backend's reason for a failed read is "Prometheus is not configured". */
export const isNotConfigured = (reason: string) =>
  reason.includes('Prometheus is not configured');
