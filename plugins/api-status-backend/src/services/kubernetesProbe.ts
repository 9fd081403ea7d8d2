import {
  type ClusterGet,
  reasonOf,
} from '@internal/plugin-cluster-access-node';
import type { ProbeAnswer, ProbeTarget } from './Prober';

/** Health answers are short; a probe reads no more than this of one. */
const PROBE_MAX_BYTES = 64 * 1024;

/**
 * One probe of a health endpoint through the API server's service proxy:
 * /api/v1/namespaces/{ns}/services/{service}:{port}/proxy{path}.
 */
export function kubernetesProbe(get: ClusterGet) {
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
