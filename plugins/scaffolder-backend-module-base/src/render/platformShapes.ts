import {
  ANNOTATION_KUBERNETES_ID,
  COMPONENT_TYPES,
  ComponentType,
  findDomain,
  moduleSlugFromFolder,
  PLATFORM_ANNOTATION_DESCRIPTION,
  PLATFORM_ANNOTATION_INGESTION_METRICS,
  PLATFORM_ANNOTATION_LIFECYCLE,
  PLATFORM_ANNOTATION_OWNER,
  PLATFORM_ANNOTATION_READ_BY,
  PLATFORM_LABEL_CATEGORY,
  PLATFORM_LABEL_DOMAIN,
  PLATFORM_LABEL_FUNCTION,
  PLATFORM_LABEL_TYPE,
  TYPE_FOLDERS,
} from '@internal/plugin-base-platform-common';
import { parseAllDocuments, stringify } from 'yaml';

/**
 * The platform repository's file shapes (reference SHAPES.md), written: one
 * multi-document manifest per agent, `base.io/v1` custom resources, prompt
 * ConfigMaps or Markdown, a kustomization per folder and the module's element
 * of the module ApplicationSet. Used by the scaffolder and by the generator
 * of `examples/base-platform`, and read back by the portal's one reader.
 */

/** A file the scaffolder writes, relative to the platform tree's root. */
export interface RenderedFile {
  path: string;
  content: string;
}

export interface AgentDescription {
  descriptor: string;
  description?: string;
  /** Name of its Service; default `<deployment>-service`. */
  service?: string;
  ports?: { http?: number; metrics?: number; grpc?: number };
  /** Health paths; `live`/`ready`/`startup` in a path pick its probe, `/` probes liveness and readiness. */
  health?: string[];
  replicas?: { min: number; max: number };
  dependsOn?: { agents?: string[]; modules?: string[] };
  /** Throughput target of an ingestion agent, e.g. `100GB/hour`. */
  throughputTarget?: string;
}

export interface OrchestratorDescription {
  descriptor: string;
  description?: string;
  service?: string;
  health?: string[];
  replicas?: { min: number; max: number };
  /** Agents it coordinates (descriptors). */
  manages?: string[];
}

export interface PlainDescription {
  descriptor: string;
  description?: string;
}

export interface ModuleDescription {
  folder: string;
  domain: string;
  owner?: string;
  lifecycle?: string;
  description?: string;
  /** The kustomization's sync wave, when it is not the domain's. */
  kustomizationWave?: number;
  agents: AgentDescription[];
  models: PlainDescription[];
  orchestrators: OrchestratorDescription[];
  workflows: Array<PlainDescription & { steps?: string[] }>;
  configs: Array<PlainDescription & { readBy?: string[] }>;
  /** A prompt whose descriptor ends in `-configmap` is a ConfigMap, else Markdown. */
  prompts: Array<PlainDescription & { readBy?: string[] }>;
}

const HTTP = 8080;
const METRICS = 9090;
const NODE_POOL = 'base-data-processing';
const IMAGE = 'python:3.13.7-slim';
export const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
export const HEALTH_PATHS = [
  '/health/live',
  '/health/ready',
  '/health/startup',
];
/** Where the module ApplicationSet lives in the platform repository. */
export const MODULE_APPLICATIONSET =
  'platform-services-v2/automation/gitops/applicationsets/base-layer-apps.yaml';
export const BASE_CLUSTER_SERVER =
  'https://9A36FAED.gr7.us-east-1.eks.amazonaws.com';
export const REPO_URL = 'https://github.com/vsem-svoim/base-app-layer.git';

/** YAML documents joined into one file. */
export const yamlDocs = (...docs: unknown[]) =>
  docs.map(d => stringify(d, { lineWidth: 0 })).join('---\n');

const componentName = (slug: string, type: ComponentType, descriptor: string) =>
  `base-${slug}-${type}-${descriptor}`;

export function kustomization(extra: Record<string, unknown>) {
  return stringify(
    {
      apiVersion: 'kustomize.config.k8s.io/v1beta1',
      kind: 'Kustomization',
      ...extra,
    },
    { lineWidth: 0 },
  );
}

