import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { syncWavesSyncToolPermission } from '@internal/plugin-sync-waves-common';
import type { ApplicationSync } from './services/ApplicationSync';
import type { DeploymentService } from './services/DeploymentService';

const APPLICATION_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * The deploy state as MCP tools (through the actions registry and
 * `@backstage/plugin-mcp-actions-backend`): the same board and Application
 * answers the Sync waves page and the Deploy tab show, from the same cache,
 * and the same Sync as the UI's button (permission, audit), with a dry run.
 */
export function registerSyncWavesActions(options: {
  actionsRegistry: ActionsRegistryService;
  deployments: () => DeploymentService;
  applicationSync: ApplicationSync;
}) {
  const { actionsRegistry, deployments, applicationSync } = options;
  const freshness = (z: any) => ({
    fetchedAt: z.string().describe('When the portal read this from ArgoCD'),
    stale: z
      .boolean()
      .describe(
        'True when ArgoCD did not answer and this is the last good read',
      ),
    error: z
      .string()
      .optional()
      .describe('Why ArgoCD could not be read (names it), when stale'),
  });
  const application = (z: any) =>
    z.object({
      name: z.string(),
      wave: z.number().describe('ArgoCD sync wave, 0-7'),
      sync: z.string().describe('Synced, OutOfSync or Unknown'),
      health: z
        .string()
        .describe(
          'Healthy, Progressing, Degraded, Suspended, Missing or Unknown',
        ),
      healthMessage: z.string().optional(),
      revision: z.string().optional().describe('Git revision last synced'),
      operation: z
        .object({
          phase: z.string(),
          message: z.string().optional(),
          finishedAt: z.string().optional(),
        })
        .optional()
        .describe('The last sync operation'),
      destinationNamespace: z.string().optional(),
    });
  const applicationName = (z: any) =>
    z
      .string()
      .regex(APPLICATION_NAME)
      .max(253)
      .describe('The Application name, e.g. data-ingestion');
  const blockedBy = (z: any) =>
    z
      .object({ wave: z.number(), applications: z.array(z.string()) })
      .optional()
      .describe(
        'The earlier wave that is not Synced and Healthy, and its Applications that hold this one back',
      );

  actionsRegistry.register({
    name: 'get-sync-waves',
    title: 'Sync waves of the BASE platform',
    description:
      "The BASE platform's ArgoCD Applications by sync wave (0-7): per wave its Applications with sync and health state, the wave's overall state, and which earlier wave blocks it. Use it for questions like 'which modules are blocked in wave 5 and why' or 'is everything synced'.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({}),
      output: z =>
        z.object({
          waves: z.array(
            z.object({
              wave: z.number(),
              sync: z.string(),
              health: z.string(),
              applications: z.array(application(z)),
              blockedBy: blockedBy(z),
            }),
          ),
          ...freshness(z),
        }),
    },
    action: async () => {
      const board = await deployments().board();
      return {
        output: {
          waves: board.waves.map(w => ({
            wave: w.wave,
            sync: w.sync,
            health: w.health,
            applications: w.applications,
            blockedBy: w.blockedBy,
          })),
          fetchedAt: board.fetchedAt,
          stale: board.stale,
          error: board.error,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-application',
    title: 'One ArgoCD Application of the BASE platform',
    description:
      "One module's ArgoCD Application (named like the module, e.g. data-ingestion): its wave, sync and health state, the last sync operation, and the earlier wave blocking it if any.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z => z.object({ application: applicationName(z) }),
      output: z =>
        z.object({
          application: application(z),
          blockedBy: blockedBy(z),
          ...freshness(z),
        }),
    },
    action: async ({ input }) => {
      const found = await deployments().application(input.application);
      return {
        output: {
          application: found.application,
          blockedBy: found.blockedBy,
          fetchedAt: found.fetchedAt,
          stale: found.stale,
          error: found.error,
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'sync-application',
    title: 'Sync an ArgoCD Application',
    description:
      "Starts an ArgoCD sync of one module's Application, as the Sync button of the portal does: allowed for platform-team and the owners of the module that deploys it, audited. With dryRun true it checks the same and says what it would sync, without syncing. Call get-application first to see its state.",
    visibilityPermission: syncWavesSyncToolPermission,
    attributes: { destructive: false, idempotent: false, readOnly: false },
    schema: {
      input: z =>
        z.object({
          application: applicationName(z),
          dryRun: z
            .boolean()
            .default(false)
            .describe('Check and describe only; sync nothing'),
        }),
      output: z =>
        z.object({
          application: z.string(),
          module: z.string().describe('The module (System) that deploys it'),
          dryRun: z.boolean(),
          status: z.enum(['sync started', 'would sync']),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await applicationSync.sync(input.application, credentials, {
        dryRun: input.dryRun,
        via: 'mcp',
      }),
    }),
  });
}
