import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  type ClusterGet,
  listItems,
} from '@internal/plugin-cluster-access-node';
import { SharedViews, TtlCache } from '@internal/plugin-upstream-cache-node';
import type {
  ClusterCapacity,
  ClusterCost,
  NamespaceCost,
  NamespacePlacement,
} from '@internal/plugin-karpenter-common';
import { NO_PRICE_TABLE } from '@internal/plugin-karpenter-common';
import { buildCapacity, ClusterObjects, isPending } from './buildCapacity';
import { attributeCost } from './cost';
import type { PriceTable, SpotPriceFeed } from './prices';

/** The lists one refresh reads: one call per resource kind. */
export const LISTS = {
  nodePools: '/apis/karpenter.sh/v1/nodepools',
  nodeClaims: '/apis/karpenter.sh/v1/nodeclaims',
  nodeClasses: '/apis/karpenter.k8s.aws/v1/ec2nodeclasses',
  nodes: '/api/v1/nodes',
  pods: '/api/v1/pods',
} as const;

/** One refresh of a cluster: its capacity, and the nodes of each namespace's bound pods. */
interface ClusterRead {
  capacity: ClusterCapacity;
  podNodes: Map<string, string[]>;
  /** With a price table: what the cluster's nodes cost and whose pods take it. */
  cost?: ClusterCost;
}

/**
 * Reads Karpenter's objects, the nodes and the pods of each cluster once per
 * refresh (TTL), whatever the number of viewers, and works out the capacity
 * views from them. When a read fails the last good view is served with the
 * error; with none yet, the error is the answer (503).
 */
export class CapacityService {
  private readonly caches = new Map<string, TtlCache<ClusterRead>>();
  private readonly placements = new SharedViews<NamespacePlacement>();
  private readonly namespaceCosts = new SharedViews<NamespaceCost>();
  private readonly staleViews = new WeakMap<ClusterRead, ClusterRead>();

  constructor(
    private readonly options: {
      clusters: string[];
      get: ClusterGet;
      cacheMs: number;
      timeoutMs: number;
      spotTarget: number;
      prices?: { table: PriceTable; spot?: SpotPriceFeed };
      now?: () => number;
    },
  ) {
    for (const cluster of options.clusters) {
      this.caches.set(
        cluster,
        new TtlCache(() => this.read(cluster), options.cacheMs, options.now),
      );
    }
  }

  clusters(): string[] {
    return this.options.clusters;
  }

  private list(
    cluster: string,
    path: string,
    optional: boolean,
  ): Promise<any[] | undefined> {
    return listItems({
      cluster,
      path,
      timeoutMs: this.options.timeoutMs,
      // a cluster without Karpenter has no such API: not an error
      optional,
      get: signal => this.options.get(cluster, path, signal),
    });
  }

  private async read(cluster: string): Promise<ClusterRead> {
    const now = (this.options.now ?? Date.now)();
    const prices = this.options.prices;
    const [nodePools, nodeClaims, nodeClasses, nodes, pods, spot] =
      await Promise.all([
        this.list(cluster, LISTS.nodePools, true),
        this.list(cluster, LISTS.nodeClaims, true),
        this.list(cluster, LISTS.nodeClasses, true),
        this.list(cluster, LISTS.nodes, false),
        this.list(cluster, LISTS.pods, false),
        prices?.spot?.prices(),
      ]);
    const objects: ClusterObjects = {
      nodePools,
      nodeClaims,
      nodeClasses,
      nodes: nodes!,
      pods: pods!,
    };
    const podNodes = new Map<string, string[]>();
    for (const pod of objects.pods) {
      const node = pod.spec?.nodeName;
      const ns = pod.metadata?.namespace ?? '';
      if (!node || isPending(pod)) continue;
      const list = podNodes.get(ns);
      if (list) list.push(node);
      else podNodes.set(ns, [node]);
    }
    const readAt = new Date(now).toISOString();
    return {
      capacity: {
        ...buildCapacity(cluster, objects, {
          spotTarget: this.options.spotTarget,
          now,
        }),
        readAt,
      },
      podNodes,
      cost: prices
        ? {
            ...attributeCost(cluster, objects, prices.table, spot, now),
            readAt,
          }
        : undefined,
    };
  }

