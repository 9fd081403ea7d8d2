import { Entity } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import {
  CATALOG_FILTER_EXISTS,
  catalogApiRef,
} from '@backstage/plugin-catalog-react';
import type { ModuleHealth } from '@internal/plugin-api-status-common';
import { Read, settle, useBackendReader } from '@internal/plugin-base-platform';
import {
  ANNOTATION_ARGOCD_APP,
  ANNOTATION_CONFORMANCE,
  ANNOTATION_MODULE,
} from '@internal/plugin-base-platform-common';
import type { PlatformThroughput } from '@internal/plugin-ingestion-common';
import type { WaveBoard } from '@internal/plugin-sync-waves-common';
import useAsync from 'react-use/esm/useAsync';

export type { Read };

export interface ModuleRow {
  entity: Entity;
  module: string;
  domain: string;
  conformance?: number;
  deploy: Read<{ wave: number; sync: string; health: string } | undefined>;
  health: Read<{ up: number; total: number }>;
  throughput: Read<
    { gbPerHour: number; target: number; agents: number } | undefined
  >;
}

export interface PlatformModules {
  modules: ModuleRow[];
  board: Read<WaveBoard>;
}

/** The title of a System's domain (`spec.domain`, a name or a ref). */
function domainOf(entity: Entity, titles: Map<string, string>): string {
  const domain = (entity.spec as { domain?: string } | undefined)?.domain;
  if (!domain) return 'no domain';
  const name = domain.replace(/^(domain:)?([^/]+\/)?/, '');
  return titles.get(name) ?? name;
}

/**
 * The 14 modules as Home shows them: from the catalog, with each one's wave
 * and sync (ArgoCD, through sync-waves), services up (api-status), ingestion
 * against target (ingestion) and conformance findings. A backend that fails
 * fails its badge, with the reason.
 */
export function usePlatformModules() {
  const catalogApi = useApi(catalogApiRef);
  const get = useBackendReader();

  return useAsync(async (): Promise<PlatformModules> => {
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'system',
        [`metadata.annotations.${ANNOTATION_MODULE}`]: CATALOG_FILTER_EXISTS,
      },
      fields: ['kind', 'metadata', 'spec.domain'],
    });
    const { items: domains } = await catalogApi.getEntities({
      filter: { kind: 'domain' },
      fields: ['metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    const domainTitle = new Map(
      domains.map(d => [d.metadata.name, d.metadata.title ?? d.metadata.name]),
    );
    const [board, throughput, ...health] = await Promise.all([
      settle(get<WaveBoard>('sync-waves', '/waves')),
      settle(get<PlatformThroughput>('ingestion', '/platform')),
      ...items.map(e =>
        settle(
          get<ModuleHealth>(
            'api-status',
            `/modules/${encodeURIComponent(
              e.metadata.namespace ?? 'default',
            )}/${encodeURIComponent(e.metadata.name)}`,
          ),
        ),
      ),
    ]);
    const apps = new Map(
      'value' in board
        ? board.value.waves.flatMap(w => w.applications.map(a => [a.name, a]))
        : [],
    );
    const modules = items.map((entity, i): ModuleRow => {
      const a = entity.metadata.annotations ?? {};
      const module = a[ANNOTATION_MODULE];
      let conformance: number | undefined;
      try {
        conformance = a[ANNOTATION_CONFORMANCE]
          ? (JSON.parse(a[ANNOTATION_CONFORMANCE]) as unknown[]).length
          : 0;
      } catch {
        conformance = undefined;
      }
      const app = apps.get(a[ANNOTATION_ARGOCD_APP] ?? '');
      const h = health[i];
      const agents =
        'value' in throughput
          ? throughput.value.agents.filter(x => x.module === module)
          : [];
      return {
        entity,
        module,
        domain: domainOf(entity, domainTitle),
        conformance,
        deploy:
          'error' in board
            ? board
            : {
                value: app && {
                  wave: app.wave,
                  sync: app.sync,
                  health: app.health,
                },
              },
        health:
          'error' in h
            ? h
            : {
                value: {
                  up: h.value.services.filter(s => s.state === 'up').length,
                  total: h.value.services.length,
                },
              },
        throughput:
          'error' in throughput
            ? throughput
            : {
                value: agents.length
                  ? {
                      gbPerHour: agents.reduce(
                        (n, x) => n + (x.gbPerHour ?? 0),
                        0,
                      ),
                      target: agents.reduce((n, x) => n + x.targetGbPerHour, 0),
                      agents: agents.length,
                    }
                  : undefined,
              },
      };
    });
    modules.sort(
      (x, y) =>
        x.domain.localeCompare(y.domain) ||
        (x.entity.metadata.title ?? x.module).localeCompare(
          y.entity.metadata.title ?? y.module,
        ),
    );
    return { modules, board };
  }, [catalogApi, get]);
}
