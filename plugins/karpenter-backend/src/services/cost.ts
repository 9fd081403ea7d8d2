import type { V1Node, V1Pod } from '@kubernetes/client-node';
import {
  type ClusterCost,
  type CostLine,
  cpuCores,
  memoryBytes,
  type NodeCost,
  type WorkloadCost,
} from '@internal/plugin-karpenter-common';
import { podRequests } from './buildCapacity';
import { type PriceTable, priceNode, priceSources, SpotPrices } from './prices';

const GIB = 2 ** 30;

/** The labels a node's price depends on: Karpenter's, else EKS managed node groups'. */
function nodeShape(node: V1Node) {
  const labels = node.metadata?.labels ?? {};
  const eksCapacity = labels['eks.amazonaws.com/capacityType'];
  return {
    name: node.metadata?.name ?? '',
    pool:
      labels['karpenter.sh/nodepool'] ??
      (labels['eks.amazonaws.com/nodegroup']
        ? `nodegroup/${labels['eks.amazonaws.com/nodegroup']}`
        : undefined),
    instanceType: labels['node.kubernetes.io/instance-type'],
    capacityType:
      labels['karpenter.sh/capacity-type'] ??
      (eksCapacity ? eksCapacity.toLowerCase().replace('_', '-') : undefined),
    zone: labels['topology.kubernetes.io/zone'],
    createdAt: node.metadata?.creationTimestamp
      ? new Date(node.metadata.creationTimestamp as any).toISOString()
      : undefined,
  };
}

/** The workload a pod belongs to: its ReplicaSet's Deployment, else its owner, else itself. */
export function workloadOf(pod: V1Pod): string {
  const owner = pod.metadata?.ownerReferences?.find(o => o.controller);
  if (!owner) return pod.metadata?.name ?? '';
  const hash = pod.metadata?.labels?.['pod-template-hash'];
  if (owner.kind === 'ReplicaSet' && hash && owner.name.endsWith(`-${hash}`)) {
    return owner.name.slice(0, -hash.length - 1);
  }
  return owner.name;
}

/** Pods that hold their requests on a node: bound and not finished. */
const holdsNode = (pod: V1Pod) =>
  !!pod.spec?.nodeName &&
  pod.status?.phase !== 'Succeeded' &&
  pod.status?.phase !== 'Failed';

const zero = (): CostLine => ({ hourly: 0, onDemandHourly: 0 });
const add = (line: CostLine, hourly: number, onDemandHourly: number) => {
  line.hourly += hourly;
  line.onDemandHourly += onDemandHourly;
};

/**
 * Attributes each node's hourly price to the pods bound to it; pure.
 *
 * The price is split between CPU and memory by the table's relative rates
 * (for an 8 vCPU / 32 GiB node at OpenCost's default rates: 65 % CPU,
 * 35 % memory); a pod takes of each part its request's share of the node's
 * allocatable. What no pod requested is the node's idle cost. Nodes without
 * a price are listed as unpriced and are in no figure.
 */
