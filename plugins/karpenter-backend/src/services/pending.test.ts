import { tolerates } from '@internal/plugin-base-platform-common';
import { pendingReasons, PodShape, PoolShape } from './pending';

const GiB = 2 ** 30;
/** The platform's pool, as platform.json describes it. */
const pool: PoolShape = {
  name: 'base-data-processing',
  labels: { 'workload-type': 'data-processing', 'node-type': 'base-data' },
  requirements: [
    {
      key: 'karpenter.sh/capacity-type',
      operator: 'In',
      values: ['spot', 'on-demand'],
    },
    { key: 'kubernetes.io/arch', operator: 'In', values: ['amd64'] },
    {
      key: 'node.kubernetes.io/instance-type',
      operator: 'In',
      values: ['m7i.2xlarge', 'c7i.2xlarge', 'r7i.4xlarge'],
    },
  ],
  taints: [
    { key: 'workload-type', value: 'data-processing', effect: 'NoSchedule' },
  ],
  limits: { cpu: 10000, memory: 10000 * GiB },
  provisioned: { cpu: 144, memory: 896 * GiB },
};
const tolerating = [
  {
    key: 'workload-type',
    operator: 'Equal',
    value: 'data-processing',
    effect: 'NoSchedule',
  },
];
const pod = (extra: Partial<PodShape>): PodShape => ({
  requests: { cpu: 0.25, memory: 0.5 * GiB },
  tolerations: tolerating,
  ...extra,
});

describe('tolerates', () => {
  const taint = {
    key: 'workload-type',
    value: 'data-processing',
    effect: 'NoSchedule',
  };
  it.each([
    [
      'Equal with key, value and effect',
      [
        {
          key: 'workload-type',
          operator: 'Equal',
          value: 'data-processing',
          effect: 'NoSchedule',
        },
      ],
      true,
    ],
    [
      'Equal is the default operator',
      [{ key: 'workload-type', value: 'data-processing' }],
      true,
    ],
    [
      'Equal with another value',
      [{ key: 'workload-type', value: 'other' }],
      false,
    ],
    ['Exists on the key', [{ key: 'workload-type', operator: 'Exists' }], true],
    [
      'Exists without a key tolerates everything',
      [{ operator: 'Exists' }],
      true,
    ],
    ['Exists on another key', [{ key: 'other', operator: 'Exists' }], false],
    [
      'another effect',
      [{ key: 'workload-type', operator: 'Exists', effect: 'NoExecute' }],
      false,
    ],
    ['no tolerations', [], false],
  ])('%s', (_, tolerations, expected) => {
    expect(tolerates(tolerations, taint)).toBe(expected);
  });

  it('never blocks on PreferNoSchedule', () => {
    expect(tolerates([], { key: 'x', effect: 'PreferNoSchedule' })).toBe(true);
  });
});

describe('pendingReasons', () => {
  it.each<[string, PodShape, string[], RegExp | null]>([
    [
      'a pod the pool can take',
      pod({
        nodeSelector: { 'karpenter.sh/nodepool': 'base-data-processing' },
      }),
      [],
      null,
    ],
    [
      'the model server: selects the pool, tolerates no taint',
      pod({
        nodeSelector: { 'karpenter.sh/nodepool': 'base-data-processing' },
        tolerations: [],
      }),
      ['taint'],
      /taints its nodes workload-type=data-processing:NoSchedule, which the pod does not tolerate/,
    ],
    [
      'the agents: NodeGroup=base-data-services, a label no pool sets',
      pod({
        nodeSelector: { NodeGroup: 'base-data-services' },
        tolerations: [],
      }),
      ['taint', 'selector'],
      /node selector NodeGroup=base-data-services: pool base-data-processing does not set this label/,
    ],
    [
      'a pool label with another value',
      pod({ nodeSelector: { 'node-type': 'gpu' } }),
      ['selector'],
      /allows base-data/,
    ],
    [
      'a well-known label the pool leaves open',
      pod({ nodeSelector: { 'topology.kubernetes.io/zone': 'us-east-1a' } }),
      [],
      null,
    ],
    [
      'an instance type the pool does not allow',
      pod({
        nodeSelector: { 'node.kubernetes.io/instance-type': 'p5.48xlarge' },
      }),
      ['instance-type'],
      /instance type node.kubernetes.io\/instance-type=p5.48xlarge is not allowed/,
    ],
    [
      'affinity: one satisfiable term is enough',
      pod({
        affinityTerms: [
          [{ key: 'NodeGroup', operator: 'In', values: ['x'] }],
          [
            {
              key: 'karpenter.sh/capacity-type',
              operator: 'In',
              values: ['spot'],
            },
          ],
        ],
      }),
      [],
      null,
    ],
    [
      'affinity: no term satisfiable',
      pod({
        affinityTerms: [
          [{ key: 'kubernetes.io/arch', operator: 'In', values: ['arm64'] }],
        ],
      }),
      ['affinity'],
      /required node affinity kubernetes.io\/arch In arm64/,
    ],
    [
      'affinity: NotIn leaving values',
      pod({
        affinityTerms: [
          [
            {
              key: 'karpenter.sh/capacity-type',
              operator: 'NotIn',
              values: ['spot'],
            },
          ],
        ],
      }),
      [],
      null,
    ],
    [
      'affinity: DoesNotExist on a pool label',
      pod({
        affinityTerms: [[{ key: 'node-type', operator: 'DoesNotExist' }]],
      }),
      ['affinity'],
      null,
    ],
    [
      'affinity on instance types only',
      pod({
        affinityTerms: [
          [
            {
              key: 'node.kubernetes.io/instance-type',
              operator: 'In',
              values: ['g5.xlarge'],
            },
          ],
        ],
      }),
      ['instance-type'],
      null,
    ],
    [
      'a big pod well within the limits',
      pod({ requests: { cpu: 8, memory: GiB } }),
      [],
      null,
    ],
  ])('%s', (_, shape, kinds, message) => {
    const reasons = pendingReasons(shape, [pool]);
    expect(reasons.map(r => r.kind).sort()).toEqual([...kinds].sort());
    expect(reasons.map(r => r.message).join('\n')).toMatch(message ?? /.*/);
  });

  it('limits: CPU and memory over what the pool may still launch', () => {
    const full = { ...pool, limits: { cpu: 144, memory: 900 * GiB } };
    const reasons = pendingReasons(
      pod({ requests: { cpu: 1, memory: 8 * GiB } }),
      [full],
    );
    expect(reasons.map(r => r.kind)).toEqual(['limits', 'limits']);
    expect(reasons[0].message).toBe(
      'pool base-data-processing is at its cpu limit: 144 cores provisioned of 144 cores, the pod needs 1 cores more',
    );
    expect(reasons[1].message).toMatch(
      /memory limit: 896 GiB provisioned of 900 GiB, the pod needs 8 GiB more/,
    );
  });

  it('a pod any pool can take has no reason; no pool at all is one', () => {
    const other: PoolShape = {
      ...pool,
      name: 'general',
      labels: {},
      taints: [],
    };
    expect(pendingReasons(pod({ tolerations: [] }), [pool, other])).toEqual([]);
    expect(pendingReasons(pod({}), []).map(r => r.kind)).toEqual(['no-pool']);
  });
});
