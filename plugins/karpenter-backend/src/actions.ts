import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { PendingPod } from '@internal/plugin-karpenter-common';
import type { CapacityService } from './services/CapacityService';

const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** A pending pod as the tools give it: without its resource requests. */
const pendingOf = (p: PendingPod) => ({
  namespace: p.namespace,
  name: p.name,
  schedulerMessage: p.schedulerMessage,
  reasons: p.reasons,
});

/**
 * Capacity as MCP tools: the Capacity page's and the module Capacity tab's
 * answers, from the same cached cluster reads.
 */
export function registerKarpenterActions(options: {
  actionsRegistry: ActionsRegistryService;
  capacity: CapacityService;
}) {
  const { actionsRegistry, capacity } = options;
  const freshness = (z: any) => ({
    readAt: z.string().optional().describe('When the cluster was read'),
    error: z
      .string()
      .optional()
      .describe(
        'Why the last read failed (names the cluster); the figures are then the last good ones',
      ),
  });
  const pending = (z: any) =>
    z.array(
      z.object({
        namespace: z.string(),
        name: z.string(),
        schedulerMessage: z.string().optional(),
        reasons: z
          .array(
            z.object({
              kind: z
                .string()
                .describe(
                  'taint, selector, affinity, instance-type, limits or no-pool',
                ),
              pool: z.string().optional(),
              message: z.string(),
            }),
          )
          .describe('Why no NodePool can take it; empty: a node is on its way'),
      }),
    );

  actionsRegistry.register({
    name: 'get-cluster-capacity',
    title: 'Karpenter capacity of one cluster',
    description:
      'One EKS cluster of the BASE platform (base-app-layer-dev or platform-app-layer-dev): its Karpenter NodePools with limits against what they provisioned, the share of spot nodes against the 80 % target, and every pending pod with why no pool can take it. Call with no cluster to list the clusters.',
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          cluster: z
            .string()
            .regex(NAME)
            .max(63)
            .optional()
            .describe('The cluster name; omit to list the clusters'),
        }),
      output: z =>
        z.object({
          clusters: z
            .array(z.string())
            .describe('The clusters the portal reads'),
          cluster: z
            .object({
              name: z.string(),
              karpenter: z
                .boolean()
                .describe('False: the cluster serves no karpenter.sh/v1 API'),
              pools: z.array(
                z.object({
                  name: z.string(),
                  limits: z.object({
                    cpu: z.number().optional(),
                    memoryBytes: z.number().optional(),
                  }),
                  provisioned: z.object({
                    cpu: z.number(),
                    memoryBytes: z.number(),
                    nodes: z.number(),
                  }),
                }),
              ),
              spot: z.object({
                spot: z.number(),
                onDemand: z.number(),
                share: z.number().optional(),
                target: z.number(),
              }),
              pending: pending(z),
              ...freshness(z),
            })
            .optional(),
        }),
    },
    action: async ({ input }) => {
      const clusters = capacity.clusters();
      if (!input.cluster) return { output: { clusters } };
      const c = await capacity.cluster(input.cluster);
      return {
        output: {
          clusters,
          cluster: {
            name: c.cluster,
            karpenter: c.karpenter,
            pools: c.pools.map(p => ({
              name: p.name,
              limits: p.limits,
              provisioned: p.provisioned,
            })),
            spot: c.spot,
            pending: c.pending.map(pendingOf),
            readAt: c.readAt,
            error: c.error,
          },
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-module-placement',
    title: "Where a module's pods run",
    description:
      "Where the pods of one BASE module's namespace run (e.g. base-data-quality), per cluster: by NodePool, capacity type (spot or on-demand) and instance type, and its pending pods with why no pool can take them. Use it for questions like 'why are pods of data_quality pending'.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          namespace: z
            .string()
            .regex(NAME)
            .max(63)
            .describe("The module's namespace, e.g. base-data-quality"),
        }),
      output: z =>
        z.object({
          namespace: z.string(),
          clusters: z.array(
            z.object({
              cluster: z.string(),
              pods: z.number(),
              running: z.array(
                z.object({
                  pool: z.string().optional(),
                  capacityType: z.string().optional(),
                  instanceType: z.string().optional(),
                  count: z.number(),
                }),
              ),
              pending: pending(z),
              ...freshness(z),
            }),
          ),
        }),
    },
    action: async ({ input }) => {
      const placement = await capacity.namespace(input.namespace);
      return {
        output: {
          namespace: placement.namespace,
          clusters: placement.clusters.map(c => ({
            cluster: c.cluster,
            pods: c.pods,
            running: c.running,
            pending: c.pending.map(pendingOf),
            readAt: c.readAt,
            error: c.error,
          })),
        },
      };
    },
  });

  actionsRegistry.register({
    name: 'get-module-cost',
    title: "What a module's pods cost",
    description:
      "What the pods of one BASE module's namespace (e.g. base-data-quality) cost per hour, per cluster and per workload, from the nodes they run on: each node's price (the portal's price table, spot prices from EC2) split over its pods by their share of its CPU and memory requests; with what the same capacity would cost all on-demand. Multiply by 720 for 30 days.",
    attributes: { readOnly: true, idempotent: true },
    schema: {
      input: z =>
        z.object({
          namespace: z
            .string()
            .regex(NAME)
            .max(63)
            .describe("The module's namespace, e.g. base-data-quality"),
        }),
      output: z =>
        z.object({
          namespace: z.string(),
          currency: z.string().optional(),
          clusters: z.array(
            z.object({
              cluster: z.string(),
              hourly: z.number().optional(),
              onDemandHourly: z
                .number()
                .optional()
                .describe('The same capacity at on-demand prices'),
              unpricedPods: z
                .number()
                .describe('Pods on nodes without a price: in no figure'),
              workloads: z.array(
                z.object({
                  workload: z.string(),
                  pods: z.number(),
                  hourly: z.number(),
                  onDemandHourly: z.number(),
                }),
              ),
              ...freshness(z),
            }),
          ),
        }),
    },
    action: async ({ input }) => {
      const cost = await capacity.namespaceCost(input.namespace);
      return {
        output: {
          namespace: cost.namespace,
          currency: cost.clusters.find(c => c.prices)?.prices?.currency,
          clusters: cost.clusters.map(c => ({
            cluster: c.cluster,
            hourly: c.hourly,
            onDemandHourly: c.onDemandHourly,
            unpricedPods: c.unpricedPods,
            workloads: c.workloads.map(w => ({
              workload: w.workload,
              pods: w.pods,
              hourly: w.hourly,
              onDemandHourly: w.onDemandHourly,
            })),
            readAt: c.readAt,
            error: c.error,
          })),
        },
      };
    },
  });
}
