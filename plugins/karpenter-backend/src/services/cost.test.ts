import type { V1Node, V1Pod } from '@kubernetes/client-node';
import { attributeCost, workloadOf } from './cost';
import { priceNode, type PriceTable, type SpotPrices } from './prices';

const table: PriceTable = {
  currency: 'USD',
  region: 'us-east-1',
  source: 'test table',
  date: '2026-11-30',
  instanceTypes: new Map([
    ['m7i.2xlarge', { onDemand: 0.4 }],
    ['c7i.2xlarge', { onDemand: 0.36, spot: 0.12 }],
  ]),
  // equal weight per vCPU and per 4 GiB: an 8 vCPU / 32 GiB node is half CPU, half memory
  cpuRate: 1,
  memoryGiBRate: 0.25,
};

const node = (
  name: string,
  instanceType: string,
  capacityType: 'spot' | 'on-demand',
  zone = 'us-east-1a',
): V1Node => ({
  metadata: {
    name,
    creationTimestamp: new Date('2026-12-01T00:00:00Z') as any,
    labels: {
      'karpenter.sh/nodepool': 'base-data-processing',
      'karpenter.sh/capacity-type': capacityType,
      'node.kubernetes.io/instance-type': instanceType,
      'topology.kubernetes.io/zone': zone,
    },
  },
  status: { allocatable: { cpu: '8', memory: '32Gi' } },
});

const pod = (
  namespace: string,
  deployment: string,
  nodeName: string | undefined,
  requests: { cpu?: string; memory?: string } | undefined,
  i = 0,
): V1Pod => ({
  metadata: {
    name: `${deployment}-abc12-${i}`,
    namespace,
    labels: { 'pod-template-hash': 'abc12' },
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: `${deployment}-abc12`,
        uid: 'u',
        controller: true,
      },
    ],
  },
  spec: {
    nodeName,
    containers: [{ name: 'app', resources: requests ? { requests } : {} }],
  },
  status: { phase: nodeName ? 'Running' : 'Pending' },
});

const NOW = Date.parse('2026-12-02T00:00:00Z');
const run = (nodes: V1Node[], pods: V1Pod[], spot?: SpotPrices) =>
  attributeCost('dev', { nodes, pods }, table, spot, NOW);

const close = (a: number, b: number) => expect(a).toBeCloseTo(b, 9);

