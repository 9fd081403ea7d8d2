import {
  ANNOTATION_KUBERNETES_ID,
  PLATFORM_LABEL_CATEGORY,
  PLATFORM_LABEL_FUNCTION,
  PLATFORM_LABEL_TYPE,
  type Taint,
  type Toleration,
  tolerates,
} from '@internal/plugin-base-platform-common';
import crypto from 'node:crypto';
import type { Probe } from '@internal/plugin-base-platform-node';
import type { SandboxPlatform, SandboxService } from '../platform/loadPlatform';
import { AFFECTED, DRIFT, ScenarioName } from '../scenarios';
import {
  ConfigMap,
  Deployment,
  EC2NodeClass,
  Event,
  HorizontalPodAutoscaler,
  Namespace,
  Node,
  NodeClaim,
  NodePool,
  Pod,
  ReplicaSet,
  Service,
} from './models';

/** A plain Kubernetes object as the API serves it. */
export type KubeObject = {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    [k: string]: unknown;
  };
  [k: string]: unknown;
};

export const NODE_POOL = 'base-data-processing';
const TAINT = {
  key: 'workload-type',
  value: 'data-processing',
  effect: 'NoSchedule' as const,
};

const DEFAULT_REQUIREMENTS: Record<string, string[]> = {
  'karpenter.sh/capacity-type': ['spot', 'on-demand'],
  'kubernetes.io/arch': ['amd64'],
  'node.kubernetes.io/instance-type': ['m7i', 'c7i', 'r7i'].flatMap(f =>
    ['2xlarge', '4xlarge', '8xlarge', '16xlarge'].map(s => `${f}.${s}`),
  ),
};

/**
 * The Karpenter NodePool the sandbox's nodes come from: the tree's (its
 * name, node labels, requirements and taints), else this one.
 */
export interface SandboxNodePool {
  name: string;
  labels: Record<string, string>;
  requirements: Record<string, string[]>;
  taints: Taint[];
}

/** The pool the sandbox's nodes come from when the tree declares none. */
const DEFAULT_NODE_POOL: SandboxNodePool = {
  name: NODE_POOL,
  labels: {
    'workload-type': 'data-processing',
    'node-type': 'base-data',
    'cluster-name': 'base-app-layer-dev',
  },
  requirements: {},
  taints: [TAINT],
};

const hash = (s: string, n = 10) =>
  crypto
    .createHash('sha1')
    .update(s)
    .digest('hex')
    .replace(/[^a-z0-9]/g, '')
    .slice(0, n);

