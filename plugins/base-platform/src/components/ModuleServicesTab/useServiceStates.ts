import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { ModuleHealth } from '@internal/plugin-api-status-common';
import {
  argoApplicationOf,
  kubernetesIdOf,
  kubernetesServiceOf,
  namespaceOf,
} from '@internal/plugin-base-platform-common';
import type { ModuleThroughput } from '@internal/plugin-ingestion-common';
import type { NamespaceCost } from '@internal/plugin-karpenter-common';
import type { ApplicationDeployment } from '@internal/plugin-sync-waves-common';
import useAsync from 'react-use/esm/useAsync';
import { settle, useBackendReader } from '../../api/readBackends';

/** One column's data, or why there is none. */
export type Column<T> = { value?: T; error?: string };

/** What the Services table joins per service, each from its own backend. */
export interface ServiceStates {
  health: Column<Map<string, ModuleHealth['services'][number]>>;
  throughput: Column<Map<string, ModuleThroughput['agents'][number]>>;
  deploy: Map<string, Column<ApplicationDeployment>>;
  /** Per workload (the service's kubernetes-id), summed over the clusters. */
  cost: Column<Map<string, WorkloadCost>>;
}

/** What a service's pods cost per hour, in every cluster. */
export interface WorkloadCost {
  hourly: number;
  currency: string;
  pods: number;
  /** Clusters whose cost could not be read (their part is missing). */
  failed: string[];
}

/** Sums a namespace's workloads over its clusters. */
function costByWorkload(view: NamespaceCost): Map<string, WorkloadCost> {
  const out = new Map<string, WorkloadCost>();
  const failed = view.clusters
    .filter(c => c.error && !c.readAt)
    .map(c => `${c.cluster}: ${c.error}`);
  for (const c of view.clusters) {
    for (const w of c.workloads) {
      const entry = out.get(w.workload) ?? {
        hourly: 0,
        pods: 0,
        currency: c.prices?.currency ?? 'USD',
        failed,
      };
      entry.hourly += w.hourly;
      entry.pods += w.pods;
      out.set(w.workload, entry);
    }
  }
  return out;
}

/**
 * The state of a module's services from the three backends that measure it:
 * api-status (health), ingestion (throughput), sync-waves (each service's own
 * objects in the module's Application), karpenter (cost). A backend that fails fails only its
 * column, with the reason.
 */
export function useServiceStates(system: Entity, services: Entity[]) {
  const get = useBackendReader();

  return useAsync(async (): Promise<ServiceStates> => {
    const ns = encodeURIComponent(system.metadata.namespace ?? 'default');
    const name = encodeURIComponent(system.metadata.name);
    const app = argoApplicationOf(system);
    const namespace = namespaceOf(system);
    const [health, throughput, cost, ...deploys] = await Promise.all([
      settle(
        get<ModuleHealth>('api-status', `/modules/${ns}/${name}`).then(
          h => new Map(h.services.map(s => [s.entityRef, s])),
        ),
      ),
      settle(
        get<ModuleThroughput>('ingestion', `/modules/${ns}/${name}`).then(
          t => new Map(t.agents.map(a => [a.entityRef, a])),
        ),
      ),
      namespace
        ? settle(
            get<NamespaceCost>(
              'karpenter',
              `/namespaces/${encodeURIComponent(namespace)}/cost`,
            ).then(costByWorkload),
          )
        : Promise.resolve({
            error: 'the module names no Kubernetes namespace',
          }),
      ...services.map(s => {
        const query = new URLSearchParams();
        const workload = kubernetesIdOf(s);
        const service = kubernetesServiceOf(s);
        if (workload) query.set('workload', workload);
        if (service) query.set('service', service);
        return app
          ? settle(
              get<ApplicationDeployment>(
                'sync-waves',
                `/applications/${encodeURIComponent(app)}?${query}`,
              ),
            )
          : Promise.resolve({
              error: 'the module names no ArgoCD Application (argocd/app-name)',
            });
      }),
    ]);
    return {
      health,
      throughput,
      cost,
      deploy: new Map(
        services.map((s, i) => [stringifyEntityRef(s), deploys[i]]),
      ),
    };
  }, [get, system, services]);
}
