import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import {
  kubernetesProxy,
  reasonOf,
} from '@internal/plugin-base-platform-node';
import type { ProbeAnswer, ProbeTarget } from './Prober';

/**
 * Probes through the Kubernetes backend's proxy, so the cluster's own
 * configuration and auth (service account or AWS) apply, and the request
 * reaches the service through the API server's service proxy:
 * /api/v1/namespaces/{ns}/services/{service}:{port}/proxy{path}.
 */
export function kubernetesProbe(deps: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const get = kubernetesProxy(deps);
  return async (
    target: ProbeTarget,
    path: string,
    signal: AbortSignal,
  ): Promise<ProbeAnswer> => {
    const res = await get(
      target.cluster,
      `/api/v1/namespaces/${encodeURIComponent(
        target.namespace,
      )}/services/${encodeURIComponent(target.service)}:${
        target.port
      }/proxy${path}`,
      signal,
    );
    const body = await res.text();
    return {
      statusCode: res.status,
      message: res.ok ? undefined : reasonOf(body),
    };
  };
}