const uid = (s: string) => {
  const h = crypto.createHash('sha1').update(s).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(
    16,
    20,
  )}-${h.slice(20, 32)}`;
};

/** Instance types of the pool with their allocatable CPU (cores) and memory (GiB). */
const INSTANCE_TYPES: Record<string, { cpu: number; memory: number }> = {
  'm7i.2xlarge': { cpu: 8, memory: 32 },
  'c7i.4xlarge': { cpu: 16, memory: 32 },
  'r7i.2xlarge': { cpu: 8, memory: 64 },
  'm7i.4xlarge': { cpu: 16, memory: 64 },
  'c7i.2xlarge': { cpu: 8, memory: 16 },
  'r7i.4xlarge': { cpu: 16, memory: 128 },
};
const NODE_COUNT = 16;
const ON_DEMAND_SHARE = 3 / 16; // 13 of 16 spot: 81 %, near the 80/20 target
const SPOT_INTERRUPTED = 4;

function validated<T extends { validate(): void; toJSON(): unknown }>(
  object: T,
): KubeObject {
  object.validate();
  return object.toJSON() as KubeObject;
}

export interface NodeInfo {
  name: string;
  instanceType: string;
  capacityType: 'spot' | 'on-demand';
  claim: string;
  interrupted: boolean;
  labels?: Record<string, string>;
  taints?: Array<{ key: string; value?: string; effect: string }>;
}

/**
 * The size of the base cluster. By default the dev cluster's 16 nodes and each
 * service's minimum replicas; benchmarks ask for more (e.g. 500 nodes and
 * 5,000 pods), spread the same way.
 */
export interface ClusterScale {
  nodes?: number;
  /** Pods of the modules' services in all, spread evenly over the services. */
  pods?: number;
}

function nodes(
  scenario: ScenarioName,
  created: string,
  count: number,
  pool: SandboxNodePool,
): { infos: NodeInfo[]; objects: KubeObject[] } {
  const allowed = pool.requirements['node.kubernetes.io/instance-type'];
  const fitting = Object.keys(INSTANCE_TYPES).filter(
    t => !allowed || allowed.includes(t),
  );
  const types = fitting.length > 0 ? fitting : Object.keys(INSTANCE_TYPES);
  const infos: NodeInfo[] = [];
  const objects: KubeObject[] = [];
  const onDemand = Math.round(count * ON_DEMAND_SHARE);
  for (let i = 0; i < count; i++) {
    const instanceType = types[i % types.length];
    const capacityType = i >= count - onDemand ? 'on-demand' : 'spot';
    const claim = `${pool.name}-${hash(`claim${i}`, 5)}`;
    const name = `ip-10-${Math.floor(i / 200)}-${32 + (i % 200)}-${
      10 + ((i * 7) % 240)
    }.ec2.internal`;
    const interrupted =
      scenario === 'spot-interruption' &&
      capacityType === 'spot' &&
      i < SPOT_INTERRUPTED;
    const size = INSTANCE_TYPES[instanceType];
    const labels = {
      'karpenter.sh/nodepool': pool.name,
      'karpenter.sh/capacity-type': capacityType,
      'karpenter.k8s.aws/instance-family': instanceType.split('.')[0],
      'karpenter.k8s.aws/instance-size': instanceType.split('.')[1],
      'node.kubernetes.io/instance-type': instanceType,
      'topology.kubernetes.io/zone': `us-east-1${'abc'[i % 3]}`,
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/os': 'linux',
      ...pool.labels,
      'kubernetes.io/hostname': name,
    };
    infos.push({
      name,
      instanceType,
      capacityType,
      claim,
      interrupted,
      labels,
      taints: pool.taints,
    });
    const capacity = {
      cpu: String(size.cpu),
      memory: `${size.memory}Gi`,
      pods: '110',
    };
    objects.push(
      validated(
        new Node({
          metadata: {
            name,
            uid: uid(name),
            labels,
            creationTimestamp: created,
            ...(interrupted ? { deletionTimestamp: created } : {}),
          },
          spec: {
            providerID: `aws:///us-east-1${'abc'[i % 3]}/i-0${hash(name, 16)}`,
            taints: [
              ...pool.taints.map(t => ({
                ...t,
                effect: t.effect as
                  | 'NoSchedule'
                  | 'PreferNoSchedule'
                  | 'NoExecute',
              })),
              ...(interrupted
                ? [
                    {
                      key: 'karpenter.sh/disrupted',
                      effect: 'NoSchedule' as const,
                    },
                  ]
                : []),
            ],
            unschedulable: interrupted || undefined,
          },
          status: {
            capacity,
            allocatable: capacity,
            conditions: [
              {
                type: 'Ready',
                status: interrupted ? 'Unknown' : 'True',
                reason: interrupted ? 'NodeStatusUnknown' : 'KubeletReady',
                message: interrupted
                  ? 'Spot interruption: instance terminating'
                  : 'kubelet is posting ready status',
                lastTransitionTime: created,
              },
            ],
            nodeInfo: {
              architecture: 'amd64',
              bootID: '',
              containerRuntimeVersion: 'containerd://1.7.27',
              kernelVersion: '6.1.141',
              kubeProxyVersion: 'v1.33.1',
              kubeletVersion: 'v1.33.1-eks',
              machineID: hash(name, 32),
              operatingSystem: 'linux',
              osImage: 'Amazon Linux 2023',
              systemUUID: uid(`${name}/system`),
            },
          },
        }),
      ),
    );
  }
  return { infos, objects };
}

