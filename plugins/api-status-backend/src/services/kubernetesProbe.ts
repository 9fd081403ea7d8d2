import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  type ClusterAnswer,
  kubernetesProxy,
  reasonOf,
} from '@internal/plugin-base-platform-node';
import { directClusters } from './directClusters';
import type { ProbeAnswer, ProbeTarget } from './Prober';

/** Health answers are short; a probe reads no more than this of one. */
const PROBE_MAX_BYTES = 64 * 1024;

/**
 * Reads from the clusters: those configured with `serviceAccount` or `aws`
 * auth are called directly with that auth over kept-alive connections (see
 * directClusters); any other cluster through the Kubernetes backend's proxy,
 * which applies its auth. Probes go through the API server's service proxy:
 * /api/v1/namespaces/{ns}/services/{service}:{port}/proxy{path}.
 */
export function clusterReader(deps: {
  config: Config;
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const direct = directClusters(deps.config);
  const proxied = kubernetesProxy(deps);
  /** GET `path` of `cluster`: the whole body, or its first `maxBytes`. */
  return async (
    cluster: string,
    path: string,
    signal: AbortSignal,
    maxBytes?: number,
  ): Promise<ClusterAnswer> => {
    const call = direct.get(cluster);
    if (call) return call(cluster, path, signal, maxBytes);
    const res = await proxied(cluster, path, signal);
    const body = await res.text();
    return { status: res.status, body: body.slice(0, maxBytes) };
  };
}

/** One probe of a health endpoint through the API server's service proxy. */
export function kubernetesProbe(get: ReturnType<typeof clusterReader>) {
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
      PROBE_MAX_BYTES,
    );
    const ok = status >= 200 && status < 300;
    return { statusCode: status, message: ok ? undefined : reasonOf(body) };
  };
}
