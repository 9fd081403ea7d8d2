/*
 * Drift: where the platform repository (what the tree declares), the
 * clusters (what runs) and ArgoCD (what it tracks) disagree.
 */

/**
 * - `missing`: declared in the tree, not in the cluster;
 * - `extra`: a Deployment in the module's namespace the tree does not declare;
 * - `changed`: a field that matters differs (both values given);
 * - `out-of-sync`: ArgoCD's own comparison of git and the cluster says so.
 */
export type DriftKind = 'missing' | 'extra' | 'changed' | 'out-of-sync';

/** One difference, with both values and where each comes from. */
export interface DriftDifference {
  kind: DriftKind;
  object: { kind: string; namespace: string; name: string };
  /** The Deployment the object belongs to (for a service's Deploy tab). */
  workload?: string;
  /** What differs, e.g. `image`, `replicas`, `container ports`, `liveness probe`. */
  field?: string;
  declared?: string;
  live?: string;
  /** `file:line` in the platform repository. */
  declaredIn?: string;
  /** The cluster, or ArgoCD's Application, the live value was read from. */
  liveIn?: string;
}

/** A module's drift. */
export interface ModuleDrift {
  module: string;
  namespace: string;
  application?: string;
  /** Declared objects compared. */
  compared: number;
  differences: DriftDifference[];
}

/** The platform's drift, and how fresh each source is. */
export interface DriftReport {
  /** When the comparison was made (ISO). */
  readAt: string;
  sources: {
    tree: { location: string; readAt?: string; error?: string };
    clusters: Array<{ cluster: string; readAt?: string; error?: string }>;
    argocd: { readAt?: string; error?: string };
  };
  modules: ModuleDrift[];
}
