import type { KubeObject } from './buildBaseCluster';
import {
  ConfigMap,
  Deployment,
  EC2NodeClass,
  Event,
  HorizontalPodAutoscaler,
  Namespace,
  Node,
  NodeClaim,
  NodePool,
  Pod,
  ReplicaSet,
  Service,
} from './models';

const MODELS: Record<string, new (data: any) => { validate(): void }> = {
  'v1/Namespace': Namespace,
  'v1/Node': Node,
  'v1/Pod': Pod,
  'v1/Service': Service,
  'v1/Event': Event,
  'v1/ConfigMap': ConfigMap,
  'apps/v1/Deployment': Deployment,
  'apps/v1/ReplicaSet': ReplicaSet,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'karpenter.sh/v1/NodePool': NodePool,
  'karpenter.sh/v1/NodeClaim': NodeClaim,
  'karpenter.k8s.aws/v1/EC2NodeClass': EC2NodeClass,
};

/** Validates a served object against its model; throws when it has none or is invalid. */
export function validateKubeObject(object: KubeObject): void {
  const Model = MODELS[`${object.apiVersion}/${object.kind}`];
  if (!Model)
    throw new Error(`no model for ${object.apiVersion} ${object.kind}`);
  new Model(object).validate();
}