function probesFor(health: string[], port: number | string) {
  const get = (path: string) => ({ httpGet: { path, port, scheme: 'HTTP' } });
  const timing = (initial: number, period: number) => ({
    initialDelaySeconds: initial,
    periodSeconds: period,
    timeoutSeconds: 5,
    failureThreshold: 3,
  });
  const live = health.find(p => /live/.test(p));
  const ready = health.find(p => /ready/.test(p));
  const startup = health.find(p => /startup/.test(p));
  const other = health.find(p => !/live|ready|startup/.test(p));
  const out: Record<string, unknown> = {};
  const l = live ?? other;
  if (l) out.livenessProbe = { ...get(l), ...timing(30, 30) };
  if (ready ?? other)
    out.readinessProbe = { ...get((ready ?? other)!), ...timing(15, 10) };
  else if (startup)
    out.readinessProbe = { tcpSocket: { port }, ...timing(15, 10) };
  if (startup)
    out.startupProbe = {
      ...get(startup),
      periodSeconds: 10,
      failureThreshold: 30,
    };
  return out;
}

interface WorkloadOptions {
  name: string;
  namespace: string;
  folder: string;
  type: 'agent' | 'orchestrator' | 'model-server';
  descriptor: string;
  description?: string;
  service: string;
  ports: { http: number; metrics: number; grpc?: number };
  health: string[];
  replicas: { min: number; max: number };
  env?: Array<{ name: string; value: string }>;
  configMap?: string;
  ingestion?: boolean;
}

/** The metric names of the ingestion contract (docs/ingestion-metrics.md). */
export const INGESTION_METRICS = [
  'base_ingestion_bytes_total',
  'base_ingestion_records_total',
];

/** Deployment, Service and HPA of a workload: probes, resources, the node pool's selector and toleration. */
function workloadDocuments(o: WorkloadOptions): unknown[] {
  const podLabels = {
    'app.kubernetes.io/name': o.name,
    'app.kubernetes.io/component': o.folder,
    'app.kubernetes.io/part-of': 'base-system',
    [PLATFORM_LABEL_CATEGORY]: o.folder,
    [PLATFORM_LABEL_TYPE]: o.type === 'model-server' ? 'model' : o.type,
    [ANNOTATION_KUBERNETES_ID]: o.name,
  };
  const labels = { ...podLabels, [PLATFORM_LABEL_FUNCTION]: o.descriptor };
  const selector = { 'app.kubernetes.io/name': o.name };
  const ports = [
    { name: 'http-health', containerPort: o.ports.http, protocol: 'TCP' },
    { name: 'http-metrics', containerPort: o.ports.metrics, protocol: 'TCP' },
    ...(o.ports.grpc
      ? [{ name: 'grpc', containerPort: o.ports.grpc, protocol: 'TCP' }]
      : []),
  ];
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: o.name,
      namespace: o.namespace,
      labels,
      ...(o.description
        ? { annotations: { [PLATFORM_ANNOTATION_DESCRIPTION]: o.description } }
        : {}),
    },
    spec: {
      replicas: o.replicas.min,
      selector: { matchLabels: selector },
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxUnavailable: 1, maxSurge: 1 },
      },
      template: {
        metadata: {
          labels: podLabels,
          // the metrics contract (docs/ingestion-metrics.md)
          annotations: {
            'prometheus.io/scrape': 'true',
            'prometheus.io/port': String(o.ports.metrics),
            'prometheus.io/path': '/metrics',
            ...(o.ingestion
              ? {
                  [PLATFORM_ANNOTATION_INGESTION_METRICS]:
                    INGESTION_METRICS.join(','),
                }
              : {}),
          },
        },
        spec: {
          serviceAccountName: `${o.name}-sa`,
          nodeSelector: { 'karpenter.sh/nodepool': NODE_POOL },
          tolerations: [
            {
              key: 'workload-type',
              operator: 'Equal',
              value: 'data-processing',
              effect: 'NoSchedule',
            },
          ],
          securityContext: {
            runAsNonRoot: true,
            runAsUser: 1000,
            fsGroup: 1000,
          },
          containers: [
            {
              name: o.descriptor,
              image: IMAGE,
              imagePullPolicy: 'Always',
              command: ['/bin/sh'],
              args: [
                '-c',
                `echo "${o.name}" && python -m http.server ${o.ports.http} --bind 0.0.0.0`,
              ],
              ports,
              ...probesFor(o.health, o.ports.http),
              resources: {
                requests: {
                  cpu: '250m',
                  memory: '512Mi',
                  'ephemeral-storage': '1Gi',
                },
                limits: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '4Gi' },
              },
              env: [
                { name: 'LOG_LEVEL', value: 'INFO' },
                { name: 'HEALTH_PORT', value: String(o.ports.http) },
                { name: 'METRICS_PORT', value: String(o.ports.metrics) },
                { name: 'AGENT_TYPE', value: o.descriptor },
                { name: 'MODULE_NAME', value: o.folder },
                ...(o.env ?? []),
              ],
              ...(o.configMap
                ? {
                    volumeMounts: [
                      {
                        name: 'config',
                        mountPath: '/etc/base',
                        readOnly: true,
                      },
                    ],
                  }
                : {}),
            },
          ],
          ...(o.configMap
            ? {
                volumes: [{ name: 'config', configMap: { name: o.configMap } }],
              }
            : {}),
        },
      },
    },
  };
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: o.service,
      namespace: o.namespace,
      labels: { 'app.kubernetes.io/name': o.name },
    },
    spec: {
      type: 'ClusterIP',
      selector,
      ports: ports.map(p => ({
        name: p.name
          .replace(/^http-health$/, 'http')
          .replace(/^http-metrics$/, 'metrics'),
        port: p.containerPort,
        targetPort: p.containerPort,
        protocol: 'TCP',
      })),
    },
  };
  const hpa = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: `${o.name}-hpa`, namespace: o.namespace },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: o.name,
      },
      minReplicas: o.replicas.min,
      maxReplicas: o.replicas.max,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: 70 },
          },
        },
        {
          type: 'Resource',
          resource: {
            name: 'memory',
            target: { type: 'Utilization', averageUtilization: 80 },
          },
        },
      ],
    },
  };
  return [deployment, service, hpa];
}

