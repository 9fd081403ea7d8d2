import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ANNOTATION_ARGOCD_APP,
  ANNOTATION_DESCRIPTOR,
  ANNOTATION_THROUGHPUT_TARGET,
  DEFAULT_THROUGHPUT_TARGET_GB_PER_HOUR,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_KUBERNETES_SERVICE,
  ANNOTATION_HPA_NAME,
  ANNOTATION_MODULE,
  ANNOTATION_TYPE,
} from './annotations';

/*
 * Typed readers of the entity contract: what the catalog provider writes
 * and every plugin matches on, read the one way.
 */

const annotation = (entity: Entity, key: string) =>
  entity.metadata.annotations?.[key] || undefined;

/** The module slug of a BASE entity (its System, services, resources), e.g. `data-ingestion`. */
export const moduleOf = (entity: Entity) =>
  annotation(entity, ANNOTATION_MODULE);

/** A BASE module: the System the provider writes for each module folder. */
export const isBaseModule = (entity: Entity) =>
  entity.kind.toLowerCase() === 'system' && !!moduleOf(entity);

/** A component of a BASE module (agent, orchestrator, model server, …): module and type known. */
export const isBaseComponent = (entity: Entity) =>
  !!moduleOf(entity) && !!annotation(entity, ANNOTATION_TYPE);

/** The workload name the Kubernetes plugin matches pods on (`backstage.io/kubernetes-id`). */
export const kubernetesIdOf = (entity: Entity) =>
  annotation(entity, ANNOTATION_KUBERNETES_ID);

/** A service with workloads: a Component the Kubernetes plugin can match. */
export const isDeployedService = (entity: Entity) =>
  entity.kind.toLowerCase() === 'component' && !!kubernetesIdOf(entity);

/** The Kubernetes namespace of the entity's workloads. */
export const namespaceOf = (entity: Entity) =>
  annotation(entity, ANNOTATION_KUBERNETES_NAMESPACE);

/** The name of the service's Kubernetes Service. */
export const kubernetesServiceOf = (entity: Entity) =>
  annotation(entity, ANNOTATION_KUBERNETES_SERVICE);
/** Name of the service's HorizontalPodAutoscaler, where it has one. */
export const hpaNameOf = (entity: Entity) =>
  annotation(entity, ANNOTATION_HPA_NAME);

/** The ArgoCD Application of the entity's module (`argocd/app-name`). */
export const argoApplicationOf = (entity: Entity) =>
  annotation(entity, ANNOTATION_ARGOCD_APP);

/** An ingestion agent as the catalog describes it. */
export interface IngestionAgent {
  entityRef: string;
  title?: string;
  /** The module's System ref. */
  systemRef?: string;
  module: string;
  agent: string;
  targetGbPerHour: number;
}

/** Reads an ingestion agent from its catalog entity; undefined when it is not one. */
export function ingestionAgentOf(entity: Entity): IngestionAgent | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const target = annotations[ANNOTATION_THROUGHPUT_TARGET];
  const module = annotations[ANNOTATION_MODULE];
  const agent = annotations[ANNOTATION_DESCRIPTOR];
  if (target === undefined || !module || !agent) return undefined;
  const parsed = Number(target);
  const system = (entity.spec as { system?: string } | undefined)?.system;
  return {
    entityRef: stringifyEntityRef(entity),
    title: entity.metadata.title,
    systemRef: system
      ? `system:${entity.metadata.namespace ?? 'default'}/${system}`
      : undefined,
    module,
    agent,
    targetGbPerHour:
      Number.isFinite(parsed) && parsed > 0
        ? parsed
        : DEFAULT_THROUGHPUT_TARGET_GB_PER_HOUR,
  };
}
