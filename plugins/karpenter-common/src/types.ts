import type { PendingReason, Requirement, Taint } from './pending';

/** The EC2NodeClass a pool launches its nodes with. */
export interface NodeClassSummary {
  name: string;
  role?: string;
  amiSelector?: string;
  instanceStorePolicy?: string;
  ready?: boolean;
}

/** A NodePool: limits against what it has provisioned, and its nodes. */
export interface PoolCapacity {
  name: string;
  weight?: number;
  nodeClass?: NodeClassSummary;
  /** `spec.limits`; absent = unlimited. */
  limits: { cpu?: number; memoryBytes?: number };
  /** `status.resources`. */
  provisioned: { cpu: number; memoryBytes: number; nodes: number };
  labels: Record<string, string>;
  taints: Taint[];
  requirements: Requirement[];
  disruption: {
    consolidationPolicy?: string;
    consolidateAfter?: string;
    expireAfter?: string;
  };
  /** Its nodes by instance family, size and capacity type. */
  nodesByType: Array<{
    family: string;
    size: string;
    capacityType: string;
    count: number;
  }>;
}

export interface NodeRow {
  name: string;
  pool?: string;
  instanceType?: string;
  capacityType?: string;
  zone?: string;
  ready: boolean;
  /** Being deleted (disruption, interruption, consolidation). */
  terminating: boolean;
  /** Why it is not ready or is terminating, when known. */
  message?: string;
  cpu: number;
  memoryBytes: number;
  /** Pods bound to it. */
  pods: number;
  createdAt?: string;
}

export interface ClaimRow {
  name: string;
  pool?: string;
  instanceType?: string;
  capacityType?: string;
  nodeName?: string;
  launched: boolean;
  registered: boolean;
  initialized: boolean;
  terminating: boolean;
  /** Disruption under way or pending: interruption, drift, consolidation, expiry. */
  disruption?: string;
  drifted: boolean;
  /** When `expireAfter` ends its life (ISO), if it does. */
  expiresAt?: string;
  createdAt?: string;
}

export interface PendingPod {
  namespace: string;
  name: string;
  /** The scheduler's own message (PodScheduled condition). */
  schedulerMessage?: string;
  /** Worked out from the pools; empty: a pool can take it, a node is on its way. */
  reasons: PendingReason[];
  requests: { cpu: number; memoryBytes: number };
}

/** Everything the Capacity page shows of one cluster. */
export interface ClusterCapacity {
  cluster: string;
  /** When the cluster was read (ISO). */
  readAt: string;
  /** Set when the last read failed and this is the last good data. */
  error?: string;
  /** False when the cluster serves no karpenter.sh/v1 API. */
  karpenter: boolean;
  pools: PoolCapacity[];
  nodes: NodeRow[];
  claims: ClaimRow[];
  pending: PendingPod[];
  /** Nodes launched by Karpenter, by capacity type, against the target share of spot. */
  spot: { spot: number; onDemand: number; share?: number; target: number };
}

/** Where a namespace's (a module's) pods run, per cluster. */
export interface NamespacePlacement {
  namespace: string;
  clusters: Array<{
    cluster: string;
    readAt?: string;
    error?: string;
    pods: number;
    running: Array<{
      pool?: string;
      capacityType?: string;
      instanceType?: string;
      count: number;
    }>;
    pending: PendingPod[];
  }>;
}