function karpenter(
  infos: NodeInfo[],
  scenario: ScenarioName,
  created: string,
  pool: SandboxNodePool,
): KubeObject[] {
  const used = infos.reduce(
    (sum, n) => ({
      cpu: sum.cpu + INSTANCE_TYPES[n.instanceType].cpu,
      memory: sum.memory + INSTANCE_TYPES[n.instanceType].memory,
    }),
    { cpu: 0, memory: 0 },
  );
  const objects: KubeObject[] = [
    validated(
      new EC2NodeClass({
        metadata: { name: pool.name, creationTimestamp: created },
        spec: {
          role: 'KarpenterNodeRole-base-app-layer-dev',
          amiSelectorTerms: [{ alias: 'al2023@latest' }],
          subnetSelectorTerms: [
            { tags: { 'karpenter.sh/discovery': 'base-app-layer-dev' } },
          ],
          securityGroupSelectorTerms: [
            { tags: { 'karpenter.sh/discovery': 'base-app-layer-dev' } },
          ],
          instanceStorePolicy: 'RAID0',
        },
      } as any),
    ),
    validated(
      new NodePool({
        metadata: { name: pool.name, creationTimestamp: created },
        spec: {
          weight: 10,
          limits: { cpu: '10000', memory: '10000Gi' },
          disruption: {
            consolidationPolicy: 'WhenEmptyOrUnderutilized',
            consolidateAfter: '15s',
          },
          template: {
            metadata: { labels: pool.labels },
            spec: {
              nodeClassRef: {
                group: 'karpenter.k8s.aws',
                kind: 'EC2NodeClass',
                name: pool.name,
              },
              expireAfter: '720h',
              taints: pool.taints,
              startupTaints: [
                {
                  key: 'karpenter.sh/unschedulable',
                  value: 'true',
                  effect: 'NoSchedule',
                },
              ],
              requirements: Object.entries(
                Object.keys(pool.requirements).length > 0
                  ? pool.requirements
                  : DEFAULT_REQUIREMENTS,
              ).map(([key, values]) => ({ key, operator: 'In', values })),
            },
          },
        },
        status: {
          resources: {
            cpu: String(used.cpu),
            memory: `${used.memory}Gi`,
            nodes: String(infos.length),
          },
          conditions: [
            {
              type: 'Ready',
              status: 'True',
              reason: 'Ready',
              message: '',
              lastTransitionTime: created,
            },
          ],
        },
      } as any),
    ),
  ];
  const claim = (
    name: string,
    node: NodeInfo | undefined,
    phase: 'ready' | 'launching',
    interrupted = false,
  ) => {
    const t = (type: string, ok: boolean) => ({
      type,
      status: ok ? 'True' : 'Unknown',
      reason: ok ? type : 'AwaitingReconciliation',
      message: '',
      lastTransitionTime: created,
    });
    const instanceType = node?.instanceType ?? 'm7i.2xlarge';
    return validated(
      new NodeClaim({
        metadata: {
          name,
          labels: {
            'karpenter.sh/nodepool': pool.name,
            'karpenter.sh/capacity-type': node?.capacityType ?? 'spot',
            'node.kubernetes.io/instance-type': instanceType,
          },
          ownerReferences: [
            {
              apiVersion: 'karpenter.sh/v1',
              kind: 'NodePool',
              name: pool.name,
              uid: uid(pool.name),
              blockOwnerDeletion: true,
            },
          ],
          creationTimestamp: created,
          ...(interrupted ? { deletionTimestamp: created } : {}),
        },
        spec: {
          nodeClassRef: {
            group: 'karpenter.k8s.aws',
            kind: 'EC2NodeClass',
            name: pool.name,
          },
          requirements: [
            {
              key: 'node.kubernetes.io/instance-type',
              operator: 'In',
              values: [instanceType],
            },
          ],
          expireAfter: '720h',
        },
        status: {
          nodeName: phase === 'ready' ? node?.name : undefined,
          capacity: {
            cpu: String(INSTANCE_TYPES[instanceType].cpu),
            memory: `${INSTANCE_TYPES[instanceType].memory}Gi`,
          },
          conditions: [
            t('Launched', true),
            t('Registered', phase === 'ready'),
            t('Initialized', phase === 'ready'),
            ...(interrupted
              ? [
                  {
                    type: 'DisruptionReason',
                    status: 'True',
                    reason: 'Interrupted',
                    message: 'spot interruption warning',
                    lastTransitionTime: created,
                  },
                ]
              : []),
          ],
        },
      } as any),
    );
  };
  for (const node of infos)
    objects.push(claim(node.claim, node, 'ready', node.interrupted));
  if (scenario === 'spot-interruption') {
    for (let i = 0; i < SPOT_INTERRUPTED; i++)
      objects.push(
        claim(
          `${pool.name}-${hash(`replacement${i}`, 5)}`,
          undefined,
          'launching',
        ),
      );
  }
  return objects;
}

