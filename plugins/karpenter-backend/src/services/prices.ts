import {
  DescribeSpotPriceHistoryCommand,
  EC2Client,
  type SpotPrice,
} from '@aws-sdk/client-ec2';
import type { Config } from '@backstage/config';
import type { PriceSources } from '@internal/plugin-karpenter-common';
import { TtlCache } from '@internal/plugin-upstream-cache-node';

/** One instance type's hourly prices in the table. */
export interface InstancePrice {
  onDemand: number;
  /** The table's spot price, used when no live feed is configured or it fails. */
  spot?: number;
}

/** The config price table (`karpenter.prices`). */
export interface PriceTable {
  currency: string;
  region: string;
  source: string;
  date: string;
  instanceTypes: Map<string, InstancePrice>;
  /** Relative hourly rates of one vCPU and one GiB, to split a node's price between them. */
  cpuRate: number;
  memoryGiBRate: number;
}

/*
 * OpenCost's default rates (USD per vCPU-hour and per GiB-hour): what matters
 * is their ratio, which splits each node's price between its CPU and memory.
 */
const DEFAULT_CPU_RATE = 0.031611;
const DEFAULT_MEMORY_GIB_RATE = 0.004237;

/** Reads `karpenter.prices`; undefined when no price table is configured. */
export function readPriceTable(config: Config): PriceTable | undefined {
  const prices = config.getOptionalConfig('karpenter.prices');
  if (!prices) return undefined;
  const instanceTypes = new Map<string, InstancePrice>();
  for (const entry of prices.getConfigArray('instanceTypes')) {
    instanceTypes.set(entry.getString('type'), {
      onDemand: entry.getNumber('onDemand'),
      spot: entry.getOptionalNumber('spot'),
    });
  }
  return {
    currency: prices.getOptionalString('currency') ?? 'USD',
    region: prices.getString('region'),
    source: prices.getString('source'),
    date: prices.getString('date'),
    instanceTypes,
    cpuRate: prices.getOptionalNumber('cpuRate') ?? DEFAULT_CPU_RATE,
    memoryGiBRate:
      prices.getOptionalNumber('memoryGiBRate') ?? DEFAULT_MEMORY_GIB_RATE,
  };
}

/** Live spot prices by `instanceType/zone`, as last read. */
export interface SpotPrices {
  byTypeAndZone: Map<string, number>;
  readAt?: string;
  error?: string;
}

/**
 * The current spot price of each instance type of the table in each zone of
 * the region, from EC2's DescribeSpotPriceHistory (Linux/UNIX), read once per
 * refresh. A failed read keeps the last prices, with the error; with none,
 * the table's spot prices stand in and the reason is shown.
 */
export class SpotPriceFeed {
  private readonly cache: TtlCache<Map<string, number>>;

  constructor(
    private readonly options: {
      client: EC2Client;
      instanceTypes: string[];
      refreshMs: number;
      now?: () => number;
    },
  ) {
    this.cache = new TtlCache(
      () => this.read(),
      options.refreshMs,
      options.now,
    );
  }

  static fromConfig(config: Config, table: PriceTable) {
    const feed = config.getOptionalConfig('karpenter.spotPriceHistory');
    if (!feed) return undefined;
    const accessKeyId = feed.getOptionalString('accessKeyId');
    const secretAccessKey = feed.getOptionalString('secretAccessKey');
    const client = new EC2Client({
      region: feed.getOptionalString('region') ?? table.region,
      endpoint: feed.getOptionalString('endpoint'),
      // without keys: the default chain (the pod's IRSA role in production)
      ...(accessKeyId && secretAccessKey
        ? { credentials: { accessKeyId, secretAccessKey } }
        : {}),
      maxAttempts: 2,
    });
    return new SpotPriceFeed({
      client,
      instanceTypes: [...table.instanceTypes.keys()],
      refreshMs: (feed.getOptionalNumber('refreshMinutes') ?? 60) * 60_000,
    });
  }

