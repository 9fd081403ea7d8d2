import type { V1Node, V1Pod } from '@kubernetes/client-node';
import type { IEC2NodeClass } from '@kubernetes-models/karpenter/karpenter.k8s.aws/v1/EC2NodeClass';
import type { INodeClaim } from '@kubernetes-models/karpenter/karpenter.sh/v1/NodeClaim';
import type { INodePool } from '@kubernetes-models/karpenter/karpenter.sh/v1/NodePool';
import {
  ClaimRow,
  ClusterCapacity,
  cpuCores,
  memoryBytes,
  NodeRow,
  PendingPod,
  PoolCapacity,
  Requirement,
  Taint,
} from '@internal/plugin-karpenter-common';
import { pendingReasons, PodShape, PoolShape } from './pending';

/** The lists read from a cluster in one refresh. */
export interface ClusterObjects {
  /** Undefined when the cluster serves no Karpenter API. */
  nodePools?: INodePool[];
  nodeClaims?: INodeClaim[];
  nodeClasses?: IEC2NodeClass[];
  nodes: V1Node[];
  pods: V1Pod[];
}

const POOL_LABEL = 'karpenter.sh/nodepool';
const CAPACITY_LABEL = 'karpenter.sh/capacity-type';
const TYPE_LABEL = 'node.kubernetes.io/instance-type';

/** `720h`, `30m`, `15s`, `1h30m` → milliseconds; undefined for `Never` or garbage. */
export function parseDuration(text?: string): number | undefined {
  if (!text || text === 'Never') return undefined;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(h|m|s)/g)];
  if (parts.length === 0 || parts.map(p => p[0]).join('') !== text)
    return undefined;
  const unit = { h: 3_600_000, m: 60_000, s: 1000 } as const;
  return parts.reduce(
    (ms, [, n, u]) => ms + Number(n) * unit[u as 'h' | 'm' | 's'],
    0,
  );
}

const condition = (
  conditions:
    | Array<{ type: string; status: string; reason?: string; message?: string }>
    | undefined,
  type: string,
) => conditions?.find(c => c.type === type);

/** The pod's summed container requests (init containers: the largest one, as the scheduler does). */
export function podRequests(pod: V1Pod): { cpu: number; memory: number } {
  const sum = (pod.spec?.containers ?? []).reduce(
    (acc, c) => ({
      cpu: acc.cpu + cpuCores(c.resources?.requests?.cpu),
      memory: acc.memory + memoryBytes(c.resources?.requests?.memory),
    }),
    { cpu: 0, memory: 0 },
  );
  for (const c of pod.spec?.initContainers ?? []) {
    sum.cpu = Math.max(sum.cpu, cpuCores(c.resources?.requests?.cpu));
    sum.memory = Math.max(
      sum.memory,
      memoryBytes(c.resources?.requests?.memory),
    );
  }
  return sum;
}

function podShape(pod: V1Pod): PodShape {
  const terms =
    pod.spec?.affinity?.nodeAffinity
      ?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
  return {
    nodeSelector: pod.spec?.nodeSelector,
    affinityTerms: terms
      .map(t => (t.matchExpressions ?? []) as Requirement[])
      .filter(t => t.length > 0),
    tolerations: (pod.spec?.tolerations ?? []) as PodShape['tolerations'],
    requests: podRequests(pod),
  };
}

function poolShape(pool: INodePool): PoolShape {
  const spec = pool.spec.template.spec;
  const resources = (pool.status?.resources ?? {}) as Record<string, string>;
  const limits = (pool.spec.limits ?? {}) as Record<string, string | number>;
  return {
    name: pool.metadata?.name ?? '',
    labels: (pool.spec.template.metadata?.labels ?? {}) as Record<
      string,
      string
    >,
    requirements: (spec.requirements ?? []) as Requirement[],
    taints: (spec.taints ?? []) as Taint[],
    limits: {
      cpu: limits.cpu !== undefined ? cpuCores(limits.cpu) : undefined,
      memory:
        limits.memory !== undefined ? memoryBytes(limits.memory) : undefined,
    },
    provisioned: {
      cpu: cpuCores(resources.cpu),
      memory: memoryBytes(resources.memory),
    },
  };
}

