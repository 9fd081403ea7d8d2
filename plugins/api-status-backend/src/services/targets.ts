import {
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ANNOTATION_DEPLOYED,
  ANNOTATION_HEALTH_PATHS,
  ANNOTATION_HTTP_PORT,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_KUBERNETES_SERVICE,
  ANNOTATION_NOT_PROBED,
} from '@internal/plugin-base-platform-common';
import type { ProbeTarget } from './Prober';

const A = {
  namespace: ANNOTATION_KUBERNETES_NAMESPACE,
  service: ANNOTATION_KUBERNETES_SERVICE,
  port: ANNOTATION_HTTP_PORT,
  paths: ANNOTATION_HEALTH_PATHS,
};

/** The catalog fields a target is built from. */
export const TARGET_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.annotations',
  'spec.system',
];

/** Where probes go: the cluster, and the location of the entities that may be probed. */
export interface ProbeScope {
  /** The cluster the modules run in (apiStatus.cluster). */
  cluster: string;
  /**
   * The location the base-platform provider's entities carry
   * (`platformLocation`); undefined when the provider is not configured.
   */
  platformLocation?: string;
}

/**
 * Whether the entity was emitted by the base-platform provider: its origin
 * location is the provider's, which the catalog never lets a registered
 * location's file claim. Only such entities are probed, so registering an
 * entity cannot steer the prober (through the cluster's service proxy) at
 * any Service.
 */
export function fromPlatform(entity: Entity, scope: ProbeScope): boolean {
  return (
    scope.platformLocation !== undefined &&
    entity.metadata.annotations?.[ANNOTATION_ORIGIN_LOCATION] ===
      scope.platformLocation
  );
}

/**
 * Where a service's health endpoints are probed, from its annotations (which
 * come from its spec), or why it cannot be.
 */
export function targetOf(
  entity: Entity,
  scope: ProbeScope,
): { target: ProbeTarget } | { notProbed: string } {
  const annotations = entity.metadata.annotations ?? {};
  if (!fromPlatform(entity, scope)) {
    return {
      notProbed: `Not probed: ${stringifyEntityRef(entity)} comes from ${
        annotations[ANNOTATION_ORIGIN_LOCATION] ?? 'an unknown location'
      }, not from the platform repository the portal reads; only its services are probed`,
    };
  }
  // the reader says when there is nothing to probe, and why (no Deployment, no HTTP probe)
  if (
    annotations[ANNOTATION_DEPLOYED] === 'false' ||
    annotations[ANNOTATION_NOT_PROBED]
  ) {
    return {
      notProbed: `Nothing to probe: ${
        annotations[ANNOTATION_NOT_PROBED] ??
        'the platform repository has no Deployment for it'
      }`,
    };
  }
  const missing = Object.values(A).filter(key => !annotations[key]);
  if (missing.length > 0) {
    return {
      notProbed: `Not configured: the entity has no ${missing.join(
        ', ',
      )} annotation${
        missing.length > 1 ? 's' : ''
      } (they come from its spec's ports and health checks)`,
    };
  }
  const port = Number(annotations[A.port]);
  const paths = annotations[A.paths]
    .split(',')
    .map(p => p.trim())
    .filter(p => /^\/[A-Za-z0-9._~/-]*$/.test(p) && !p.includes('..'));
  if (
    !Number.isInteger(port) ||
    port < 1 ||
    port > 65535 ||
    paths.length === 0
  ) {
    return {
      notProbed: `Not configured: ${A.port} "${annotations[A.port]}" or ${
        A.paths
      } "${annotations[A.paths]}" is not valid`,
    };
  }
  return {
    target: {
      entityRef: stringifyEntityRef(entity),
      cluster: scope.cluster,
      namespace: annotations[A.namespace],
      service: annotations[A.service],
      port,
      paths,
    },
  };
}
