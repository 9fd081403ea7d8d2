import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import { kubernetesProxy, reasonOf } from '@internal/plugin-base-platform-node';
import { directClusters } from './directClusters';
import type { ProbeAnswer, ProbeTarget } from './Prober';

/**
 * Probes through the API server's service proxy of the service's cluster:
 * /api/v1/namespaces/{ns}/services/{service}:{port}/proxy{path}. Clusters
 * configured with `serviceAccount` or `aws` auth are called directly with
 * that auth over kept-alive connections (see directClusters); any other
 * cluster through the Kubernetes backend's proxy, which applies its auth.
 */
export function kubernetesProbe(deps: {
  config: Config;
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const direct = directClusters(deps.config);
  const proxied = kubernetesProxy(deps);
  const get = async (cluster: string, path: string, signal: AbortSignal) => {
    const call = direct.get(cluster);
    if (call) return call(cluster, path, signal);
    const res = await proxied(cluster, path, signal);
    return { status: res.status, body: await res.text() };
  };
  return async (
    target: ProbeTarget,
    path: string,
    signal: AbortSignal,
  ): Promise<ProbeAnswer> => {
    const { status, body } = await get(
      target.cluster,
      `/api/v1/namespaces/${encodeURIComponent(
        target.namespace,
      )}/services/${encodeURIComponent(target.service)}:${
        target.port
      }/proxy${path}`,
      signal,
    );
    const ok = status >= 200 && status < 300;
    return { statusCode: status, message: ok ? undefined : reasonOf(body) };
  };
}