describe('attributeCost', () => {
  it('splits a node shared by two modules by their share of CPU and memory', () => {
    const cost = run(
      [node('n1', 'm7i.2xlarge', 'on-demand')],
      [
        // a quarter of the CPU, no memory: half of a half
        pod('base-a', 'agent-a', 'n1', { cpu: '2' }),
        // half of the memory: half of the other half
        pod('base-b', 'agent-b', 'n1', { memory: '16Gi' }),
      ],
    );
    const a = cost.workloads.find(w => w.workload === 'agent-a')!;
    const b = cost.workloads.find(w => w.workload === 'agent-b')!;
    close(a.hourly, 0.4 * 0.5 * 0.25);
    close(b.hourly, 0.4 * 0.5 * 0.5);
    close(cost.idle.hourly, 0.4 - a.hourly - b.hourly);
    expect(cost.namespaces.map(n => n.namespace).sort()).toEqual([
      'base-a',
      'base-b',
    ]);
  });

  it('shows a node without pods as idle, all of its price', () => {
    const cost = run([node('empty', 'm7i.2xlarge', 'on-demand')], []);
    close(cost.total.hourly, 0.4);
    close(cost.idle.hourly, 0.4);
    expect(cost.workloads).toEqual([]);
    expect(cost.nodes[0].idleHourly).toBeCloseTo(0.4);
    // one day old at 0.4 per hour
    expect(cost.nodes[0].sinceCreated).toBeCloseTo(9.6);
  });

  it('prices spot nodes from the live feed per zone, and counts what spot saves', () => {
    const spot: SpotPrices = {
      byTypeAndZone: new Map([['m7i.2xlarge/us-east-1b', 0.16]]),
      readAt: new Date(NOW).toISOString(),
    };
    const cost = run(
      [
        node('s1', 'm7i.2xlarge', 'spot', 'us-east-1b'),
        node('o1', 'm7i.2xlarge', 'on-demand', 'us-east-1b'),
      ],
      [
        pod('base-a', 'agent-a', 's1', { cpu: '8', memory: '32Gi' }),
        pod('base-a', 'agent-a', 'o1', { cpu: '8', memory: '32Gi' }, 1),
      ],
      spot,
    );
    const a = cost.workloads[0];
    expect(a.pods).toBe(2);
    close(a.hourly, 0.16 + 0.4);
    close(a.onDemandHourly, 0.8);
    expect(cost.nodes.find(n => n.name === 's1')!.priceFrom).toBe('spot-feed');
    close(cost.idle.hourly, 0);
  });

  it("uses the table's spot price when the feed has none, else lists the node as unpriced", () => {
    const cost = run(
      [
        node('c1', 'c7i.2xlarge', 'spot'),
        node('m1', 'm7i.2xlarge', 'spot'),
        node('x1', 'x2idn.32xlarge', 'on-demand'),
      ],
      [pod('base-a', 'agent-a', 'm1', { cpu: '1' })],
      {
        byTypeAndZone: new Map(),
        error: 'EC2 DescribeSpotPriceHistory failed: timeout',
      },
    );
    expect(cost.nodes.map(n => [n.name, n.hourly, n.priceFrom])).toEqual([
      ['c1', 0.12, 'table'],
    ]);
    expect(cost.unpriced.map(u => u.name)).toEqual(['m1', 'x1']);
    expect(cost.unpriced[0].reason).toContain('timeout');
    expect(cost.unpriced[0].pods).toEqual({ 'base-a': 1 });
    expect(cost.unpriced[1].reason).toContain('not in the price table');
    close(cost.total.hourly, 0.12);
  });

  it('attributes nothing to a pod without requests, and says so', () => {
    const cost = run(
      [node('n1', 'm7i.2xlarge', 'on-demand')],
      [pod('base-a', 'agent-a', 'n1', undefined)],
    );
    expect(cost.workloads[0]).toMatchObject({
      workload: 'agent-a',
      pods: 1,
      unrequested: 1,
      hourly: 0,
    });
    close(cost.idle.hourly, 0.4);
  });

  it('does not charge pending or finished pods', () => {
    const done = pod('base-a', 'job', 'n1', { cpu: '8', memory: '32Gi' });
    done.status!.phase = 'Succeeded';
    const cost = run(
      [node('n1', 'm7i.2xlarge', 'on-demand')],
      [pod('base-a', 'agent-a', undefined, { cpu: '4' }), done],
    );
    expect(cost.workloads).toEqual([]);
    close(cost.idle.hourly, 0.4);
  });

  it('scales requests beyond the allocatable down to the node', () => {
    const cost = run(
      [node('n1', 'm7i.2xlarge', 'on-demand')],
      [
        pod('base-a', 'a', 'n1', { cpu: '8', memory: '32Gi' }),
        pod('base-b', 'b', 'n1', { cpu: '8', memory: '32Gi' }),
      ],
    );
    close(cost.workloads[0].hourly, 0.2);
    close(cost.workloads[1].hourly, 0.2);
    close(cost.idle.hourly, 0);
  });

  it('adds up: workloads plus idle is every priced node, per pool too', () => {
    const nodes = [
      node('n1', 'm7i.2xlarge', 'on-demand'),
      node('n2', 'c7i.2xlarge', 'spot'),
      node('n3', 'm7i.2xlarge', 'on-demand'),
    ];
    const pods = [
      pod('base-a', 'a', 'n1', { cpu: '500m', memory: '1Gi' }),
      pod('base-a', 'b', 'n2', { cpu: '3', memory: '10Gi' }),
      pod('base-b', 'c', 'n2', { cpu: '250m', memory: '512Mi' }),
    ];
    const cost = run(nodes, pods);
    const attributed = cost.workloads.reduce((s, w) => s + w.hourly, 0);
    close(attributed + cost.idle.hourly, cost.total.hourly);
    close(cost.total.hourly, 0.4 + 0.12 + 0.4);
    const byNamespace = cost.namespaces.reduce((s, n) => s + n.hourly, 0);
    close(byNamespace, attributed);
    const pools = cost.pools.reduce((s, p) => s + p.hourly, 0);
    close(pools, cost.total.hourly);
    close(cost.total.onDemandHourly, 0.4 + 0.36 + 0.4);
  });
});

describe('workloadOf', () => {
  it("names a ReplicaSet's pods by their Deployment, others by their owner or themselves", () => {
    expect(workloadOf(pod('ns', 'base-x-agent-y', 'n', {}))).toBe(
      'base-x-agent-y',
    );
    expect(
      workloadOf({
        metadata: {
          name: 'db-0',
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'StatefulSet',
              name: 'db',
              uid: 'u',
              controller: true,
            },
          ],
        },
      }),
    ).toBe('db');
    expect(workloadOf({ metadata: { name: 'lonely' } })).toBe('lonely');
  });
});

describe('priceNode', () => {
  it('prices on-demand from the table and names what is missing', () => {
    expect(
      priceNode(table, undefined, {
        instanceType: 'm7i.2xlarge',
        capacityType: 'on-demand',
      }),
    ).toEqual({ hourly: 0.4, onDemandHourly: 0.4, from: 'table' });
    expect(priceNode(table, undefined, {})).toEqual({
      reason: 'no instance type label',
    });
  });
});
