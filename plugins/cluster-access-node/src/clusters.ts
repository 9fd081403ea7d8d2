import type { Config } from '@backstage/config';
import { ANNOTATION_KUBERNETES_AUTH_PROVIDER } from '@backstage/plugin-kubernetes-common';

/**
 * One cluster as the Kubernetes backend is configured with it: an entry of
 * `kubernetes.clusterLocatorMethods` of type `config`.
 */
export interface ClusterConfig {
  name: string;
  url: URL;
  /** `serviceAccount`, `aws`, `google`, … (authMetadata's provider first, as the Kubernetes backend reads it). */
  authProvider?: string;
  authMetadata: Record<string, string>;
  serviceAccountToken?: string;
  assumeRole?: string;
  externalId?: string;
  caData?: string;
  caFile?: string;
  skipTLSVerify: boolean;
}

/**
 * The clusters of `kubernetes.clusterLocatorMethods` (type `config`): the one
 * place the portal's plugins read that key, so there is no second list of
 * clusters. Other locator types (catalog, gke, …) are the Kubernetes
 * backend's alone.
 */
export function readClusters(config: Config): ClusterConfig[] {
  return (
    config.getOptionalConfigArray('kubernetes.clusterLocatorMethods') ?? []
  )
    .filter(m => m.getString('type') === 'config')
    .flatMap(m => m.getOptionalConfigArray('clusters') ?? [])
    .map(c => {
      const authMetadata =
        c.getOptional<Record<string, string>>('authMetadata') ?? {};
      return {
        name: c.getString('name'),
        url: new URL(c.getString('url')),
        authProvider:
          authMetadata[ANNOTATION_KUBERNETES_AUTH_PROVIDER] ??
          c.getOptionalString('authProvider'),
        authMetadata,
        serviceAccountToken: c.getOptionalString('serviceAccountToken'),
        assumeRole: c.getOptionalString('assumeRole'),
        externalId: c.getOptionalString('externalId'),
        caData: c.getOptionalString('caData'),
        caFile: c.getOptionalString('caFile'),
        skipTLSVerify: c.getOptionalBoolean('skipTLSVerify') ?? false,
      };
    });
}