function crMetadata(
  m: ModuleDescription,
  name: string,
  type: string,
  descriptor: string,
  description?: string,
) {
  const slug = moduleSlugFromFolder(m.folder);
  return {
    name,
    namespace: `base-${slug}`,
    labels: {
      'app.kubernetes.io/name': name,
      'app.kubernetes.io/component': m.folder,
      'app.kubernetes.io/part-of': 'base-system',
      [PLATFORM_LABEL_CATEGORY]: m.folder,
      [PLATFORM_LABEL_TYPE]: type,
      [PLATFORM_LABEL_FUNCTION]: descriptor,
    },
    ...(description
      ? { annotations: { [PLATFORM_ANNOTATION_DESCRIPTION]: description } }
      : {}),
  };
}

/** The agent file: ServiceAccount, ConfigMap (its embedded config names its peers), Deployment, Service, HPA. */
export function agentFile(m: ModuleDescription, a: AgentDescription): string {
  const slug = moduleSlugFromFolder(m.folder);
  const name = componentName(slug, 'agent', a.descriptor);
  const namespace = `base-${slug}`;
  const serviceOf = (descriptor: string) =>
    m.agents.find(x => x.descriptor === descriptor)?.service ??
    `${componentName(slug, 'agent', descriptor)}-service`;
  const short = a.descriptor.replace(/-/g, '_');
  const integration: Record<string, unknown> = {};
  for (const peer of a.dependsOn?.agents ?? [])
    integration[`${peer.replace(/-/g, '_')}_service`] = {
      endpoint: `http://${serviceOf(peer)}:${HTTP}`,
    };
  for (const other of a.dependsOn?.modules ?? [])
    integration[`${other.replace(/-/g, '_')}_module`] = {
      service: `base-${other}`,
    };
  const config = {
    [short]: {
      name: a.descriptor,
      ...(a.throughputTarget ? { throughput_target: a.throughputTarget } : {}),
      ...(Object.keys(integration).length > 0 ? { integration } : {}),
    },
    logging: { level: 'INFO', format: 'json' },
    monitoring: {
      prometheus: { enabled: true, port: METRICS, path: '/metrics' },
    },
  };
  const configMap = `base-${a.descriptor}-config`;
  return yamlDocs(
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: `${name}-sa`, namespace },
    },
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: configMap, namespace },
      data: { [`${short}.yaml`]: stringify(config, { lineWidth: 0 }) },
    },
    ...workloadDocuments({
      name,
      namespace,
      folder: m.folder,
      type: 'agent',
      descriptor: a.descriptor,
      description: a.description,
      service: a.service ?? `${name}-service`,
      ports: {
        http: a.ports?.http ?? HTTP,
        metrics: a.ports?.metrics ?? METRICS,
        grpc: a.ports?.grpc,
      },
      health: a.health ?? HEALTH_PATHS,
      replicas: a.replicas ?? { min: 2, max: 20 },
      env: a.throughputTarget
        ? [{ name: 'THROUGHPUT_TARGET', value: a.throughputTarget }]
        : [],
      configMap,
      ingestion: !!a.throughputTarget,
    }),
  );
}

