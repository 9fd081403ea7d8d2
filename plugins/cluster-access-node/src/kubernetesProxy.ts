import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';

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
