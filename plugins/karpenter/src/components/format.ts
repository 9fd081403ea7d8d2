import { toGiB } from '@internal/plugin-karpenter-common';

export const cores = (n?: number) =>
  n === undefined ? 'unlimited' : `${Number(n.toFixed(2))} cores`;

export const gib = (bytes?: number) =>
  bytes === undefined ? 'unlimited' : `${Number(toGiB(bytes).toFixed(1))} GiB`;

export const percent = (share?: number) =>
  share === undefined ? '–' : `${Math.round(share * 100)}%`;

/** "81% spot (13 spot, 3 on-demand) against 80%". */
export const spotSummary = (spot: {
  spot: number;
  onDemand: number;
  share?: number;
  target: number;
}) =>
  spot.share === undefined
    ? 'no Karpenter nodes'
    : `${percent(spot.share)} spot (${spot.spot} spot, ${
        spot.onDemand
      } on-demand) against a ${percent(spot.target)} target`;
