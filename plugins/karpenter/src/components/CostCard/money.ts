import {
  type CostLine,
  formatMoney as money,
  HOURS_PER_30_DAYS,
  isNoPriceTable,
  type PriceSources,
} from '@internal/plugin-karpenter-common';

/** "$1.23/h · $885.60 per 30 days". */
export const perHourAnd30Days = (hourly: number, currency: string) =>
  `${money(hourly, currency)}/h · ${money(
    hourly * HOURS_PER_30_DAYS,
    currency,
  )} per 30 days`;

/** "spot saves $0.80/h (59 %) against all on-demand". */
export function savings(line: CostLine, currency: string) {
  const saved = line.onDemandHourly - line.hourly;
  if (line.onDemandHourly <= 0) return 'nothing to compare against on-demand';
  return `spot saves ${money(saved, currency)}/h (${Math.round(
    (saved / line.onDemandHourly) * 100,
  )} %) against all on-demand (${money(line.onDemandHourly, currency)}/h)`;
}

/** Where the figures come from, in one line. */
export function sourcesLine(prices: PriceSources) {
  let spot = 'spot prices from the table (no live feed configured)';
  if (prices.spot?.error) {
    spot = `live spot prices failed (${prices.spot.error}); the table's spot prices where it has them`;
  } else if (prices.spot) {
    spot = `spot prices from EC2 DescribeSpotPriceHistory (${
      prices.spot.prices
    } type/zone prices, read ${
      prices.spot.readAt
        ? new Date(prices.spot.readAt).toLocaleString()
        : 'never'
    })`;
  }
  return `${prices.region} on-demand prices: ${prices.table.source}, ${prices.table.date}; ${spot}. Each node's price is split over its pods by their share of its CPU and memory requests.`;
}

/** The card says this when the backend has no price table. */
export const NOT_CONFIGURED = {
  is: isNoPriceTable,
  message:
    'Not configured: no price table (karpenter.prices), so no cost is worked out.',
};
