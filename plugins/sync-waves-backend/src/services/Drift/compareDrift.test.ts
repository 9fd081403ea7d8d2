import type {
  DeclaredDeployment,
  ModuleTree,
} from '@internal/plugin-base-platform-node';
import { compareModule, LiveIndex } from './compareDrift';

const NS = 'base-data-streaming';
const FILE =
  'data_streaming/agents/base-data-streaming-agent-stream-reader.yaml';

const deployment: DeclaredDeployment = {
  name: 'base-data-streaming-agent-stream-reader',
  file: FILE,
  line: 20,
  namespace: NS,
  labels: {},
  podLabels: { app: 'reader' },
  selector: { app: 'reader' },
  replicas: 2,
  image: 'python:3.13.7-slim',
  containerPorts: [
    { name: 'http-health', port: 8080 },
    { name: 'http-metrics', port: 9090 },
  ],
  probes: {
    liveness: { type: 'http', path: '/health/live', port: 'http-health' },
    readiness: { type: 'http', path: '/health/ready', port: 8080 },
  },
  resources: {
    requests: { cpu: '250m', memory: '512Mi' },
    limits: { cpu: '1', memory: '1Gi' },
  },
  nodeSelector: { 'karpenter.sh/nodepool': 'base-data-processing' },
  tolerations: [
    {
      key: 'workload-type',
      operator: 'Equal',
      value: 'data-processing',
      effect: 'NoSchedule',
    },
  ],
  env: {},
};

const moduleTree = (): ModuleTree =>
  ({
    folder: 'data_streaming',
    slug: 'data-streaming',
    namespace: NS,
    application: { name: 'data-streaming', file: 'appset.yaml' },
    modelServer: { name: 'base-data-streaming-model-server' },
    components: [
      {
        name: 'base-data-streaming-agent-stream-reader',
        objectName: 'base-data-streaming-agent-stream-reader',
        type: 'agent',
        file: FILE,
        configMaps: [{ name: 'reader-config', file: FILE, line: 8 }],
        workload: {
          deployment,
          service: {
            name: 'reader-service',
            file: FILE,
            line: 120,
            ports: [{ name: 'http', port: 8080, targetPort: 8080 }],
            selector: { app: 'reader' },
          },
          hpa: {
            name: 'reader-hpa',
            file: FILE,
            line: 140,
            target: deployment.name,
            min: 2,
            max: 10,
            metrics: ['cpu'],
          },
        },
      },
      // an orchestrator declared as a custom resource: its operator's Deployment
      {
        name: 'base-data-streaming-orchestrator-stream-manager',
        type: 'orchestrator',
        file: 'data_streaming/orchestrators/x.yaml',
      },
    ],
  } as unknown as ModuleTree);

/** What the cluster serves when nobody touched it: the tree, as applied. */
function liveObjects() {
  return {
    Deployment: [
      {
        metadata: { name: deployment.name, namespace: NS },
        spec: {
          replicas: 3,
          template: {
            spec: {
              nodeSelector: { 'karpenter.sh/nodepool': 'base-data-processing' },
              tolerations: [
                {
                  key: 'workload-type',
                  operator: 'Equal',
                  value: 'data-processing',
                  effect: 'NoSchedule',
                },
              ],
              containers: [
                {
                  name: 'app',
                  image: 'python:3.13.7-slim',
                  ports: [
                    { name: 'http-metrics', containerPort: 9090 },
                    { name: 'http-health', containerPort: 8080 },
                  ],
                  livenessProbe: {
                    httpGet: { path: '/health/live', port: 8080 },
                  },
                  readinessProbe: {
                    httpGet: { path: '/health/ready', port: 'http-health' },
                  },
                  // the API server's canonical quantities
                  resources: {
                    requests: { cpu: '250m', memory: '512Mi' },
                    limits: { cpu: '1000m', memory: '1024Mi' },
                  },
                },
              ],
            },
          },
        },
      },
      {
        metadata: {
          name: 'base-data-streaming-orchestrator-stream-manager',
          namespace: NS,
        },
        spec: { template: { spec: { containers: [] } } },
      },
    ] as any[],
    Service: [
      {
        metadata: { name: 'reader-service', namespace: NS },
        spec: {
          selector: { app: 'reader' },
          ports: [{ name: 'http', port: 8080, targetPort: 8080 }],
        },
      },
    ] as any[],
    HorizontalPodAutoscaler: [
      {
        metadata: { name: 'reader-hpa', namespace: NS },
        spec: { minReplicas: 2, maxReplicas: 10 },
      },
    ] as any[],
    ConfigMap: [
      { metadata: { name: 'reader-config', namespace: NS } },
    ] as any[],
  };
}

function compare(
  change: (live: ReturnType<typeof liveObjects>) => void = () => {},
  argo?: Parameters<typeof compareModule>[2],
) {
  const live = liveObjects();
  change(live);
  const index = new LiveIndex();
  for (const [kind, objects] of Object.entries(live))
    index.add(kind, 'base-app-layer-dev', objects);
  return compareModule(moduleTree(), index, argo);
}

const container = (live: ReturnType<typeof liveObjects>) =>
  live.Deployment[0].spec.template.spec.containers[0];