/** The Orchestrator custom resource, with the Deployment and Service that run it. */
export function orchestratorFile(
  m: ModuleDescription,
  o: OrchestratorDescription,
): string {
  const slug = moduleSlugFromFolder(m.folder);
  const name = componentName(slug, 'orchestrator', o.descriptor);
  const replicas = o.replicas ?? { min: 2, max: 10 };
  const health = o.health ?? HEALTH_PATHS;
  const serviceOf = (descriptor: string) =>
    m.agents.find(x => x.descriptor === descriptor)?.service ??
    `${componentName(slug, 'agent', descriptor)}-service`;
  const cr = {
    apiVersion: 'base.io/v1',
    kind: 'Orchestrator',
    metadata: crMetadata(m, name, 'orchestrator', o.descriptor, o.description),
    spec: {
      type: o.descriptor,
      coordination: {
        agent_coordination: {
          managed_agents: (o.manages ?? []).map(agent => ({
            name: agent,
            instances: 1,
            coordination_endpoint: `${serviceOf(agent)}:9000`,
          })),
        },
      },
      resources: {
        deployment: { replicas: replicas.min },
        auto_scaling: {
          min_replicas: replicas.min,
          max_replicas: replicas.max,
        },
      },
      observability: {
        health_checks: {
          liveness_check: {
            endpoint: health.find(p => /live/.test(p)) ?? health[0],
          },
          readiness_check: {
            endpoint: health.find(p => /ready/.test(p)) ?? health[0],
          },
        },
      },
    },
  };
  return yamlDocs(
    cr,
    ...workloadDocuments({
      name,
      namespace: `base-${slug}`,
      folder: m.folder,
      type: 'orchestrator',
      descriptor: o.descriptor,
      service: o.service ?? name,
      ports: { http: HTTP, metrics: METRICS },
      health,
      replicas,
    }),
  );
}

export function modelFile(m: ModuleDescription, d: PlainDescription): string {
  const slug = moduleSlugFromFolder(m.folder);
  const name = `base-${slug}-${d.descriptor}-model`;
  return yamlDocs({
    apiVersion: 'base.io/v1',
    kind: 'Model',
    metadata: crMetadata(m, name, 'model', d.descriptor, d.description),
    spec: {
      type: d.descriptor,
      deployment: {
        replicas: 1,
        serving: {
          framework: 'tensorflow-serving',
          inference_endpoint: `http://base-${slug}-model-server:${HTTP}/v1/models/${d.descriptor}:predict`,
        },
      },
    },
  });
}

export function workflowFile(
  m: ModuleDescription,
  w: PlainDescription & { steps?: string[] },
): string {
  const slug = moduleSlugFromFolder(m.folder);
  const name = componentName(slug, 'workflow', w.descriptor);
  return yamlDocs({
    apiVersion: 'base.io/v1',
    kind: 'Workflow',
    metadata: crMetadata(m, name, 'workflow', w.descriptor, w.description),
    spec: {
      steps: (w.steps ?? []).map((agent, i) => ({
        name: `step-${i + 1}-${agent}`,
        agent,
        action: 'run',
        timeout: '300s',
        dependencies: i === 0 ? [] : [`step-${i}-${w.steps![i - 1]}`],
      })),
      triggers: { schedule: { cron: '0 * * * *', timezone: 'UTC' } },
    },
  });
}

export function configFile(
  m: ModuleDescription,
  c: PlainDescription & { readBy?: string[] },
): string {
  const slug = moduleSlugFromFolder(m.folder);
  const metadata = crMetadata(
    m,
    `base-${slug}-${c.descriptor}`,
    'config',
    c.descriptor,
    c.description,
  );
  if (c.readBy?.length)
    metadata.annotations = {
      ...(metadata.annotations ?? {}),
      [PLATFORM_ANNOTATION_READ_BY]: c.readBy.join(','),
    } as any;
  return yamlDocs({
    apiVersion: 'base.io/v1',
    kind: 'Config',
    metadata,
    spec: { configType: c.descriptor, data: {} },
  });
}