  private async cached(cluster: string) {
    const cache = this.caches.get(cluster);
    if (!cache) {
      throw new NotFoundError(
        `No cluster "${cluster}" in kubernetes.clusterLocatorMethods; known: ${this.options.clusters.join(
          ', ',
        )}`,
      );
    }
    const cached = await cache.get();
    if (!cached.error) return cached.value;
    // the last good read marked with the error: one object per failed read,
    // so the shared views and encoded bodies stay shared while it lasts
    const hit = this.staleViews.get(cached.value);
    if (hit?.capacity.error === cached.error) return hit;
    const stale: ClusterRead = {
      ...cached.value,
      capacity: { ...cached.value.capacity, error: cached.error },
      cost: cached.value.cost && { ...cached.value.cost, error: cached.error },
    };
    this.staleViews.set(cached.value, stale);
    return stale;
  }

  private requirePrices() {
    if (!this.options.prices) throw new ServiceUnavailableError(NO_PRICE_TABLE);
  }

  /** What one cluster's nodes cost, by pool, namespace and workload (cached). */
  async clusterCost(cluster: string): Promise<ClusterCost> {
    this.requirePrices();
    return (await this.cached(cluster)).cost!;
  }

  /** What a namespace's (a module's) workloads cost in every cluster. */
  async namespaceCost(namespace: string): Promise<NamespaceCost> {
    this.requirePrices();
    const results = await Promise.allSettled(
      this.options.clusters.map(c => this.cached(c)),
    );
    const deps = results.map(r =>
      r.status === 'fulfilled' ? r.value.cost : String(r.reason),
    );
    return this.namespaceCosts.get(namespace, deps, () => ({
      namespace,
      clusters: results.map((result, i) => {
        const cluster = this.options.clusters[i];
        if (result.status === 'rejected') {
          return {
            cluster,
            error: (result.reason as Error).message,
            workloads: [],
            unpricedPods: 0,
          };
        }
        const cost = result.value.cost!;
        const workloads = cost.workloads.filter(w => w.namespace === namespace);
        return {
          cluster,
          readAt: cost.readAt,
          error: cost.error,
          prices: cost.prices,
          hourly: workloads.reduce((sum, w) => sum + w.hourly, 0),
          onDemandHourly: workloads.reduce(
            (sum, w) => sum + w.onDemandHourly,
            0,
          ),
          workloads,
          unpricedPods: cost.unpriced.reduce(
            (sum, n) => sum + (n.pods[namespace] ?? 0),
            0,
          ),
        };
      }),
    }));
  }

  /** One cluster's capacity (cached). */
  async cluster(cluster: string): Promise<ClusterCapacity> {
    return (await this.cached(cluster)).capacity;
  }

  /** Where the pods of a namespace run, and which pend and why, in every cluster. */
  async namespace(namespace: string): Promise<NamespacePlacement> {
    const results = await Promise.allSettled(
      this.options.clusters.map(c => this.cached(c)),
    );
    // one view per namespace and refresh, shared by every viewer
    const deps = results.map(r =>
      r.status === 'fulfilled' ? r.value.capacity : String(r.reason),
    );
    return this.placements.get(namespace, deps, () =>
      this.placement(namespace, results),
    );
  }

  private placement(
    namespace: string,
    results: PromiseSettledResult<Awaited<ReturnType<typeof this.cached>>>[],
  ): NamespacePlacement {
    return {
      namespace,
      clusters: results.map((result, i) => {
        const cluster = this.options.clusters[i];
        if (result.status === 'rejected') {
          return {
            cluster,
            error: (result.reason as Error).message,
            pods: 0,
            running: [],
            pending: [],
          };
        }
        const { capacity, podNodes } = result.value;
        const nodes = new Map(capacity.nodes.map(n => [n.name, n]));
        const running = new Map<
          string,
          NamespacePlacement['clusters'][number]['running'][number]
        >();
        const podsHere = podNodes.get(namespace) ?? [];
        for (const nodeName of podsHere) {
          const node = nodes.get(nodeName);
          const key = `${node?.pool}/${node?.capacityType}/${node?.instanceType}`;
          const entry = running.get(key) ?? {
            pool: node?.pool,
            capacityType: node?.capacityType,
            instanceType: node?.instanceType,
            count: 0,
          };
          entry.count += 1;
          running.set(key, entry);
        }
        const pending = capacity.pending.filter(p => p.namespace === namespace);
        return {
          cluster,
          readAt: capacity.readAt,
          error: capacity.error,
          pods: podsHere.length + pending.length,
          running: [...running.values()].sort((a, b) => b.count - a.count),
          pending,
        };
      }),
    };
  }
}
