import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { ProbeAnswer, ProbeTarget } from './Prober';

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
 * Probes through the Kubernetes backend's proxy, so the cluster's own
 * configuration and auth (service account or AWS) apply, and the request
 * reaches the service through the API server's service proxy:
 * /api/v1/namespaces/{ns}/services/{service}:{port}/proxy{path}.
 */
export function kubernetesProbe(deps: {
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  // one token (a signed JWT, valid for an hour) serves every probe for five
  // minutes, instead of signing one per probe
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
  return async (
    target: ProbeTarget,
    path: string,
    signal: AbortSignal,
  ): Promise<ProbeAnswer> => {
    const { base, token } = await current();
    const res = await fetch(
      `${base}/proxy/api/v1/namespaces/${encodeURIComponent(
        target.namespace,
      )}/services/${encodeURIComponent(target.service)}:${
        target.port
      }/proxy${path}`,
      {
        signal,
        headers: {
          Authorization: `Bearer ${token}`,
          'Backstage-Kubernetes-Cluster': target.cluster,
        },
      },
    );
    const body = await res.text();
    return {
      statusCode: res.status,
      message: res.ok ? undefined : reasonOf(body),
    };
  };
}
