import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  backendClient,
  type BackendClientDeps,
  type BackendRequest,
  routePath,
} from '@internal/plugin-base-react';
import type {
  ClaimRow,
  ClusterCapacity,
  ClusterCost,
  NamespaceCost,
  NamespacePlacement,
  PoolCapacity,
} from '@internal/plugin-karpenter-common';

/** A NodePool with where it lives, for the node pool Resource page. */
export interface PoolView {
  cluster: string;
  readAt: string;
  error?: string;
  pool: PoolCapacity;
  spot: ClusterCapacity['spot'];
  pending: number;
  claims: ClaimRow[];
}

/** The karpenter backend. */
export interface KarpenterApi {
  getClusters(): Promise<{ clusters: string[] }>;
  getCluster(cluster: string): Promise<ClusterCapacity>;
  getPool(pool: string): Promise<PoolView>;
  getNamespace(namespace: string): Promise<NamespacePlacement>;
  getClusterCost(cluster: string): Promise<ClusterCost>;
  getNamespaceCost(namespace: string): Promise<NamespaceCost>;
}

export const karpenterApiRef = createApiRef<KarpenterApi>({
  id: 'plugin.karpenter.service',
});

export class KarpenterClient implements KarpenterApi {
  private readonly get: BackendRequest;

  constructor(deps: BackendClientDeps) {
    this.get = backendClient(deps, 'karpenter');
  }

  getClusters() {
    return this.get<{ clusters: string[] }>('/clusters');
  }

  getCluster(cluster: string) {
    return this.get<ClusterCapacity>(routePath('clusters', cluster));
  }

  getPool(pool: string) {
    return this.get<PoolView>(routePath('pools', pool));
  }

  getNamespace(namespace: string) {
    return this.get<NamespacePlacement>(routePath('namespaces', namespace));
  }

  getClusterCost(cluster: string) {
    return this.get<ClusterCost>(routePath('clusters', cluster, 'cost'));
  }

  getNamespaceCost(namespace: string) {
    return this.get<NamespaceCost>(routePath('namespaces', namespace, 'cost'));
  }
}