/** A prompt: a ConfigMap (`<short>-configmap`) with its Markdown, else the Markdown itself. */
export function promptFile(
  m: ModuleDescription,
  p: PlainDescription & { readBy?: string[] },
): RenderedFile {
  const slug = moduleSlugFromFolder(m.folder);
  const name = componentName(slug, 'prompt', p.descriptor);
  const short = p.descriptor.replace(/-configmap$/, '');
  const markdown = `# ${
    p.description ?? `Operating prompt of the ${short} agent`
  }\n\nYou are the ${short} agent of the ${
    m.folder
  } module of the BASE App Layer.\n`;
  if (!p.descriptor.endsWith('-configmap'))
    return { path: `${m.folder}/prompts/${name}.md`, content: markdown };
  return {
    path: `${m.folder}/prompts/${name}.yaml`,
    content: yamlDocs({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: `base-${slug}-prompt-${short}`,
        namespace: `base-${slug}`,
        labels: {
          'app.kubernetes.io/name': `base-${slug}`,
          'app.kubernetes.io/component': 'prompts',
          'app.kubernetes.io/part-of': 'base-layer',
          'module.type': slug,
          'prompt.agent': p.readBy?.[0] ?? short,
        },
        ...(p.description
          ? {
              annotations: { [PLATFORM_ANNOTATION_DESCRIPTION]: p.description },
            }
          : {}),
      },
      data: { [`${short}-prompt.md`]: markdown },
    }),
  };
}

/** The module's model server (module level, listed by its kustomization). */
export function modelServerFile(m: ModuleDescription): string {
  const slug = moduleSlugFromFolder(m.folder);
  const name = `base-${slug}-model-server`;
  return yamlDocs(
    ...workloadDocuments({
      name,
      namespace: `base-${slug}`,
      folder: m.folder,
      type: 'model-server',
      descriptor: 'model-server',
      description: `Serves the ML models of the ${m.folder} module.`,
      service: name,
      ports: { http: HTTP, metrics: METRICS },
      health: HEALTH_PATHS,
      replicas: { min: 2, max: 20 },
    }),
  );
}

/** Files of each type folder, as named. */
function componentFiles(
  m: ModuleDescription,
): Record<ComponentType, RenderedFile[]> {
  const slug = moduleSlugFromFolder(m.folder);
  const at = (
    type: ComponentType,
    descriptor: string,
    content: string,
  ): RenderedFile => ({
    path: `${m.folder}/${TYPE_FOLDERS[type]}/${componentName(
      slug,
      type,
      descriptor,
    )}.yaml`,
    content,
  });
  return {
    agent: m.agents.map(a => at('agent', a.descriptor, agentFile(m, a))),
    model: m.models.map(d => at('model', d.descriptor, modelFile(m, d))),
    orchestrator: m.orchestrators.map(o =>
      at('orchestrator', o.descriptor, orchestratorFile(m, o)),
    ),
    workflow: m.workflows.map(w =>
      at('workflow', w.descriptor, workflowFile(m, w)),
    ),
    config: m.configs.map(c => at('config', c.descriptor, configFile(m, c))),
    prompt: m.prompts.map(p => promptFile(m, p)),
  };
}

/** A folder's kustomization listing its YAML files. */
export function folderKustomization(files: string[]): string {
  return kustomization({
    resources: files.map(f => f.split('/').pop()!).sort(),
  });
}

/** Every file of a module folder in the real repository's shapes. */
export function renderModuleFolder(m: ModuleDescription): RenderedFile[] {
  const slug = moduleSlugFromFolder(m.folder);
  const domain = findDomain(m.domain);
  const wave = String(m.kustomizationWave ?? domain?.wave ?? 7);
  const byType = componentFiles(m);
  const files: RenderedFile[] = [];
  const folders: string[] = [];
  for (const type of COMPONENT_TYPES) {
    const yaml = byType[type]
      .filter(f => f.path.endsWith('.yaml'))
      .map(f => f.path);
    files.push(...byType[type]);
    if (yaml.length > 0) {
      folders.push(`${TYPE_FOLDERS[type]}/`);
      files.push({
        path: `${m.folder}/${TYPE_FOLDERS[type]}/kustomization.yaml`,
        content: folderKustomization(yaml),
      });
    }
  }
  files.push({
    path: `${m.folder}/namespace.yaml`,
    content: yamlDocs({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: `base-${slug}`,
        labels: {
          name: `base-${slug}`,
          [PLATFORM_LABEL_CATEGORY]: m.folder,
          'deployment.wave': wave,
        },
        annotations: { [SYNC_WAVE]: wave },
      },
    }),
  });
  files.push({
    path: `${m.folder}/model-server.yaml`,
    content: modelServerFile(m),
  });
  const ownAnnotations: Record<string, string> = {
    [SYNC_WAVE]: wave,
    [PLATFORM_LABEL_DOMAIN]: m.domain,
  };
  if (m.owner) ownAnnotations[PLATFORM_ANNOTATION_OWNER] = m.owner;
  if (m.lifecycle) ownAnnotations[PLATFORM_ANNOTATION_LIFECYCLE] = m.lifecycle;
  files.push({
    path: `${m.folder}/kustomization.yaml`,
    content: kustomization({
      metadata: { name: `base-${slug}`, annotations: ownAnnotations },
      namespace: `base-${slug}`,
      resources: ['namespace.yaml', 'model-server.yaml', ...folders],
      labels: [
        {
          includeSelectors: false,
          pairs: {
            'app.kubernetes.io/part-of': 'base-layer',
            'module.type': slug,
            'deployment.wave': wave,
          },
        },
      ],
      commonAnnotations: {
        [SYNC_WAVE]: wave,
        ...(m.description ? { 'module.description': m.description } : {}),
      },
    }),
  });
  if (m.description)
    files.push({
      path: `${m.folder}/README.md`,
      content: `# ${m.folder}\n\n${m.description}\n`,
    });
  return files;
}