function podStatus(
  kind: 'running' | 'crashloop' | 'pending',
  message: string,
  created: string,
  pod: string,
) {
  if (kind === 'pending') {
    return {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message,
          lastTransitionTime: created,
        },
      ],
    };
  }
  const crash = kind === 'crashloop';
  return {
    phase: 'Running',
    hostIP: '10.0.32.10',
    podIP: `10.0.${100 + (parseInt(hash(pod, 2), 16) % 100)}.${
      10 + (parseInt(hash(`${pod}ip`, 2), 16) % 200)
    }`,
    startTime: created,
    conditions: [
      { type: 'PodScheduled', status: 'True', lastTransitionTime: created },
      { type: 'Initialized', status: 'True', lastTransitionTime: created },
      {
        type: 'ContainersReady',
        status: crash ? 'False' : 'True',
        lastTransitionTime: created,
      },
      {
        type: 'Ready',
        status: crash ? 'False' : 'True',
        lastTransitionTime: created,
      },
    ],
    containerStatuses: [
      {
        name: 'app',
        image: 'python:3.13.7-slim',
        imageID: '',
        ready: !crash,
        started: !crash,
        restartCount: crash ? 17 : 0,
        state: crash
          ? {
              waiting: {
                reason: 'CrashLoopBackOff',
                message: 'back-off 5m0s restarting failed container=app',
              },
            }
          : { running: { startedAt: created } },
        ...(crash
          ? {
              lastState: {
                terminated: {
                  exitCode: 1,
                  reason: 'Error',
                  startedAt: created,
                  finishedAt: created,
                },
              },
            }
          : {}),
      },
    ],
  };
}