describe('compareModule', () => {
  it('finds nothing when the cluster runs what the tree declares (named ports and canonical quantities alike)', () => {
    const drift = compare();
    expect(drift.differences).toEqual([]);
    // the Deployment, its Service, HPA and ConfigMap
    expect(drift.compared).toBe(4);
  });

  it.each([
    [
      'image',
      (l: any) => (container(l).image = 'python:3.13.7-slim-hotfix'),
      'python:3.13.7-slim',
      'python:3.13.7-slim-hotfix',
    ],
    [
      'replicas',
      (l: any) => (l.Deployment[0].spec.replicas = 13),
      '2–10 (HPA reader-hpa)',
      '13',
    ],
    [
      'container ports',
      (l: any) => container(l).ports.shift(),
      'http-health 8080, http-metrics 9090',
      'http-health 8080',
    ],
    [
      'liveness probe',
      (l: any) => (container(l).livenessProbe.httpGet.path = '/healthz'),
      'http /health/live :8080',
      'http /healthz :8080',
    ],
    [
      'readiness probe',
      (l: any) => delete container(l).readinessProbe,
      'http /health/ready :8080',
      'none',
    ],
    [
      'nodeSelector',
      (l: any) =>
        (l.Deployment[0].spec.template.spec.nodeSelector = {
          NodeGroup: 'base-data-services',
        }),
      'karpenter.sh/nodepool=base-data-processing',
      'NodeGroup=base-data-services',
    ],
    [
      'tolerations',
      (l: any) => (l.Deployment[0].spec.template.spec.tolerations = []),
      'workload-type=data-processing:NoSchedule',
      'none',
    ],
    [
      'resources',
      (l: any) => (container(l).resources.limits.memory = '2Gi'),
      'requests cpu=250m, memory=512Mi; limits cpu=1, memory=1Gi',
      'requests cpu=250m, memory=512Mi; limits cpu=1000m, memory=2Gi',
    ],
  ])(
    'names a changed %s with both values and where each comes from',
    (field, change, declared, live) => {
      const drift = compare(change);
      expect(drift.differences).toEqual([
        {
          kind: 'changed',
          object: { kind: 'Deployment', namespace: NS, name: deployment.name },
          workload: deployment.name,
          field,
          declared,
          live,
          declaredIn: `${FILE}:20`,
          liveIn: 'cluster base-app-layer-dev',
        },
      ]);
    },
  );

  it("compares the HPA's bounds and the Service's ports", () => {
    const drift = compare(l => {
      l.HorizontalPodAutoscaler[0].spec.maxReplicas = 30;
      l.Service[0].spec.ports[0].targetPort = 8081;
    });
    expect(
      drift.differences.map(d => [d.object.kind, d.field, d.declared, d.live]),
    ).toEqual([
      ['HorizontalPodAutoscaler', 'maxReplicas', '10', '30'],
      ['Service', 'ports', 'http 8080→8080', 'http 8080→8081'],
    ]);
  });

  it('lists what the tree declares and the cluster lacks, with the file', () => {
    const drift = compare(l => {
      l.Service.length = 0;
      l.ConfigMap.length = 0;
      l.HorizontalPodAutoscaler.length = 0;
    });
    expect(
      drift.differences.map(d => [
        d.kind,
        d.object.kind,
        d.object.name,
        d.declaredIn,
      ]),
    ).toEqual([
      ['missing', 'Service', 'reader-service', `${FILE}:120`],
      ['missing', 'HorizontalPodAutoscaler', 'reader-hpa', `${FILE}:140`],
      ['missing', 'ConfigMap', 'reader-config', `${FILE}:8`],
    ]);
    const gone = compare(l => l.Deployment.splice(0, 1));
    expect(gone.differences[0]).toMatchObject({
      kind: 'missing',
      object: { kind: 'Deployment', name: deployment.name },
    });
  });

  it("lists a Deployment the tree does not declare, but not an operator's for a declared custom resource", () => {
    const drift = compare(l =>
      l.Deployment.push({
        metadata: {
          name: 'base-data-streaming-agent-debug-shell',
          namespace: NS,
        },
        spec: {
          template: { spec: { containers: [{ image: 'busybox:1.36' }] } },
        },
      }),
    );
    expect(drift.differences).toEqual([
      {
        kind: 'extra',
        object: {
          kind: 'Deployment',
          namespace: NS,
          name: 'base-data-streaming-agent-debug-shell',
        },
        workload: 'base-data-streaming-agent-debug-shell',
        live: 'busybox:1.36',
        liveIn: 'cluster base-app-layer-dev',
      },
    ]);
  });

  it("adds ArgoCD's OutOfSync resources of the module's Application", () => {
    const drift = compare(undefined, {
      application: 'data-streaming',
      resources: [
        {
          kind: 'Deployment',
          namespace: NS,
          name: deployment.name,
          status: 'OutOfSync',
          health: { status: 'Healthy' },
        },
        {
          kind: 'Service',
          namespace: NS,
          name: 'reader-service',
          status: 'OutOfSync',
          health: { status: 'Missing' },
        },
        { kind: 'Namespace', name: NS, status: 'Synced' },
      ],
    });
    expect(
      drift.differences.map(d => [
        d.kind,
        d.object.kind,
        d.workload,
        d.live,
        d.liveIn,
      ]),
    ).toEqual([
      [
        'out-of-sync',
        'Deployment',
        deployment.name,
        'health Healthy',
        'ArgoCD Application data-streaming',
      ],
      [
        'out-of-sync',
        'Service',
        deployment.name,
        'health Missing',
        'ArgoCD Application data-streaming',
      ],
    ]);
    expect(drift.application).toBe('data-streaming');
  });
});
