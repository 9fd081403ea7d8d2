import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { ModuleHealth } from '@internal/plugin-api-status-common';
import {
  argoApplicationOf,
  kubernetesIdOf,
  kubernetesServiceOf,
} from '@internal/plugin-base-platform-common';
import type { ModuleThroughput } from '@internal/plugin-ingestion-common';
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
}

/**
 * The state of a module's services from the three backends that measure it:
 * api-status (health), ingestion (throughput), sync-waves (each service's own
 * objects in the module's Application). A backend that fails fails only its
 * column, with the reason.
 */
export function useServiceStates(system: Entity, services: Entity[]) {
  const get = useBackendReader();

  return useAsync(async (): Promise<ServiceStates> => {
    const ns = encodeURIComponent(system.metadata.namespace ?? 'default');
    const name = encodeURIComponent(system.metadata.name);
    const app = argoApplicationOf(system);
    const [health, throughput, ...deploys] = await Promise.all([
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
      deploy: new Map(
        services.map((s, i) => [stringifyEntityRef(s), deploys[i]]),
      ),
    };
  }, [get, system, services]);
}
