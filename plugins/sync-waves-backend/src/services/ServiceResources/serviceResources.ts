import type { ServiceResource } from '@internal/plugin-sync-waves-common';
import type { ArgoResourceNode } from '../ArgoCdClient';
import type { ArgoApplication } from '../WaveBoard/buildWaveBoard';

/** A service's workload as the catalog names its objects. */
export interface ServiceWorkload {
  /** The Deployment's name. */
  id: string;
  /** The Kubernetes Service's name, where it differs from the Deployment's. */
  service?: string;
  /** The HPA's name, where it differs from the Deployment's. */
  hpa?: string;
}

/**
 * A service's own objects inside its module's Application: its Deployment
 * and the ReplicaSets and Pods under it, its Service and HPA, each with its
 * health from the resource tree and its sync status and last sync result
 * from the Application.
 */
export function serviceResources(
  app: ArgoApplication & {
    status?: { resources?: any[]; operationState?: any };
  },
  nodes: ArgoResourceNode[],
  { id: workload, service: serviceName, hpa: hpaName }: ServiceWorkload,
): ServiceResource[] {
  const own = new Set<string>();
  const key = (n: { kind: string; name: string }) => `${n.kind}/${n.name}`;
  const deployment = nodes.find(
    n => n.kind === 'Deployment' && n.name === workload,
  );
  if (deployment) own.add(key(deployment));
  // descendants of the Deployment through parentRefs (ReplicaSets, then Pods)
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of nodes) {
      if (!own.has(key(n)) && n.parentRefs?.some(p => own.has(key(p)))) {
        own.add(key(n));
        grew = true;
      }
    }
  }
  for (const n of nodes) {
    if (
      n.kind === 'HorizontalPodAutoscaler' &&
      (n.name === hpaName || n.name === workload)
    )
      own.add(key(n));
    if (n.kind === 'Service' && (n.name === serviceName || n.name === workload))
      own.add(key(n));
  }
  const managed = app.status?.resources ?? [];
  const results = app.status?.operationState?.syncResult?.resources ?? [];
  const order = [
    'Deployment',
    'Service',
    'HorizontalPodAutoscaler',
    'ReplicaSet',
    'Pod',
  ];
  return nodes
    .filter(n => own.has(key(n)))
    .map(n => {
      const m = managed.find(
        (r: any) => r.kind === n.kind && r.name === n.name,
      );
      const result = results.find(
        (r: any) => r.kind === n.kind && r.name === n.name,
      );
      return {
        kind: n.kind,
        name: n.name,
        namespace: n.namespace,
        health: n.health?.status ?? m?.health?.status,
        healthMessage: n.health?.message ?? m?.health?.message,
        sync: m?.status,
        lastSync: result
          ? { status: result.status, message: result.message }
          : undefined,
      };
    })
    .sort(
      (a, b) =>
        order.indexOf(a.kind) - order.indexOf(b.kind) ||
        a.name.localeCompare(b.name),
    );
}
