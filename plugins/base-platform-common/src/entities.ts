import type { Entity } from '@backstage/catalog-model';
import {
  ANNOTATION_ARGOCD_APP,
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
