import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { ThroughputService } from './services/ThroughputService';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Throughput as an MCP tool: the Throughput card's answer for one ingestion
 * agent, from the same Prometheus queries and cache.
 */
export function registerIngestionActions(options: {
  actionsRegistry: ActionsRegistryService;
  throughput: () => ThroughputService;
}) {
  const { actionsRegistry, throughput } = options;
  const share = (z: any, window: string) =>
    z
      .object({
        share: z.number().describe('0..1: samples at or above the target'),
        coveredSeconds: z.number().describe('How much of the window had data'),
        windowSeconds: z.number(),
      })
      .optional()
      .describe(`Time on target over ${window}`);

  actionsRegistry.register({
    name: 'get-agent-throughput',
    title: 'Ingestion throughput of one agent',
    description:
      "One BASE ingestion agent's throughput (e.g. base-data-ingestion-agent-data-collector) from Prometheus: GB/h and records/s now against its target GB/h, its top sources, and the share of the last 24 h and 7 days it was on target. state no-data means Prometheus has no series for it, which is not 0 GB/h. Use it for questions like 'is the collector meeting 100 GB/h'.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          agent: z
            .string()
            .regex(NAME)
            .max(253)
            .describe(
              'The agent entity name, e.g. base-data-ingestion-agent-data-collector',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          module: z.string(),
          agent: z.string(),
          targetGbPerHour: z.number(),
          state: z.enum(['ok', 'no-data']),
          current: z
            .object({ gbPerHour: z.number(), recordsPerSecond: z.number() })
            .optional()
            .describe('Now: the latest 5-minute rate'),
          sources: z
            .array(
              z.object({
                source: z.string(),
                gbPerHour: z.number(),
                recordsPerSecond: z.number(),
              }),
            )
            .describe('Top sources first, at most 5'),
          onTarget24h: share(z, '24 h'),
          onTarget7d: share(z, '7 days'),
          readAt: z.string().describe('When Prometheus answered'),
          error: z
            .string()
            .optional()
            .describe(
              'Why the last query failed (names Prometheus); the figures are then the last good ones',
            ),
        }),
    },
    action: async ({ input }) => {
      const a = await throughput().agent(`component:default/${input.agent}`);
      return {
        output: {
          entityRef: a.entityRef,
          module: a.module,
          agent: a.agent,
          targetGbPerHour: a.targetGbPerHour,
          state: a.state,
          current: a.current,
          sources: a.sources.slice(0, 5),
          onTarget24h: a.onTarget24h,
          onTarget7d: a.onTarget7d,
          readAt: a.readAt,
          error: a.error,
        },
      };
    },
  });
}
