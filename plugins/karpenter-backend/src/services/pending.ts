import {
  type Taint,
  type Toleration,
  tolerates,
} from '@internal/plugin-base-platform-common';
import type {
  PendingReason,
  Requirement,
} from '@internal/plugin-karpenter-common';

/*
 * Why no NodePool can take a pending pod: the backend's analysis behind the
 * Capacity page's pending table and the karpenter MCP tools.
 */

/** What a NodePool's nodes will look like, and how much it may still launch. */
export interface PoolShape {
  name: string;
  /** `spec.template.metadata.labels`. */
  labels: Record<string, string>;
  /** `spec.template.spec.requirements`. */
  requirements: Requirement[];
  /** `spec.template.spec.taints` (not the startup taints, which lift). */
  taints: Taint[];
  /** `spec.limits` in cores and bytes; absent = unlimited. */
  limits: { cpu?: number; memory?: number };
  /** `status.resources` in cores and bytes. */
  provisioned: { cpu: number; memory: number };
}

/** What a pending pod asks of a node. */
export interface PodShape {
  nodeSelector?: Record<string, string>;
  /** Required node affinity: any term, all expressions of a term. */
  affinityTerms?: Requirement[][];
  tolerations?: Toleration[];
  /** Summed container requests in cores and bytes. */
  requests: { cpu: number; memory: number };
}

/** Labels Karpenter sets on every node it launches, whatever the pool says. */
const WELL_KNOWN = new Set([
  'kubernetes.io/hostname',
  'kubernetes.io/os',
  'kubernetes.io/arch',
  'node.kubernetes.io/instance-type',
  'karpenter.sh/capacity-type',
  'karpenter.k8s.aws/instance-family',
  'karpenter.k8s.aws/instance-size',
  'karpenter.k8s.aws/instance-category',
  'karpenter.k8s.aws/instance-generation',
  'karpenter.k8s.aws/instance-cpu',
  'karpenter.k8s.aws/instance-memory',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
]);

const INSTANCE_KEYS = new Set([
  'node.kubernetes.io/instance-type',
  'karpenter.k8s.aws/instance-family',
  'karpenter.k8s.aws/instance-size',
]);

/**
 * The values a pool's nodes can carry for a label: a set, "any" (`*`), or
 * none (the label will be absent). `exclude` lists values a NotIn rules out.
 */
function domain(
  pool: PoolShape,
  key: string,
): { values?: Set<string>; any?: boolean; exclude?: Set<string> } {
  if (pool.labels[key] !== undefined)
    return { values: new Set([pool.labels[key]]) };
  if (key === 'karpenter.sh/nodepool') return { values: new Set([pool.name]) };
  const reqs = pool.requirements.filter(r => r.key === key);
  const inReq = reqs.find(r => r.operator === 'In');
  if (inReq) return { values: new Set(inReq.values ?? []) };
  if (reqs.some(r => r.operator === 'DoesNotExist')) return {};
  const notIn = reqs.find(r => r.operator === 'NotIn');
  if (
    notIn ||
    reqs.some(r => ['Exists', 'Gt', 'Lt'].includes(r.operator)) ||
    WELL_KNOWN.has(key)
  ) {
    return { any: true, exclude: new Set(notIn?.values ?? []) };
  }
  return {};
}

/** Whether some node of the pool can satisfy one requirement of the pod. */
function satisfiable(pool: PoolShape, r: Requirement): boolean {
  const d = domain(pool, r.key);
  const absent = !d.values && !d.any;
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      if (absent) return false;
      if (d.any) return values.some(v => !d.exclude?.has(v));
      return values.some(v => d.values!.has(v));
    case 'NotIn':
      if (absent || d.any) return true;
      return [...d.values!].some(v => !values.includes(v));
    case 'Exists':
      return !absent;
    case 'DoesNotExist':
      return absent;
    case 'Gt':
    case 'Lt':
      return !absent;
    default:
      return false;
  }
}

const describeDomain = (pool: PoolShape, key: string) => {
  const d = domain(pool, key);
  if (d.values) return `allows ${[...d.values].join(', ') || 'none'}`;
  return 'does not set this label on its nodes';
};

/** The reasons one pool cannot take the pod; empty when it can. */
export function poolReasons(pod: PodShape, pool: PoolShape): PendingReason[] {
  const reasons: PendingReason[] = [];
  for (const taint of pool.taints) {
    if (!tolerates(pod.tolerations ?? [], taint)) {
      reasons.push({
        kind: 'taint',
        pool: pool.name,
        message: `pool ${pool.name} taints its nodes ${taint.key}${
          taint.value ? `=${taint.value}` : ''
        }:${taint.effect}, which the pod does not tolerate`,
      });
    }
  }
  for (const [key, value] of Object.entries(pod.nodeSelector ?? {})) {
    if (!satisfiable(pool, { key, operator: 'In', values: [value] })) {
      reasons.push({
        kind: INSTANCE_KEYS.has(key) ? 'instance-type' : 'selector',
        pool: pool.name,
        message: INSTANCE_KEYS.has(key)
          ? `instance type ${key}=${value} is not allowed by pool ${
              pool.name
            } (it ${describeDomain(pool, key)})`
          : `node selector ${key}=${value}: pool ${pool.name} ${describeDomain(
              pool,
              key,
            )}`,
      });
    }
  }
  const terms = pod.affinityTerms ?? [];
  if (terms.length > 0) {
    const failing = terms.map(term => term.filter(r => !satisfiable(pool, r)));
    if (failing.every(f => f.length > 0)) {
      const first = failing[0][0];
      const instance = failing.every(f =>
        f.every(r => INSTANCE_KEYS.has(r.key)),
      );
      reasons.push({
        kind: instance ? 'instance-type' : 'affinity',
        pool: pool.name,
        message: `${instance ? 'instance type' : 'required node affinity'} ${
          first.key
        } ${first.operator} ${(first.values ?? []).join(',')}: pool ${
          pool.name
        } ${describeDomain(pool, first.key)}`,
      });
    }
  }
  const over = (dimension: 'cpu' | 'memory', format: (n: number) => string) => {
    const limit = pool.limits[dimension];
    if (limit === undefined) return;
    if (pool.provisioned[dimension] + pod.requests[dimension] > limit) {
      reasons.push({
        kind: 'limits',
        pool: pool.name,
        message: `pool ${pool.name} is at its ${dimension} limit: ${format(
          pool.provisioned[dimension],
        )} provisioned of ${format(limit)}, the pod needs ${format(
          pod.requests[dimension],
        )} more`,
      });
    }
  };
  over('cpu', n => `${Number(n.toFixed(2))} cores`);
  over('memory', n => `${Number((n / 2 ** 30).toFixed(1))} GiB`);
  return reasons;
}

/**
 * Why a pending pod cannot get a node from any pool. Empty when some pool
 * can take it: Karpenter should launch (or is launching) a node for it.
 */
export function pendingReasons(
  pod: PodShape,
  pools: PoolShape[],
): PendingReason[] {
  if (pools.length === 0) {
    return [
      { kind: 'no-pool', message: 'the cluster has no Karpenter NodePool' },
    ];
  }
  const perPool = pools.map(pool => poolReasons(pod, pool));
  if (perPool.some(r => r.length === 0)) return [];
  return perPool.flat();
}
