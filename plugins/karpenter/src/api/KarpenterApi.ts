import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ClaimRow,
  ClusterCapacity,
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
}

export const karpenterApiRef = createApiRef<KarpenterApi>({
  id: 'plugin.karpenter.service',
});

export class KarpenterClient implements KarpenterApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  private async get<T>(path: string): Promise<T> {
    const base = await this.deps.discoveryApi.getBaseUrl('karpenter');
    const res = await this.deps.fetchApi.fetch(`${base}${path}`);
    if (!res.ok) throw await ResponseError.fromResponse(res);
    return res.json();
  }

  getClusters() {
    return this.get<{ clusters: string[] }>('/clusters');
  }

  getCluster(cluster: string) {
    return this.get<ClusterCapacity>(
      `/clusters/${encodeURIComponent(cluster)}`,
    );
  }

  getPool(pool: string) {
    return this.get<PoolView>(`/pools/${encodeURIComponent(pool)}`);
  }

  getNamespace(namespace: string) {
    return this.get<NamespacePlacement>(
      `/namespaces/${encodeURIComponent(namespace)}`,
    );
  }
}