/** The module's element of the module ApplicationSet's list generator. */
export function applicationSetElement(m: ModuleDescription) {
  const slug = moduleSlugFromFolder(m.folder);
  return {
    module: m.folder,
    name: slug,
    namespace: `base-${slug}`,
    wave: String(findDomain(m.domain)?.wave ?? 7),
    cluster: 'base',
    description: m.description ?? m.folder,
  };
}

/** The module ApplicationSet (`base-layer-applications`) for these elements. */
export function moduleApplicationSet(
  elements: Array<ReturnType<typeof applicationSetElement>>,
): string {
  return yamlDocs({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: { name: 'base-layer-applications', namespace: 'argocd' },
    spec: {
      generators: [{ list: { elements } }],
      template: {
        metadata: {
          name: '{{name}}',
          namespace: 'argocd',
          labels: {
            'app.kubernetes.io/name': '{{module}}',
            'app.kubernetes.io/component': 'base-layer',
            'deployment.wave': '{{wave}}',
            'target.cluster': '{{cluster}}',
          },
          annotations: {
            [SYNC_WAVE]: '{{wave}}',
            'argocd.argoproj.io/compare-options': 'ServerSideDiff=true',
          },
          finalizers: ['resources-finalizer.argocd.argoproj.io'],
        },
        spec: {
          project: 'default',
          source: {
            repoURL: REPO_URL,
            path: '{{module}}',
            targetRevision: 'main',
          },
          destination: {
            server: BASE_CLUSTER_SERVER,
            namespace: '{{namespace}}',
          },
          syncPolicy: {
            automated: { prune: true, selfHeal: true, allowEmpty: false },
            syncOptions: [
              'CreateNamespace=true',
              'PruneLast=true',
              'ApplyOutOfSyncOnly=true',
              'ServerSideApply=true',
            ],
            retry: { limit: 2 },
          },
        },
      },
    },
  });
}

/**
 * Adds a module's element to the module ApplicationSet in place (or writes
 * the file when there is none); an element of that module is replaced.
 */
export function addToApplicationSet(
  existing: string | undefined,
  m: ModuleDescription,
): string {
  const element = applicationSetElement(m);
  if (!existing || existing.trim() === '')
    return moduleApplicationSet([element]);
  const docs = parseAllDocuments(existing);
  const list = Array.isArray(docs) ? docs : [docs];
  for (const doc of list) {
    if (doc.errors.length > 0)
      throw new Error(
        `${MODULE_APPLICATIONSET} is not valid YAML: ${doc.errors[0].message}`,
      );
  }
  const target = list.find(d => d.get('kind') === 'ApplicationSet');
  if (!target)
    throw new Error(`${MODULE_APPLICATIONSET} has no ApplicationSet`);
  const elements = target.getIn([
    'spec',
    'generators',
    0,
    'list',
    'elements',
  ]) as any;
  if (!elements || typeof elements.items !== 'object')
    throw new Error(
      `${MODULE_APPLICATIONSET}: its first generator is not a list generator`,
    );
  const index = elements.items.findIndex(
    (i: any) => i?.get?.('module') === m.folder,
  );
  const node = target.createNode(element);
  if (index >= 0) elements.items[index] = node;
  else elements.items.push(node);
  return list.map(d => d.toString({ lineWidth: 0 })).join('---\n');
}
