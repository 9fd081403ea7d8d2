import { ServiceUnavailableError } from '@backstage/errors';
import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';

/** A short reason from an error body: Kubernetes Status, Backstage error, or text. */
export function reasonOf(body: string): string | undefined {
  try {
    const json = JSON.parse(body);
    const reason =
      json?.error?.message ?? json?.message ?? json?.reason ?? json?.status;
    if (typeof reason === 'string') return reason.slice(0, 300);
  } catch {
    // not JSON
  }
  return body.trim().slice(0, 300) || undefined;
}

/**
 * What a failed call to an upstream is reported as: `where` (e.g. "cluster
 * X: GET /api/v1/pods") did not answer in time, or failed with its reason
 * (kept as it is when it already names `where`'s upstream).
 */
export function upstreamFailure(
  where: string,
  error: Error,
  timeoutMs: number,
): ServiceUnavailableError {
  if (error.name === 'TimeoutError' || error.name === 'AbortError')
    return new ServiceUnavailableError(
      `${where} did not answer within ${timeoutMs / 1000} s`,
    );
  const upstream = where.split(':')[0];
  return new ServiceUnavailableError(
    error.message.startsWith(upstream)
      ? error.message
      : `${where} failed: ${error.message}`,
  );
}

/**
 * Requests to a cluster through the Kubernetes backend's proxy
 * (`/api/kubernetes/proxy`), so each cluster's own configuration and auth
 * (service account or AWS) apply and no second list of clusters exists.
 * One plugin token (a signed JWT, valid for an hour) serves every request
 * for five minutes.
 */
export function kubernetesProxy(deps: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  let session:
    | { value: Promise<{ base: string; token: string }>; until: number }
    | undefined;
  const current = () => {
    if (!session || Date.now() >= session.until) {
      const value = (async () => ({
        base: await deps.discovery.getBaseUrl('kubernetes'),
        token: (
          await deps.auth.getPluginRequestToken({
            onBehalfOf: await deps.auth.getOwnServiceCredentials(),
            targetPluginId: 'kubernetes',
          })
        ).token,
      }))();
      session = { value, until: Date.now() + 5 * 60_000 };
      value.catch(() => {
        session = undefined;
      });
    }
    return session.value;
  };
  /** GET `path` (e.g. `/api/v1/nodes`) of `cluster`; the raw response. */
  return async (
    cluster: string,
    path: string,
    signal?: AbortSignal,
  ): Promise<Response> => {
    const { base, token } = await current();
    return fetch(`${base}/proxy${path}`, {
      signal,
      headers: {
        Authorization: `Bearer ${token}`,
        'Backstage-Kubernetes-Cluster': cluster,
      },
    });
  };
}
