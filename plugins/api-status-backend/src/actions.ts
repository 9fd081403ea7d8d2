import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { NotFoundError } from '@backstage/errors';
import type { CatalogReader } from './services/CatalogReader';
import type { HealthService } from './services/HealthService';

const NAME = /^[a-z0-9]([-a-z0-9_.]*[a-z0-9])?$/;

/**
 * Health as MCP tools: the answers of the Health tab and the module's Health
 * tab, from the same probes and caches, read as the caller sees the catalog.
 */
export function registerApiStatusActions(options: {
  actionsRegistry: ActionsRegistryService;
  catalog: CatalogReader;
  health: HealthService;
}) {
  const { actionsRegistry, catalog, health } = options;
  const entityName = (z: any, example: string) =>
    z
      .string()
      .regex(NAME)
      .max(253)
      .describe(`The entity name, e.g. ${example}`);
  const find = async (
    kind: 'component' | 'system',
    name: string,
    credentials: Parameters<CatalogReader['entity']>[1],
  ) => {
    const entity = await catalog.entity(
      { kind, namespace: 'default', name },
      credentials,
    );
    if (!entity)
      throw new NotFoundError(`No ${kind} default/${name} in the catalog`);
    return entity;
  };
  const availability = (z: any) =>
    z.array(
      z.object({
        windowDays: z.number().describe('1, 7 or 30'),
        probes: z.number(),
        ok: z.number(),
        ratio: z
          .number()
          .optional()
          .describe(
            'ok / probes; the target is 0.999. Absent when never probed',
          ),
      }),
    );

  actionsRegistry.register({
    name: 'get-service-health',
    title: 'Health of one BASE service',
    description:
      "The measured API status of one BASE service (agent, orchestrator or model server, e.g. base-data-ingestion-agent-data-collector): where the portal probes it, each health endpoint's last probe, p50/p95 response time, and availability over 1, 7 and 30 days against the 99.9 % target; or why it is not probed.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          service: entityName(z, 'base-data-ingestion-agent-data-collector'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          target: z
            .object({
              cluster: z.string(),
              namespace: z.string(),
              service: z.string(),
              port: z.number(),
            })
            .optional(),
          notProbed: z.string().optional().describe('Why it is not probed'),
          endpoints: z.array(
            z.object({
              path: z.string(),
              ok: z
                .boolean()
                .optional()
                .describe('The last probe answered 2xx'),
              lastCheckedAt: z.string().optional(),
              statusCode: z.number().optional(),
              error: z.string().optional(),
              p50Ms: z.number().optional(),
              p95Ms: z.number().optional(),
              availability: availability(z),
            }),
          ),
          lastRunAt: z.string().optional().describe('When the prober last ran'),
          intervalSeconds: z.number(),
        }),
    },
    action: async ({ input, credentials }) => {
      const value = await health.service(
        await find('component', input.service, credentials),
      );
      return {
        output: {
          entityRef: value.entityRef,
          target: value.target,
          notProbed: value.notProbed,
          endpoints: value.endpoints.map(e => ({
            path: e.path,
            ok: e.current?.ok,
            lastCheckedAt: e.current?.checkedAt,
            statusCode: e.current?.statusCode,
            error: e.current?.error,
            p50Ms: e.p50Ms,
            p95Ms: e.p95Ms,
            availability: e.availability,
          })),
          lastRunAt: value.lastRunAt,
          intervalSeconds: value.intervalSeconds,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-module-health',
    title: 'Health of one BASE module',
    description:
      "Every service of one BASE module (a System, e.g. base-data-ingestion) at a glance: up (every endpoint's last probe OK), down (one failing, with the error) or unknown (never probed), and its 24 h availability.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({ module: entityName(z, 'base-data-ingestion') }),
      output: z =>
        z.object({
          system: z.string(),
          services: z.array(
            z.object({
              entityRef: z.string(),
              title: z.string().optional(),
              state: z.enum(['up', 'down', 'unknown']),
              availability24h: z.number().optional(),
              lastCheckedAt: z.string().optional(),
              error: z.string().optional(),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => {
      const system = await find('system', input.module, credentials);
      const services = await catalog.servicesOf(system, credentials);
      return {
        output: await health.module(`system:default/${input.module}`, services),
      };
    },
  });
}
