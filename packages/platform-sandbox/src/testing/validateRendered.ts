import type * as ArgoCd from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';
import type * as CoreV1 from 'kubernetes-models/v1';
import type * as NetworkingV1 from 'kubernetes-models/networking.k8s.io/v1';
import type * as PolicyV1 from 'kubernetes-models/policy/v1';
import type * as RbacV1 from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import { parseAllDocuments } from 'yaml';
import {
  Deployment,
  HorizontalPodAutoscaler,
  loadEsmPackage,
  Namespace,
  Service,
} from '../kubernetes/models';

const { ConfigMap, ServiceAccount } = loadEsmPackage<typeof CoreV1>(
  'kubernetes-models',
  'v1',
);
const { Ingress } = loadEsmPackage<typeof NetworkingV1>(
  'kubernetes-models',
  'networking.k8s.io/v1',
);
const { PodDisruptionBudget } = loadEsmPackage<typeof PolicyV1>(
  'kubernetes-models',
  'policy/v1',
);
const { ClusterRole, ClusterRoleBinding } = loadEsmPackage<typeof RbacV1>(
  'kubernetes-models',
  'rbac.authorization.k8s.io/v1',
);
const { Application } = loadEsmPackage<typeof ArgoCd>(
  '@kubernetes-models/argo-cd',
  'argoproj.io/v1alpha1',
);

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/Service': Service,
  'v1/ConfigMap': ConfigMap,
  'v1/ServiceAccount': ServiceAccount,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
  'rbac.authorization.k8s.io/v1/ClusterRole': ClusterRole,
  'rbac.authorization.k8s.io/v1/ClusterRoleBinding': ClusterRoleBinding,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'argoproj.io/v1alpha1/Application': Application,
};

/**
 * Parses a YAML stream (e.g. `kubectl kustomize` output) and validates every
 * object against its Kubernetes or ArgoCD schema; throws naming the object
 * when one is invalid, has no schema here (unless its kind is in
 * `withoutSchema`, e.g. a PrometheusRule the caller checks itself), or a name
 * over 63 characters.
 */
export function validateRendered(
  yamlText: string,
  withoutSchema: string[] = [],
): any[] {
  const objects = parseAllDocuments(yamlText)
    .map(d => d.toJS())
    .filter(Boolean);
  for (const o of objects) {
    const what = `${o.apiVersion} ${o.kind} ${o.metadata?.name}`;
    const Model = MODELS[`${o.apiVersion}/${o.kind}`];
    if (!Model && !withoutSchema.includes(o.kind))
      throw new Error(`no schema for ${what}`);
    try {
      if (Model) new Model(o).validate();
    } catch (e) {
      throw new Error(`${what} is invalid: ${(e as Error).message}`);
    }
    if ((o.metadata?.name ?? '').length > 63) {
      throw new Error(`${what}: the name is over 63 characters`);
    }
  }
  return objects;
}
