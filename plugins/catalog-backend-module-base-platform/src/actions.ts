import type {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_CONFORMANCE,
  ANNOTATION_DEPLOYED,
  ANNOTATION_DESCRIPTOR,
  ANNOTATION_HEALTH_PATHS,
  ANNOTATION_HPA,
  ANNOTATION_HTTP_PORT,
  ANNOTATION_MODULE,
  ANNOTATION_NOT_PROBED,
  ANNOTATION_PORTS,
  ANNOTATION_REPLICAS,
  ANNOTATION_SPEC_FILE,
  ANNOTATION_THROUGHPUT_TARGET,
  ANNOTATION_TYPE,
  ANNOTATION_WAVE,
  argoApplicationOf,
  type ConformanceFinding,
  ENTITY_NAME,
  isBaseModule,
  kubernetesIdOf,
  kubernetesServiceOf,
  moduleEntityName,
  moduleOf,
  moduleSlugFromFolder,
  namespaceOf,
} from '@internal/plugin-base-platform-common';

/** What the sync-waves and api-status backends answer, as far as these tools read it. */
interface WaveBoardAnswer {
  waves: Array<{
    wave: number;
    applications: Array<{ name: string; sync: string; health: string }>;
    blockedBy?: { wave: number; applications: string[] };
  }>;
  fetchedAt: string;
  stale: boolean;
  error?: string;
}
interface ModuleHealthAnswer {
  services: Array<{ state: 'up' | 'down' | 'unknown' }>;
}
interface ApplicationAnswer {
  application: { name: string; wave: number; sync: string; health: string };
  blockedBy?: { wave: number; applications: string[] };
  fetchedAt: string;
  stale: boolean;
  error?: string;
}

type Read<T> = { value: T } | { error: string };

const annotation = (e: Entity, key: string) =>
  e.metadata.annotations?.[key] || undefined;

function findingsOf(system: Entity): ConformanceFinding[] {
  try {
    const parsed = JSON.parse(
      annotation(system, ANNOTATION_CONFORMANCE) ?? '[]',
    );
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    return [];
  }
}

const waveOf = (e: Entity) => {
  const wave = Number(annotation(e, ANNOTATION_WAVE));
  return Number.isInteger(wave) ? wave : undefined;
};

/** `a=1,b=2` as an object of numbers. */
function portsOf(e: Entity): Record<string, number> {
  return Object.fromEntries(
    (annotation(e, ANNOTATION_PORTS) ?? '')
      .split(',')
      .filter(Boolean)
      .map(p => p.split('='))
      .map(([k, v]) => [k, Number(v)]),
  );
}

/** `2-20` as min and max. */
function rangeOf(value?: string) {
  const m = /^(\d+)-(\d+)$/.exec(value ?? '');
  return m ? { min: Number(m[1]), max: Number(m[2]) } : undefined;
}

/**
 * The platform as the catalog holds it, as MCP tools: the modules with
 * their wave, findings, sync and health; one module's services by kind and
 * findings with their files; one service's ports, health paths, replicas and
 * deployment. Entities are read with the caller's credentials, so a tool
 * answers only what the caller may see; sync and health come from the
 * sync-waves and api-status backends' own routes (their caches), on the
 * caller's behalf, and a backend that fails fails only its part, named.
 */