/** Whether a pod still waits for a node. */
export const isPending = (pod: V1Pod) =>
  pod.status?.phase === 'Pending' && !pod.spec?.nodeName;

/** Works out the Capacity page of one cluster from its lists; pure. */
export function buildCapacity(
  cluster: string,
  objects: ClusterObjects,
  options: { spotTarget: number; now: number },
): Omit<ClusterCapacity, 'readAt' | 'error'> {
  const nodeClasses = new Map(
    (objects.nodeClasses ?? []).map(c => [c.metadata?.name ?? '', c]),
  );
  const podsPerNode = new Map<string, number>();
  for (const pod of objects.pods) {
    const node = pod.spec?.nodeName;
    if (node) podsPerNode.set(node, (podsPerNode.get(node) ?? 0) + 1);
  }
  const nodes: NodeRow[] = objects.nodes.map(node => {
    const labels = node.metadata?.labels ?? {};
    const ready = condition(node.status?.conditions as any, 'Ready');
    const capacity = node.status?.capacity ?? {};
    return {
      name: node.metadata?.name ?? '',
      pool: labels[POOL_LABEL],
      instanceType: labels[TYPE_LABEL],
      capacityType: labels[CAPACITY_LABEL],
      zone: labels['topology.kubernetes.io/zone'],
      ready: ready?.status === 'True',
      terminating: !!node.metadata?.deletionTimestamp,
      message: ready?.status === 'True' ? undefined : ready?.message,
      cpu: cpuCores(capacity.cpu),
      memoryBytes: memoryBytes(capacity.memory),
      pods: podsPerNode.get(node.metadata?.name ?? '') ?? 0,
      createdAt: node.metadata?.creationTimestamp
        ? new Date(node.metadata.creationTimestamp as any).toISOString()
        : undefined,
    };
  });

  const pools: PoolCapacity[] = (objects.nodePools ?? []).map(pool => {
    const name = pool.metadata?.name ?? '';
    const shape = poolShape(pool);
    const classRef = pool.spec.template.spec.nodeClassRef?.name;
    const nodeClass = classRef ? nodeClasses.get(classRef) : undefined;
    const byType = new Map<string, PoolCapacity['nodesByType'][number]>();
    for (const node of nodes.filter(n => n.pool === name)) {
      const [family = 'unknown', size = 'unknown'] = (
        node.instanceType ?? ''
      ).split('.');
      const capacityType = node.capacityType ?? 'unknown';
      const key = `${family}/${size}/${capacityType}`;
      const entry = byType.get(key) ?? { family, size, capacityType, count: 0 };
      entry.count += 1;
      byType.set(key, entry);
    }
    const disruption = (pool.spec.disruption ?? {}) as Record<string, string>;
    const template = pool.spec.template.spec as { expireAfter?: string };
    return {
      name,
      weight: pool.spec.weight,
      nodeClass: classRef
        ? {
            name: classRef,
            role: nodeClass?.spec?.role,
            amiSelector: nodeClass?.spec?.amiSelectorTerms
              ?.map(
                t => t.alias ?? t.id ?? t.name ?? JSON.stringify(t.tags ?? {}),
              )
              .join(', '),
            instanceStorePolicy: nodeClass?.spec?.instanceStorePolicy,
            ready: nodeClass
              ? condition(nodeClass.status?.conditions as any, 'Ready')
                  ?.status !== 'False'
              : undefined,
          }
        : undefined,
      limits: { cpu: shape.limits.cpu, memoryBytes: shape.limits.memory },
      provisioned: {
        cpu: shape.provisioned.cpu,
        memoryBytes: shape.provisioned.memory,
        nodes: Number(
          (pool.status?.resources as any)?.nodes ??
            nodes.filter(n => n.pool === name).length,
        ),
      },
      labels: shape.labels,
      taints: shape.taints,
      requirements: shape.requirements,
      disruption: {
        consolidationPolicy: disruption.consolidationPolicy,
        consolidateAfter: disruption.consolidateAfter,
        expireAfter: template.expireAfter ?? disruption.expireAfter,
      },
      nodesByType: [...byType.values()].sort(
        (a, b) =>
          a.family.localeCompare(b.family) ||
          a.size.localeCompare(b.size) ||
          a.capacityType.localeCompare(b.capacityType),
      ),
    };
  });

  const claims: ClaimRow[] = (objects.nodeClaims ?? []).map(claim => {
    const conditions = claim.status?.conditions as any;
    const labels = claim.metadata?.labels ?? {};
    const created = claim.metadata?.creationTimestamp
      ? new Date(claim.metadata.creationTimestamp as any).getTime()
      : undefined;
    const expireMs = parseDuration(claim.spec?.expireAfter);
    const disrupted = condition(conditions, 'DisruptionReason');
    const drifted = condition(conditions, 'Drifted')?.status === 'True';
    const consolidatable =
      condition(conditions, 'Consolidatable')?.status === 'True';
    const expiresAt =
      created !== undefined && expireMs !== undefined
        ? created + expireMs
        : undefined;
    const disruptionOf = () => {
      if (disrupted) {
        return `${disrupted.reason}${
          disrupted.message ? `: ${disrupted.message}` : ''
        }`;
      }
      if (drifted) return 'Drifted';
      if (consolidatable) return 'Consolidatable';
      if (expiresAt !== undefined && expiresAt - options.now < 86_400_000) {
        return `expires ${new Date(expiresAt).toISOString()}`;
      }
      return undefined;
    };
    return {
      name: claim.metadata?.name ?? '',
      pool: labels[POOL_LABEL],
      instanceType: labels[TYPE_LABEL],
      capacityType: labels[CAPACITY_LABEL],
      nodeName: claim.status?.nodeName,
      launched: condition(conditions, 'Launched')?.status === 'True',
      registered: condition(conditions, 'Registered')?.status === 'True',
      initialized: condition(conditions, 'Initialized')?.status === 'True',
      terminating: !!claim.metadata?.deletionTimestamp,
      drifted,
      disruption: disruptionOf(),
      expiresAt:
        expiresAt !== undefined ? new Date(expiresAt).toISOString() : undefined,
      createdAt:
        created !== undefined ? new Date(created).toISOString() : undefined,
    };
  });

  const shapes = (objects.nodePools ?? []).map(poolShape);
  const pending: PendingPod[] = objects.pods.filter(isPending).map(pod => {
    const shape = podShape(pod);
    return {
      namespace: pod.metadata?.namespace ?? '',
      name: pod.metadata?.name ?? '',
      schedulerMessage: condition(pod.status?.conditions as any, 'PodScheduled')
        ?.message,
      reasons: objects.nodePools ? pendingReasons(shape, shapes) : [],
      requests: { cpu: shape.requests.cpu, memoryBytes: shape.requests.memory },
    };
  });

  // spot share of the nodes Karpenter launched that are not going away
  const launched = nodes.filter(n => n.pool && !n.terminating);
  const spot = launched.filter(n => n.capacityType === 'spot').length;
  const onDemand = launched.filter(n => n.capacityType === 'on-demand').length;
  return {
    cluster,
    karpenter: objects.nodePools !== undefined,
    pools,
    nodes,
    claims,
    pending,
    spot: {
      spot,
      onDemand,
      share: spot + onDemand > 0 ? spot / (spot + onDemand) : undefined,
      target: options.spotTarget,
    },
  };
}