/** Every object of the base cluster (`base-app-layer-dev`) for a scenario. */
export function buildBaseCluster(
  platform: SandboxPlatform,
  scenario: ScenarioName,
  created: string,
  scale: ClusterScale = {},
): KubeObject[] {
  const pool = platform.nodePool ?? DEFAULT_NODE_POOL;
  const { infos, objects } = nodes(
    scenario,
    created,
    scale.nodes ?? NODE_COUNT,
    pool,
  );
  objects.push(...karpenter(infos, scenario, created, pool));
  const liveNodes = infos.filter(n => !n.interrupted);
  const nodeFor = roundRobin(infos);
  const serviceCount = platform.modules.reduce(
    (n, m) => n + m.services.length,
    0,
  );
  let servicesSoFar = 0;
  // with scale.pods, the first (pods % services) services get one pod more
  const replicasOf = () => {
    const i = servicesSoFar++;
    if (scale.pods === undefined) return undefined;
    return (
      Math.floor(scale.pods / serviceCount) +
      (i < scale.pods % serviceCount ? 1 : 0)
    );
  };
  const interruptedNames = new Set(
    infos.filter(n => n.interrupted).map(n => n.name),
  );

  for (const module of platform.modules) {
    objects.push(
      validated(
        new Namespace({
          metadata: {
            name: module.namespace,
            uid: uid(module.namespace),
            creationTimestamp: created,
            labels: {
              'kubernetes.io/metadata.name': module.namespace,
              [PLATFORM_LABEL_CATEGORY]: module.folder,
              'deployment.wave': String(module.wave),
            },
          },
          status: { phase: 'Active' },
        }),
      ),
    );
    const unschedulable =
      scenario === 'unschedulable' && module.slug === AFFECTED.unschedulable;
    const drifted = scenario === 'drift' && module.slug === AFFECTED.drift;
    const agents = module.services.filter(x => x.type === 'agent');
    module.services.forEach((service, index) => {
      const scaled = replicasOf();
      objects.push(
        ...workload(service, {
          replicas:
            drifted && service === agents[1]
              ? service.maxReplicas + DRIFT.extraReplicas
              : scaled,
          // the scenario's changes by hand
          image: drifted && service === agents[0] ? DRIFT.image : undefined,
          noService: drifted && service === agents[2],
          crashloop:
            scenario === 'degraded' &&
            module.slug === AFFECTED.degraded &&
            index === 0,
          // the real platform's two defects: agents select a node group no node
          // carries; the model server selects the pool but tolerates no taint
          pending: unschedulable ? pendingReason(service) : undefined,
          nodeFor,
          liveNodes,
          interruptedNames,
          created,
        }),
      );
    });
    if (drifted && agents[0]) {
      // a Deployment someone applied by hand: not in the tree
      objects.push(
        ...workload(
          {
            ...agents[0],
            name: DRIFT.extraDeployment,
            descriptor: 'debug-shell',
            serviceName: DRIFT.extraDeployment,
            deployment: undefined,
            service: undefined,
            hpa: false,
            configMaps: [],
            minReplicas: 1,
            maxReplicas: 1,
          },
          { crashloop: false, nodeFor, liveNodes, interruptedNames, created },
        ).filter(
          o => o.kind !== 'Service' && o.kind !== 'HorizontalPodAutoscaler',
        ),
      );
    }
  }
  return objects;
}

/** The probes a Deployment of the tree declares, as the API server serves them back. */
function declaredProbes(
  declared: NonNullable<SandboxService['deployment']>,
  port: number,
) {
  return Object.fromEntries(
    (
      [
        ['livenessProbe', declared.probes.liveness],
        ['readinessProbe', declared.probes.readiness],
        ['startupProbe', declared.probes.startup],
      ] as const
    )
      .map(([k, p]) => [k, probeOf(p, port)] as const)
      .filter(([, p]) => p !== undefined),
  );
}

/** A probe as the tree declares it, as the API server serves it back. */
function probeOf(p: Probe | undefined, port: number) {
  if (!p) return undefined;
  if (p.type === 'http')
    return { httpGet: { path: p.path, port: p.port ?? port } };
  if (p.type === 'tcp') return { tcpSocket: { port: p.port ?? port } };
  return { exec: { command: ['/bin/true'] } };
}

/**
 * Why no live node takes a pod with this selector and these tolerations, as
 * the scheduler would say it; undefined when one does.
 */
function whyUnschedulable(
  candidates: NodeInfo[],
  nodeSelector: Record<string, string>,
  tolerations: Array<{
    key?: string;
    operator?: string;
    value?: string;
    effect?: string;
  }>,
): 'taint' | 'selector' | undefined {
  const matching = candidates.filter(n =>
    Object.entries(nodeSelector).every(([k, v]) => n.labels?.[k] === v),
  );
  if (matching.length === 0) return 'selector';
  const tolerated = (t: { key: string; value?: string; effect: string }) =>
    tolerates(tolerations as Toleration[], t as Taint);
  return matching.some(n => (n.taints ?? []).every(tolerated))
    ? undefined
    : 'taint';
}

/** Hands out items in turn, forever. */
export function roundRobin<T>(items: T[]): () => T {
  let next = 0;
  return () => items[next++ % items.length];
}

/** Why a workload of the `unschedulable` module pends: the real platform's two defects. */
function pendingReason(service: SandboxService): 'taint' | 'selector' {
  return service.type === 'model-server' ? 'taint' : 'selector';
}