export function attributeCost(
  cluster: string,
  objects: { nodes: V1Node[]; pods: V1Pod[] },
  table: PriceTable,
  spot: SpotPrices | undefined,
  now: number,
): Omit<ClusterCost, 'readAt' | 'error'> {
  const podsByNode = new Map<string, V1Pod[]>();
  for (const pod of objects.pods) {
    if (!holdsNode(pod)) continue;
    const list = podsByNode.get(pod.spec!.nodeName!);
    if (list) list.push(pod);
    else podsByNode.set(pod.spec!.nodeName!, [pod]);
  }

  const total = zero();
  const idle = zero();
  const pools = new Map<
    string,
    CostLine & { pool: string; nodes: number; idleHourly: number }
  >();
  const workloads = new Map<string, WorkloadCost>();
  const nodes: NodeCost[] = [];
  const unpriced: ClusterCost['unpriced'] = [];

  for (const node of objects.nodes) {
    const shape = nodeShape(node);
    const price = priceNode(table, spot, shape);
    if ('reason' in price) {
      const pods: Record<string, number> = {};
      for (const pod of podsByNode.get(shape.name) ?? []) {
        const ns = pod.metadata?.namespace ?? '';
        pods[ns] = (pods[ns] ?? 0) + 1;
      }
      unpriced.push({
        name: shape.name,
        instanceType: shape.instanceType,
        reason: price.reason,
        pods,
      });
      continue;
    }
    const allocatable = node.status?.allocatable ?? node.status?.capacity ?? {};
    const cpu = cpuCores(allocatable.cpu);
    const memory = memoryBytes(allocatable.memory);
    const cpuPart = cpu * table.cpuRate;
    const memoryPart = (memory / GIB) * table.memoryGiBRate;
    const cpuWeight =
      cpuPart + memoryPart > 0 ? cpuPart / (cpuPart + memoryPart) : 0.5;
    // the share of the node one pod's requests take (at most all of it)
    const shareOf = (pod: V1Pod) => {
      const r = podRequests(pod);
      const cpuShare = cpu > 0 ? Math.min(r.cpu / cpu, 1) : 0;
      const memoryShare = memory > 0 ? Math.min(r.memory / memory, 1) : 0;
      return {
        share: cpuWeight * cpuShare + (1 - cpuWeight) * memoryShare,
        requested: r.cpu > 0 || r.memory > 0,
      };
    };
    const onNode = podsByNode.get(shape.name) ?? [];
    const shares = onNode.map(shareOf);
    // requests beyond allocatable (overcommitted static pods) scale down to the node
    const taken = shares.reduce((sum, s) => sum + s.share, 0);
    const scale = taken > 1 ? 1 / taken : 1;
    let attributed = 0;
    onNode.forEach((pod, i) => {
      const namespace = pod.metadata?.namespace ?? '';
      const workload = workloadOf(pod);
      const key = `${namespace}/${workload}`;
      const entry = workloads.get(key) ?? {
        namespace,
        workload,
        pods: 0,
        unrequested: 0,
        ...zero(),
      };
      const share = shares[i].share * scale;
      entry.pods += 1;
      if (!shares[i].requested) entry.unrequested += 1;
      add(entry, price.hourly * share, price.onDemandHourly * share);
      workloads.set(key, entry);
      attributed += share;
    });
    const idleShare = Math.max(0, 1 - attributed);
    add(total, price.hourly, price.onDemandHourly);
    add(idle, price.hourly * idleShare, price.onDemandHourly * idleShare);
    const poolName = shape.pool ?? '(no pool)';
    const pool = pools.get(poolName) ?? {
      pool: poolName,
      nodes: 0,
      idleHourly: 0,
      ...zero(),
    };
    pool.nodes += 1;
    pool.idleHourly += price.hourly * idleShare;
    add(pool, price.hourly, price.onDemandHourly);
    pools.set(poolName, pool);
    nodes.push({
      ...shape,
      hourly: price.hourly,
      onDemandHourly: price.onDemandHourly,
      idleHourly: price.hourly * idleShare,
      priceFrom: price.from,
      sinceCreated: shape.createdAt
        ? (price.hourly * Math.max(0, now - Date.parse(shape.createdAt))) /
          3_600_000
        : undefined,
    });
  }

  const namespaces = new Map<
    string,
    CostLine & { namespace: string; pods: number }
  >();
  for (const w of workloads.values()) {
    const entry = namespaces.get(w.namespace) ?? {
      namespace: w.namespace,
      pods: 0,
      ...zero(),
    };
    entry.pods += w.pods;
    add(entry, w.hourly, w.onDemandHourly);
    namespaces.set(w.namespace, entry);
  }
  const byCost = <T extends CostLine>(a: T, b: T) => b.hourly - a.hourly;
  return {
    cluster,
    prices: priceSources(table, spot),
    total,
    idle,
    pools: [...pools.values()].sort(byCost),
    namespaces: [...namespaces.values()].sort(byCost),
    workloads: [...workloads.values()].sort(byCost),
    nodes: nodes.sort(byCost),
    unpriced,
  };
}
