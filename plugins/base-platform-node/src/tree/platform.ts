/**
 * The platform outside its modules: clusters, where nodes come from (Karpenter
 * node pools and EKS node groups) and the shared tools. Node sources and
 * tools are read from the tree's Terraform and nginx files (platformFiles.ts,
 * reference SHAPES §8–9); what the repository does not state literally — the
 * clusters' names, owners — comes from app-config, with the real platform's
 * values as defaults.
 */
import {
  type Taint,
  type Toleration,
  tolerates,
} from '@internal/plugin-base-platform-common';

export type { Taint, Toleration };

/** Nodes of one kind: a Karpenter NodePool or an EKS managed node group. */
export interface NodeSource {
  kind: 'karpenter-nodepool' | 'node-group';
  name: string;
  cluster: string;
  description?: string;
  /** Labels every node of it carries. */
  labels: Record<string, string>;
  /** Label keys whose values are any of these (Karpenter requirements). */
  requirements?: Record<string, string[]>;
  taints: Taint[];
  /** Where it is declared, for findings. */
  source?: string;
  line?: number;
}

export interface PlatformTool {
  name: string;
  title?: string;
  description?: string;
  namespace?: string;
  /** The Platform UI location, e.g. `/argocd/`. */
  path?: string;
  /** What the Platform UI proxies it to: `<svc>.<ns>.svc.cluster.local:<port>`. */
  upstream?: string;
  scheme?: string;
  proxyPath?: string;
  /** False when its location in the proxy is commented out. */
  enabled?: boolean;
  source?: string;
  line?: number;
}

export interface PlatformDefinition {
  owner: string;
  clusters: Array<{ name: string; description?: string }>;
  /** The cluster the modules run on. */
  moduleCluster: string;
  nodeSources: NodeSource[];
  platformServices: PlatformTool[];
  /** Owner group per domain; modules without an owner of their own get theirs. */
  ownersByDomain: Record<string, string>;
}

/**
 * The real platform's clusters and owners. Its node sources and tools are
 * empty here: they come from the tree's files (readPlatformFiles).
 */
export const DEFAULT_PLATFORM: PlatformDefinition = {
  owner: 'group:default/platform-team',
  clusters: [
    {
      name: 'platform-app-layer-dev',
      description:
        'GitOps control plane and shared platform services (ArgoCD, Vault, monitoring, Airflow, MLflow, Kubeflow, Superset, Kiali).',
    },
    {
      name: 'base-app-layer-dev',
      description:
        'Runs the BASE data-processing modules, one namespace each (base-<module>); Karpenter provisions its data nodes.',
    },
  ],
  moduleCluster: 'base-app-layer-dev',
  nodeSources: [],
  platformServices: [],
  ownersByDomain: {
    'data-foundation': 'group:default/data-foundation-team',
    'processing-analytics': 'group:default/processing-analytics-team',
    'orchestration-management': 'group:default/orchestration-management-team',
    'distribution-control': 'group:default/distribution-control-team',
  },
};

/** Labels every node has whatever its source (kubelet and EKS well-known labels). */
const WELL_KNOWN_ANY = new Set([
  'kubernetes.io/hostname',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'node.kubernetes.io/instance-type',
  'karpenter.k8s.aws/instance-family',
  'karpenter.k8s.aws/instance-size',
]);

/** Every label a node of the source may carry, with the values it may have (undefined: any). */
function labelsOf(source: NodeSource): Map<string, Set<string> | undefined> {
  const out = new Map<string, Set<string> | undefined>();
  for (const [k, v] of Object.entries(source.labels)) out.set(k, new Set([v]));
  for (const [k, values] of Object.entries(source.requirements ?? {}))
    out.set(k, new Set(values));
  if (source.kind === 'karpenter-nodepool')
    out.set('karpenter.sh/nodepool', new Set([source.name]));
  else out.set('eks.amazonaws.com/nodegroup', new Set([source.name]));
  out.set('kubernetes.io/os', new Set(['linux']));
  if (!out.has('kubernetes.io/arch'))
    out.set('kubernetes.io/arch', new Set(['amd64']));
  for (const k of WELL_KNOWN_ANY) if (!out.has(k)) out.set(k, undefined);
  return out;
}

/** The taints of a source that keep a pod off it (NoSchedule and NoExecute). */
function blockingTaints(
  source: NodeSource,
  tolerations: Toleration[],
): Taint[] {
  return source.taints.filter(
    t => t.effect !== 'PreferNoSchedule' && !tolerates(tolerations, t),
  );
}

const taintText = (t: Taint) =>
  `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;

/** Where a workload can run, or why it cannot. */
export interface PlacementVerdict {
  /** Sources whose nodes the pod may run on. */
  fits: NodeSource[];
  /** Why it fits none: the selector no source satisfies, or the taints it does not tolerate. */
  reason?: { kind: 'selector' | 'taint'; message: string };
}

/**
 * The node sources of a cluster a pod with this nodeSelector and these
 * tolerations may be scheduled on, as the scheduler decides it.
 */
export function placeWorkload(
  sources: NodeSource[],
  cluster: string,
  nodeSelector: Record<string, string>,
  tolerations: Toleration[],
): PlacementVerdict {
  const inCluster = sources.filter(s => s.cluster === cluster);
  if (inCluster.length === 0) return { fits: [] };
  const matching = inCluster.filter(source => {
    const labels = labelsOf(source);
    return Object.entries(nodeSelector).every(([k, v]) => {
      if (!labels.has(k)) return false;
      const values = labels.get(k);
      return values === undefined || values.has(v);
    });
  });
  if (matching.length === 0) {
    const wanted = Object.entries(nodeSelector)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    return {
      fits: [],
      reason: {
        kind: 'selector',
        message: `nodeSelector ${wanted}: no node pool or node group of ${cluster} carries it`,
      },
    };
  }
  const fits = matching.filter(
    s => blockingTaints(s, tolerations).length === 0,
  );
  if (fits.length > 0) return { fits };
  const first = matching[0];
  return {
    fits: [],
    reason: {
      kind: 'taint',
      message: `${
        first.kind === 'karpenter-nodepool' ? 'node pool' : 'node group'
      } ${first.name} taints its nodes ${blockingTaints(first, tolerations)
        .map(taintText)
        .join(', ')}, which the workload does not tolerate`,
    },
  };
}

export { taintText };