function nodeSelectorFor(
  s: SandboxService,
  pending?: 'taint' | 'selector',
): Record<string, string> {
  if (s.type === 'platform-service')
    return { 'eks.amazonaws.com/nodegroup': 'platform_system' };
  if (pending === 'selector') return { NodeGroup: 'base-data-services' };
  return { 'karpenter.sh/nodepool': NODE_POOL };
}

export function workload(
  s: SandboxService,
  o: {
    /** Replicas instead of the service's minimum. */
    replicas?: number;
    /** An image set by hand instead of the declared one. */
    image?: string;
    /** The Service deleted by hand. */
    noService?: boolean;
    crashloop: boolean;
    pending?: 'taint' | 'selector';
    nodeFor: () => NodeInfo;
    liveNodes: NodeInfo[];
    interruptedNames: Set<string>;
    created: string;
  },
): KubeObject[] {
  const replicas = o.replicas ?? s.minReplicas;
  const nodeCount = o.liveNodes.length + o.interruptedNames.size;
  const declared = s.deployment;
  const toolLabels = (): Record<string, string> =>
    s.type === 'platform-service'
      ? {
          'app.kubernetes.io/name': s.name,
          'app.kubernetes.io/part-of': 'base-platform',
          [ANNOTATION_KUBERNETES_ID]: s.name,
        }
      : {
          'app.kubernetes.io/name': s.name,
          'app.kubernetes.io/part-of': 'base-system',
          'app.kubernetes.io/component': s.folder,
          [PLATFORM_LABEL_CATEGORY]: s.folder,
          [PLATFORM_LABEL_TYPE]: s.type === 'model-server' ? 'model' : s.type,
          [PLATFORM_LABEL_FUNCTION]: s.descriptor,
          [ANNOTATION_KUBERNETES_ID]: s.name,
        };
  const labels: Record<string, string> = declared
    ? declared.podLabels
    : toolLabels();
  const selector =
    declared && Object.keys(declared.selector).length > 0
      ? declared.selector
      : { 'app.kubernetes.io/name': s.name };
  const template = hash(s.name);
  const rsName = `${s.name}-${template}`.slice(0, 63).replace(/-$/, '');
  const platformTool = s.type === 'platform-service';
  // the tree's placement, unless the scenario plants the real defects
  const nodeSelector =
    declared && !o.pending
      ? declared.nodeSelector
      : nodeSelectorFor(s, o.pending);
  const defaultTolerations =
    o.pending || platformTool
      ? []
      : [
          {
            key: TAINT.key,
            operator: 'Equal',
            value: TAINT.value,
            effect: TAINT.effect,
          },
        ];
  const tolerations =
    declared && !o.pending ? declared.tolerations : defaultTolerations;
  // what the scheduler would decide for what the tree declares
  const pending =
    o.pending ??
    (declared
      ? whyUnschedulable(o.liveNodes, nodeSelector, tolerations as any)
      : undefined);
  // the probes the tree declares, else ones on the service's health paths
  const derivedProbes = () =>
    s.healthPaths.length > 0
      ? {
          livenessProbe: {
            httpGet: { path: s.healthPaths[0], port: s.httpPort },
            periodSeconds: 10,
          },
          readinessProbe: {
            httpGet: {
              path: s.healthPaths[1] ?? s.healthPaths[0],
              port: s.httpPort,
            },
            periodSeconds: 5,
          },
        }
      : {};
  const container = {
    name: 'app',
    image: o.image ?? declared?.image ?? 'python:3.13.7-slim',
    ports:
      declared && declared.containerPorts.length > 0
        ? declared.containerPorts.map(p => ({
            ...(p.name ? { name: p.name } : {}),
            containerPort: p.port,
          }))
        : [
            { name: 'http', containerPort: s.httpPort },
            { name: 'metrics', containerPort: s.metricsPort },
          ],
    resources:
      declared?.resources &&
      Object.keys(declared.resources.requests ?? {}).length > 0
        ? declared.resources
        : {
            requests: { cpu: '250m', memory: '512Mi' },
            limits: { cpu: '1', memory: '1Gi' },
          },
    ...(declared ? declaredProbes(declared, s.httpPort) : derivedProbes()),
  };
  const podSpec = { nodeSelector, tolerations, containers: [container] };
  const pods: KubeObject[] = [];
  let ready = 0;
  for (let i = 0; i < replicas; i++) {
    // as the API server's generateName: the prefix shortened, the suffix kept
    const name = `${rsName.slice(0, 57).replace(/-$/, '')}-${hash(
      `${s.name}${i}`,
      5,
    )}`;
    const node = o.nodeFor();
    let kind: 'running' | 'crashloop' | 'pending' = 'running';
    let message = '';
    if (pending === 'selector') {
      kind = 'pending';
      message = `0/${nodeCount} nodes are available: ${nodeCount} node(s) didn't match Pod's node affinity/selector. preemption: 0/${nodeCount} nodes are available: ${nodeCount} Preemption is not helpful for scheduling.`;
    } else if (pending === 'taint') {
      kind = 'pending';
      message = `0/${nodeCount} nodes are available: ${nodeCount} node(s) had untolerated taint {workload-type: data-processing}. preemption: 0/${nodeCount} nodes are available: ${nodeCount} Preemption is not helpful for scheduling.`;
    } else if (o.interruptedNames.has(node.name)) {
      kind = 'pending';
      message = `0/${nodeCount} nodes are available: ${
        o.interruptedNames.size
      } node(s) had untolerated taint {karpenter.sh/disrupted: }, ${
        nodeCount - o.interruptedNames.size
      } Insufficient cpu. preemption: not eligible`;
    } else if (o.crashloop && i === 0) {
      kind = 'crashloop';
    }
    if (kind === 'running') ready++;
    pods.push(
      validated(
        new Pod({
          metadata: {
            name,
            namespace: s.namespace,
            uid: uid(`${s.namespace}/${name}`),
            labels: { ...labels, 'pod-template-hash': template },
            creationTimestamp: o.created,
            ownerReferences: [
              {
                apiVersion: 'apps/v1',
                kind: 'ReplicaSet',
                name: rsName,
                uid: uid(`${s.namespace}/${rsName}`),
                controller: true,
                blockOwnerDeletion: true,
              },
            ],
          },
          spec: {
            ...podSpec,
            ...(kind === 'pending' ? {} : { nodeName: node.name }),
          } as any,
          status: podStatus(kind, message, o.created, name) as any,
        }),
      ),
    );
  }
  const events: KubeObject[] = pods
    .filter(
      p =>
        (p as any).status.phase === 'Pending' ||
        (p as any).status.containerStatuses?.[0]?.restartCount > 0,
    )
    .map(p => {
      const isPending = (p as any).status.phase === 'Pending';
      const name = `${p.metadata.name}.${hash(`${p.metadata.name}event`, 16)}`;
      return validated(
        new Event({
          metadata: {
            name,
            namespace: s.namespace,
            creationTimestamp: o.created,
          },
          involvedObject: {
            kind: 'Pod',
            name: p.metadata.name,
            namespace: s.namespace,
            apiVersion: 'v1',
            uid: String((p.metadata as any).uid),
          },
          reason: isPending ? 'FailedScheduling' : 'BackOff',
          message: pending
            ? (p as any).status.conditions[0].message
            : 'Back-off restarting failed container app in pod',
          type: 'Warning',
          count: isPending ? 42 : 17,
          firstTimestamp: o.created,
          lastTimestamp: new Date().toISOString(),
          source: { component: isPending ? 'default-scheduler' : 'kubelet' },
        } as any),
      );
    });
  const available = ready;
  const status = {
    observedGeneration: 1,
    replicas,
    readyReplicas: ready,
    availableReplicas: available,
    updatedReplicas: replicas,
    ...(replicas - available > 0
      ? { unavailableReplicas: replicas - available }
      : {}),
    conditions: [
      {
        type: 'Available',
        status: available >= 1 && available === replicas ? 'True' : 'False',
        reason:
          available === replicas
            ? 'MinimumReplicasAvailable'
            : 'MinimumReplicasUnavailable',
        message:
          available === replicas
            ? 'Deployment has minimum availability.'
            : 'Deployment does not have minimum availability.',
        lastTransitionTime: o.created,
        lastUpdateTime: o.created,
      },
    ],
  };
  return [
    validated(
      new Deployment({
        metadata: {
          name: s.name,
          namespace: s.namespace,
          uid: uid(`${s.namespace}/${s.name}`),
          labels: declared?.labels ?? labels,
          creationTimestamp: o.created,
          generation: 1,
          annotations: { 'deployment.kubernetes.io/revision': '1' },
        },
        spec: {
          replicas,
          selector: { matchLabels: selector },
          template: { metadata: { labels }, spec: podSpec as any },
        },
        status,
      }),
    ),
    validated(
      new ReplicaSet({
        metadata: {
          name: rsName,
          namespace: s.namespace,
          uid: uid(`${s.namespace}/${rsName}`),
          creationTimestamp: o.created,
          labels: { ...labels, 'pod-template-hash': template },
          annotations: { 'deployment.kubernetes.io/revision': '1' },
          ownerReferences: [
            {
              apiVersion: 'apps/v1',
              kind: 'Deployment',
              name: s.name,
              uid: uid(`${s.namespace}/${s.name}`),
              controller: true,
              blockOwnerDeletion: true,
            },
          ],
        },
        spec: {
          replicas,
          selector: {
            matchLabels: { ...selector, 'pod-template-hash': template },
          },
          template: { metadata: { labels }, spec: podSpec as any },
        },
        status: {
          replicas,
          readyReplicas: ready,
          availableReplicas: available,
          observedGeneration: 1,
        },
      }),
    ),
    ...(o.noService
      ? []
      : [
          validated(
            new Service({
              metadata: {
                name: s.serviceName,
                namespace: s.namespace,
                uid: uid(`${s.namespace}/svc/${s.serviceName}`),
                labels,
                creationTimestamp: o.created,
              },
              spec: {
                type: 'ClusterIP',
                selector:
                  s.service && Object.keys(s.service.selector).length > 0
                    ? s.service.selector
                    : selector,
                ports: s.service
                  ? s.service.ports.map(p => ({
                      ...(p.name ? { name: p.name } : {}),
                      port: p.port,
                      targetPort: p.targetPort ?? p.port,
                      protocol: 'TCP',
                    }))
                  : [
                      {
                        name: 'http',
                        port: s.httpPort,
                        targetPort: s.httpPort,
                        protocol: 'TCP',
                      },
                      {
                        name: 'metrics',
                        port: s.metricsPort,
                        targetPort: s.metricsPort,
                        protocol: 'TCP',
                      },
                    ],
              },
            }),
          ),
        ]),
    ...(declared && !s.hpa
      ? []
      : [
          validated(
            new HorizontalPodAutoscaler({
              metadata: {
                name: s.hpaName ?? s.name,
                namespace: s.namespace,
                uid: uid(`${s.namespace}/hpa/${s.name}`),
                labels,
                creationTimestamp: o.created,
              },
              spec: {
                scaleTargetRef: {
                  apiVersion: 'apps/v1',
                  kind: 'Deployment',
                  name: s.name,
                },
                minReplicas: s.minReplicas,
                maxReplicas: s.maxReplicas,
                metrics: [
                  {
                    type: 'Resource',
                    resource: {
                      name: 'cpu',
                      target: { type: 'Utilization', averageUtilization: 70 },
                    },
                  },
                ],
              },
              status: {
                currentReplicas: replicas,
                desiredReplicas: replicas,
                currentMetrics: [
                  {
                    type: 'Resource',
                    resource: {
                      name: 'cpu',
                      current: { averageUtilization: 35, averageValue: '87m' },
                    },
                  },
                ],
              },
            }),
          ),
        ]),
    ...(s.configMaps ?? []).map(name =>
      validated(
        new ConfigMap({
          metadata: {
            name,
            namespace: s.namespace,
            uid: uid(`${s.namespace}/cm/${name}`),
            creationTimestamp: o.created,
          },
          data: {},
        }),
      ),
    ),
    ...pods,
    ...events,
  ];
}
