/*
 * Kubernetes scheduling, as far as the portal reasons about it: the
 * architecture checker (which node source can take a declared workload), the
 * sandbox (where it places pods) and the Capacity page (why a pod pends).
 */

/** A node taint (Kubernetes `core/v1` Taint). */
export interface Taint {
  key: string;
  value?: string;
  effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' | (string & {});
}

/** A pod toleration (Kubernetes `core/v1` Toleration). */
export interface Toleration {
  key?: string;
  operator?: 'Equal' | 'Exists' | (string & {});
  value?: string;
  effect?: string;
}

/**
 * Whether a taint lets a pod with these tolerations onto the node: a
 * PreferNoSchedule taint never keeps a pod off; a NoSchedule or NoExecute
 * taint only when a toleration matches it (Exists: by key, or any key when
 * none is given; Equal: key and value; an effect, when given, must match).
 */
export function tolerates(tolerations: Toleration[], taint: Taint): boolean {
  if (taint.effect === 'PreferNoSchedule') return true;
  return tolerations.some(t => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}
