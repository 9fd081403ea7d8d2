import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { readClusters } from './clusters';
import { directClusters } from './directClusters';
import { kubernetesProxy } from './kubernetesProxy';
import type { ClusterGet } from './listItems';

/** The clusters the portal's plugins read, and how they read them. */
export interface ClusterAccess {
  /** The names of the configured clusters, in config order. */
  clusters: string[];
  get: ClusterGet;
}

/**
 * Reads from the clusters of the Kubernetes backend's configuration: those
 * with `serviceAccount` or `aws` auth directly, with that auth, over
 * kept-alive connections (see directClusters); any other cluster through the
 * Kubernetes backend's proxy, which applies its auth.
 */
export function clusterAccess(deps: {
  config: Config;
  discovery: DiscoveryService;
  auth: AuthService;
}): ClusterAccess {
  const configured = readClusters(deps.config);
  const direct = directClusters(deps.config, configured);
  const proxied = kubernetesProxy(deps);
  return {
    clusters: configured.map(c => c.name),
    get: async (cluster, path, signal, maxBytes) => {
      const call = direct.get(cluster);
      if (call) return call(cluster, path, signal, maxBytes);
      const res = await proxied(cluster, path, signal);
      const body = await res.text();
      return { status: res.status, body: body.slice(0, maxBytes) };
    },
  };
}
