export type { Taint, Toleration } from '@internal/plugin-base-platform-common';

/** A node selector requirement: NodePool requirements and pod node affinity alike. */
export interface Requirement {
  key: string;
  operator: string;
  values?: string[];
}

export type PendingReasonKind =
  | 'taint'
  | 'selector'
  | 'affinity'
  | 'instance-type'
  | 'limits'
  | 'no-pool';

/** Why no NodePool can take a pod, in words a person can act on. */
export interface PendingReason {
  kind: PendingReasonKind;
  pool?: string;
  message: string;
}