  private async read(): Promise<Map<string, number>> {
    const prices = new Map<string, number>();
    let nextToken: string | undefined;
    const seen = new Set<string>();
    do {
      const page = await this.options.client
        .send(
          new DescribeSpotPriceHistoryCommand({
            InstanceTypes: this.options.instanceTypes as any,
            ProductDescriptions: ['Linux/UNIX'],
            // a start time of now answers each pair's current price
            StartTime: new Date((this.options.now ?? Date.now)()),
            MaxResults: 1000,
            NextToken: nextToken,
          }),
          { abortSignal: AbortSignal.timeout(10_000) as any },
        )
        .catch((e: Error) => {
          throw new Error(
            `EC2 DescribeSpotPriceHistory failed: ${e.name}: ${e.message}`,
          );
        });
      for (const item of page.SpotPriceHistory ?? []) addLatest(prices, item);
      nextToken = page.NextToken || undefined;
      if (nextToken && seen.has(nextToken)) break;
      if (nextToken) seen.add(nextToken);
    } while (nextToken);
    return prices;
  }

  async prices(): Promise<SpotPrices> {
    try {
      const cached = await this.cache.get();
      return {
        byTypeAndZone: cached.value,
        readAt: new Date(cached.fetchedAt).toISOString(),
        error: cached.error,
      };
    } catch (e) {
      return { byTypeAndZone: new Map(), error: (e as Error).message };
    }
  }
}

const latestAt = new WeakMap<Map<string, number>, Map<string, number>>();

/** Keeps the newest price of each type and zone (history pages may repeat a pair). */
function addLatest(prices: Map<string, number>, item: SpotPrice) {
  if (!item.InstanceType || !item.AvailabilityZone || !item.SpotPrice) return;
  const price = Number(item.SpotPrice);
  if (!Number.isFinite(price)) return;
  const key = `${item.InstanceType}/${item.AvailabilityZone}`;
  let times = latestAt.get(prices);
  if (!times) latestAt.set(prices, (times = new Map()));
  const at = item.Timestamp ? new Date(item.Timestamp).getTime() : 0;
  if ((times.get(key) ?? -Infinity) > at) return;
  times.set(key, at);
  prices.set(key, price);
}

/** How a node is priced: the live spot price of its type and zone, else the table's. */
export interface NodePrice {
  hourly: number;
  onDemandHourly: number;
  from: 'table' | 'spot-feed';
}

/** Prices a node from the table and the spot feed; a reason when it cannot. */
export function priceNode(
  table: PriceTable,
  spot: SpotPrices | undefined,
  node: { instanceType?: string; capacityType?: string; zone?: string },
): NodePrice | { reason: string } {
  if (!node.instanceType) return { reason: 'no instance type label' };
  const entry = table.instanceTypes.get(node.instanceType);
  if (!entry) {
    return {
      reason: `${node.instanceType} is not in the price table (karpenter.prices.instanceTypes)`,
    };
  }
  if (node.capacityType !== 'spot') {
    return {
      hourly: entry.onDemand,
      onDemandHourly: entry.onDemand,
      from: 'table',
    };
  }
  const live = node.zone
    ? spot?.byTypeAndZone.get(`${node.instanceType}/${node.zone}`)
    : undefined;
  if (live !== undefined) {
    return { hourly: live, onDemandHourly: entry.onDemand, from: 'spot-feed' };
  }
  if (entry.spot === undefined) {
    return {
      reason: `no spot price for ${node.instanceType}${
        node.zone ? ` in ${node.zone}` : ''
      }${spot?.error ? ` (${spot.error})` : ''} and none in the table`,
    };
  }
  return { hourly: entry.spot, onDemandHourly: entry.onDemand, from: 'table' };
}

/** The sources line of the cards. */
export function priceSources(
  table: PriceTable,
  spot: SpotPrices | undefined,
): PriceSources {
  return {
    currency: table.currency,
    region: table.region,
    table: { source: table.source, date: table.date },
    spot: spot
      ? {
          readAt: spot.readAt,
          error: spot.error,
          prices: spot.byTypeAndZone.size,
        }
      : undefined,
  };
}