export function registerBasePlatformActions(options: {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogService;
  discovery: DiscoveryService;
  auth: AuthService;
}) {
  const { actionsRegistry, catalog, discovery, auth } = options;

  async function readPlugin<T>(
    pluginId: string,
    path: string,
    credentials: BackstageCredentials,
  ): Promise<Read<T>> {
    try {
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: pluginId,
      });
      const res = await fetch(
        `${await discovery.getBaseUrl(pluginId)}${path}`,
        {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(10_000),
        },
      );
      const body = await res.json().catch(() => undefined);
      if (!res.ok) {
        return {
          error: `the ${pluginId} backend answered ${res.status}${
            body?.error?.message ? `: ${body.error.message}` : ''
          }`,
        };
      }
      return { value: body as T };
    } catch (e) {
      return { error: `the ${pluginId} backend: ${(e as Error).message}` };
    }
  }

  async function moduleSystem(
    name: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    // a System name, or a slug or folder name of the module
    const ref = name.startsWith('base-')
      ? name
      : moduleEntityName(moduleSlugFromFolder(name));
    const entity = await catalog.getEntityByRef(
      { kind: 'system', namespace: 'default', name: ref },
      { credentials },
    );
    if (!entity || !isBaseModule(entity))
      throw new NotFoundError(`No BASE module "${name}" in the catalog`);
    return entity;
  }

  const name = (z: any, description: string) =>
    z.string().max(63).regex(ENTITY_NAME).describe(description);

  actionsRegistry.register({
    name: 'list-base-modules',
    title: 'BASE modules',
    description:
      "Every BASE module (a System of the catalog, e.g. base-data-ingestion) with its domain, owner, ArgoCD sync wave and Application, number of services, conformance findings (errors and warnings against the architecture), the Application's sync and health and what blocks its wave, and how many of its services answer their health endpoints. Use it for overviews such as 'which modules have findings', 'which modules are unhealthy', 'what is in wave 5'.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({}),
      output: z =>
        z.object({
          modules: z.array(
            z.object({
              entityRef: z.string(),
              module: z.string().describe('The slug, e.g. data-ingestion'),
              title: z.string().optional(),
              domain: z.string().optional(),
              owner: z.string().optional(),
              wave: z.number().optional(),
              application: z.string().optional(),
              services: z.number(),
              findings: z.object({ errors: z.number(), warnings: z.number() }),
              sync: z
                .object({
                  sync: z.string(),
                  health: z.string(),
                  blockedBy: z
                    .object({
                      wave: z.number(),
                      applications: z.array(z.string()),
                    })
                    .optional(),
                })
                .optional()
                .describe('From ArgoCD, as the Sync waves page shows it'),
              health: z
                .object({
                  up: z.number(),
                  down: z.number(),
                  unknown: z.number(),
                })
                .optional()
                .describe(
                  'Services by their last probe, as the Health tab shows',
                ),
              errors: z
                .array(z.string())
                .optional()
                .describe(
                  'Which backend could not be read for this module, and why',
                ),
            }),
          ),
          sync: z
            .object({
              fetchedAt: z.string().optional(),
              stale: z.boolean().optional(),
              error: z.string().optional(),
            })
            .describe(
              'How fresh the sync state is; error names ArgoCD or the backend when it is down',
            ),
        }),
    },
    action: async ({ credentials }) => {
      const [systems, services, board] = await Promise.all([
        catalog.getEntities({ filter: { kind: 'system' } }, { credentials }),
        catalog.getEntities(
          {
            filter: { kind: 'component', 'spec.type': 'service' },
            fields: [
              'spec.system',
              `metadata.annotations.${ANNOTATION_MODULE}`,
            ],
          },
          { credentials },
        ),
        readPlugin<WaveBoardAnswer>('sync-waves', '/waves', credentials),
      ]);
      const count = new Map<string, number>();
      for (const s of services.items) {
        const system = String(s.spec?.system ?? '');
        count.set(system, (count.get(system) ?? 0) + 1);
      }
      const apps = new Map<
        string,
        {
          sync: string;
          health: string;
          blockedBy?: { wave: number; applications: string[] };
        }
      >();
      if ('value' in board) {
        for (const w of board.value.waves)
          for (const a of w.applications)
            apps.set(a.name, {
              sync: a.sync,
              health: a.health,
              ...(w.blockedBy && { blockedBy: w.blockedBy }),
            });
      }
      const modules = await Promise.all(
        systems.items.filter(isBaseModule).map(async system => {
          const ns = system.metadata.namespace ?? 'default';
          const findings = findingsOf(system);
          const application = argoApplicationOf(system);
          const health = await readPlugin<ModuleHealthAnswer>(
            'api-status',
            `/modules/${encodeURIComponent(ns)}/${encodeURIComponent(
              system.metadata.name,
            )}`,
            credentials,
          );
          const errors = [
            ...('error' in health ? [health.error] : []),
            ...('error' in board ? [board.error] : []),
          ];
          const states =
            'value' in health ? health.value.services.map(s => s.state) : [];
          return {
            entityRef: stringifyEntityRef(system),
            module: moduleOf(system)!,
            title: system.metadata.title,
            domain: system.spec?.domain as string | undefined,
            owner: system.spec?.owner as string | undefined,
            wave: waveOf(system),
            application,
            services: count.get(system.metadata.name) ?? 0,
            findings: {
              errors: findings.filter(f => f.severity === 'error').length,
              warnings: findings.filter(f => f.severity !== 'error').length,
            },
            sync: application ? apps.get(application) : undefined,
            health:
              'value' in health
                ? {
                    up: states.filter(s => s === 'up').length,
                    down: states.filter(s => s === 'down').length,
                    unknown: states.filter(s => s === 'unknown').length,
                  }
                : undefined,
            ...(errors.length && { errors }),
          };
        }),
      );
      modules.sort(
        (a, b) =>
          (a.wave ?? 99) - (b.wave ?? 99) || a.module.localeCompare(b.module),
      );
      return {
        output: {
          modules,
          sync:
            'value' in board
              ? {
                  fetchedAt: board.value.fetchedAt,
                  stale: board.value.stale,
                  error: board.value.error,
                }
              : { error: board.error },
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-base-module',
    title: 'One BASE module',
    description:
      "One BASE module in full: its services grouped by type (agents, orchestrators, model server), its other components (models, workflows, configs, prompts) and every conformance finding with the file (and line) of the platform repository it concerns. Use it for 'what is wrong with data_quality', 'which agents does data-ingestion have'.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          module: name(
            z,
            'The module: its System name (base-data-ingestion) or its slug (data-ingestion or data_ingestion)',
          ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          module: z.string(),
          title: z.string().optional(),
          description: z.string().optional(),
          domain: z.string().optional(),
          owner: z.string().optional(),
          wave: z.number().optional(),
          application: z.string().optional(),
          namespace: z.string().optional(),
          components: z
            .record(
              z.string(),
              z.array(
                z.object({
                  entityRef: z.string(),
                  title: z.string().optional(),
                  descriptor: z.string().optional(),
                  specFile: z.string().optional(),
                  deployed: z.boolean().optional(),
                }),
              ),
            )
            .describe(
              'By type: agent, orchestrator, model-server, model, workflow, config, prompt',
            ),
          findings: z.array(
            z.object({
              rule: z.string(),
              severity: z.string().optional(),
              file: z.string().optional(),
              line: z.number().optional(),
              message: z.string(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const system = await moduleSystem(input.module, credentials);
      const slug = moduleOf(system)!;
      const { items } = await catalog.getEntities(
        { filter: { [`metadata.annotations.${ANNOTATION_MODULE}`]: slug } },
        { credentials },
      );
      const components: Record<string, any[]> = {};
      for (const e of items) {
        const type = annotation(e, ANNOTATION_TYPE);
        if (!type || e.kind.toLowerCase() === 'system') continue;
        (components[type] ??= []).push({
          entityRef: stringifyEntityRef(e),
          title: e.metadata.title,
          descriptor: annotation(e, ANNOTATION_DESCRIPTOR),
          specFile: annotation(e, ANNOTATION_SPEC_FILE),
          ...(annotation(e, ANNOTATION_DEPLOYED) && {
            deployed: annotation(e, ANNOTATION_DEPLOYED) === 'true',
          }),
        });
      }
      for (const list of Object.values(components))
        list.sort((a, b) => a.entityRef.localeCompare(b.entityRef));
      return {
        output: {
          entityRef: stringifyEntityRef(system),
          module: slug,
          title: system.metadata.title,
          description: system.metadata.description,
          domain: system.spec?.domain as string | undefined,
          owner: system.spec?.owner as string | undefined,
          wave: waveOf(system),
          application: argoApplicationOf(system),
          namespace: namespaceOf(system),
          components,
          findings: findingsOf(system),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-base-service',
    title: 'One BASE service',
    description:
      "One service of a BASE module (an agent, orchestrator or model server, e.g. base-data-ingestion-agent-data-collector): its container ports, HTTP and health paths, replicas (HPA bounds), Kubernetes Deployment and Service, ingestion target, why it is not probed when it is not, and its module's ArgoCD Application with wave, sync, health and the earlier wave that blocks it.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          service: name(
            z,
            'The service Component name, e.g. base-data-ingestion-agent-data-collector',
          ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          title: z.string().optional(),
          module: z.string().optional(),
          system: z.string().optional(),
          type: z.string().optional(),
          deployed: z.boolean(),
          notProbed: z.string().optional(),
          namespace: z.string().optional(),
          deployment: z.string().optional(),
          kubernetesService: z.string().optional(),
          httpPort: z.number().optional(),
          ports: z.record(z.string(), z.number()),
          healthPaths: z.array(z.string()),
          replicas: z.object({ min: z.number(), max: z.number() }).optional(),
          hpa: z.boolean(),
          throughputTargetGbPerHour: z.number().optional(),
          specFile: z.string().optional(),
          application: z
            .object({
              name: z.string(),
              wave: z.number().optional(),
              sync: z.string().optional(),
              health: z.string().optional(),
              blockedBy: z
                .object({ wave: z.number(), applications: z.array(z.string()) })
                .optional(),
              error: z
                .string()
                .optional()
                .describe(
                  'Why the Application could not be read (names ArgoCD or the backend)',
                ),
            })
            .optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const entity = await catalog.getEntityByRef(
        { kind: 'component', namespace: 'default', name: input.service },
        { credentials },
      );
      if (!entity || !moduleOf(entity))
        throw new NotFoundError(
          `No BASE service "${input.service}" in the catalog`,
        );
      const app = argoApplicationOf(entity);
      const deployment = app
        ? await readPlugin<ApplicationAnswer>(
            'sync-waves',
            `/applications/${encodeURIComponent(app)}`,
            credentials,
          )
        : undefined;
      const target = annotation(entity, ANNOTATION_THROUGHPUT_TARGET);
      const httpPort = annotation(entity, ANNOTATION_HTTP_PORT);
      return {
        output: {
          entityRef: stringifyEntityRef(entity),
          title: entity.metadata.title,
          module: moduleOf(entity),
          system: entity.spec?.system as string | undefined,
          type: annotation(entity, ANNOTATION_TYPE),
          deployed: annotation(entity, ANNOTATION_DEPLOYED) === 'true',
          notProbed: annotation(entity, ANNOTATION_NOT_PROBED),
          namespace: namespaceOf(entity),
          deployment: kubernetesIdOf(entity),
          kubernetesService: kubernetesServiceOf(entity),
          httpPort: httpPort ? Number(httpPort) : undefined,
          ports: portsOf(entity),
          healthPaths: (annotation(entity, ANNOTATION_HEALTH_PATHS) ?? '')
            .split(',')
            .filter(Boolean),
          replicas: rangeOf(annotation(entity, ANNOTATION_REPLICAS)),
          hpa: !!annotation(entity, ANNOTATION_HPA),
          throughputTargetGbPerHour: target ? Number(target) : undefined,
          specFile: annotation(entity, ANNOTATION_SPEC_FILE),
          application: app
            ? {
                name: app,
                wave: waveOf(entity),
                ...(deployment && 'value' in deployment
                  ? {
                      sync: deployment.value.application.sync,
                      health: deployment.value.application.health,
                      blockedBy: deployment.value.blockedBy,
                      error: deployment.value.stale
                        ? deployment.value.error
                        : undefined,
                    }
                  : { error: deployment?.error }),
              }
            : undefined,
        },
      };
    },
  });
}
