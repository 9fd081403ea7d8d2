/*
 * What the running capacity costs, as the karpenter backend attributes it:
 * each node's hourly price split over the pods on it by their share of the
 * node's allocatable CPU and memory; what no pod requested is idle.
 */

/** An hourly cost, and what the same capacity would cost all on-demand. */
export interface CostLine {
  /** Price per hour of the attributed capacity, in the price table's currency. */
  hourly: number;
  /** The same capacity at on-demand prices: `onDemandHourly - hourly` is what spot saves. */
  onDemandHourly: number;
}

/** Where the prices came from. */
export interface PriceSources {
  currency: string;
  region: string;
  /** The config price table: its stated source and date. */
  table: { source: string; date: string };
  /** Live spot prices (EC2 DescribeSpotPriceHistory), when configured. */
  spot?: {
    /** When the prices were read (ISO); absent when they never were. */
    readAt?: string;
    /** Why the last read failed: the table's spot prices are used then. */
    error?: string;
    /** Instance type and zone pairs priced from the live feed. */
    prices: number;
  };
}

/** One node's price and how much of it the pods on it take. */
export interface NodeCost extends CostLine {
  name: string;
  pool?: string;
  instanceType?: string;
  capacityType?: string;
  zone?: string;
  /** Cost not attributed to any pod. */
  idleHourly: number;
  /** Where the hourly price came from: `table`, `spot-feed`. */
  priceFrom: 'table' | 'spot-feed';
  createdAt?: string;
  /** Its cost since it was created, at today's price. */
  sinceCreated?: number;
}

/** The cost of one workload (the Deployment or other owner of its pods). */
export interface WorkloadCost extends CostLine {
  namespace: string;
  /** The owning workload's name: a Deployment's, else the pod's owner's or the pod's own. */
  workload: string;
  pods: number;
  /** Pods that request neither CPU nor memory: no cost is attributed to them. */
  unrequested: number;
}

/** Everything the Cost card of the Capacity page shows of one cluster. */
export interface ClusterCost {
  cluster: string;
  readAt: string;
  /** Set when the last read failed and this is the last good data. */
  error?: string;
  prices: PriceSources;
  /** Every priced node: equals the sum of the workloads plus idle. */
  total: CostLine;
  idle: CostLine;
  pools: Array<CostLine & { pool: string; nodes: number; idleHourly: number }>;
  namespaces: Array<CostLine & { namespace: string; pods: number }>;
  workloads: WorkloadCost[];
  nodes: NodeCost[];
  /** Nodes with no price in the table (their cost is in no figure). */
  unpriced: Array<{
    name: string;
    instanceType?: string;
    reason: string;
    /** Its pods per namespace. */
    pods: Record<string, number>;
  }>;
}

/** A namespace's (a module's) cost in each cluster. */
export interface NamespaceCost {
  namespace: string;
  clusters: Array<
    Partial<CostLine> & {
      cluster: string;
      readAt?: string;
      error?: string;
      prices?: PriceSources;
      workloads: WorkloadCost[];
      /** Its pods on nodes without a price: their cost is in no figure. */
      unpricedPods: number;
    }
  >;
}

/** Hours in the 30 days the cards project to. */
export const HOURS_PER_30_DAYS = 720;

/** `$1.23`; amounts below 0.1 with four decimals (`$0.0042`), so a pod's share shows. */
export function formatMoney(amount: number, currency: string) {
  const digits = amount !== 0 && Math.abs(amount) < 0.1 ? 4 : 2;
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount);
}

/** What the cost routes answer (503) when no price table is configured. */
export const NO_PRICE_TABLE =
  'No price table: karpenter.prices is not configured, so no cost is worked out';

/** Whether a backend's reason is the cost routes' "no price table". */
export const isNoPriceTable = (reason?: string) =>
  !!reason?.includes(NO_PRICE_TABLE);
