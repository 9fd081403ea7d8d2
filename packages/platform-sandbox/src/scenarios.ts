/**
 * What the sandbox can pretend. Switched at run time through the control
 * endpoint, or at start with SANDBOX_SCENARIO.
 */
export const SCENARIOS = {
  healthy: 'Everything synced, healthy and on target',
  degraded:
    'One module OutOfSync/Degraded: a pod in CrashLoopBackOff, its health endpoint failing',
  'wave-blocked': 'A wave-4 module fails its sync, so waves 5-7 wait',
  'spot-interruption':
    'Spot nodes of the pool terminate, their pods pend, new NodeClaims launch',
  unschedulable:
    "A module's pods pend: an untolerated taint and a node selector no pool satisfies",
  'under-target': 'Ingestion runs below its throughput targets',
  drift:
    'One module differs from the tree: an image changed by hand, a Deployment scaled by hand, an extra Deployment, a missing Service',
  slow: "Every API answers after 6 s: slower than each of the portal's 5 s timeouts",
  down: 'Every API refuses connections',
} as const;

export type ScenarioName = keyof typeof SCENARIOS;

export function isScenario(name: string): name is ScenarioName {
  return Object.prototype.hasOwnProperty.call(SCENARIOS, name);
}

/** The module each fault scenario affects (present in the example platform). */
export const AFFECTED = {
  degraded: 'data-quality',
  'wave-blocked': 'data-ingestion',
  unschedulable: 'data-storage',
  drift: 'data-streaming',
} as const;

/**
 * What the `drift` scenario changes by hand in its module: the first agent's
 * image, the second agent's replicas (past its HPA's maximum), the third
 * agent's Service (deleted), and a Deployment the tree does not declare.
 */
export const DRIFT = {
  image: 'python:3.13.7-slim-hotfix',
  extraReplicas: 3,
  extraDeployment: 'base-data-streaming-agent-debug-shell',
} as const;

/** Holds the current scenario; listeners react to switches (e.g. `down`). */
export class ScenarioState {
  private listeners: Array<(s: ScenarioName) => void> = [];
  changedAt = new Date();

  constructor(private current: ScenarioName = 'healthy') {}

  get(): ScenarioName {
    return this.current;
  }

  set(name: ScenarioName) {
    this.current = name;
    this.changedAt = new Date();
    for (const listener of this.listeners) listener(name);
  }

  onChange(listener: (s: ScenarioName) => void) {
    this.listeners.push(listener);
  }
}
