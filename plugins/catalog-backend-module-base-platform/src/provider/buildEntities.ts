import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  ANNOTATION_ARGOCD_APP,
  ANNOTATION_CONFORMANCE,
  ANNOTATION_DESCRIPTOR,
  ANNOTATION_HEALTH_PATHS,
  ANNOTATION_HTTP_PORT,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_PROXY_ENABLED,
  ANNOTATION_PROXY_UPSTREAM,
  ANNOTATION_KUBERNETES_LABEL_SELECTOR,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_KUBERNETES_SERVICE,
  ANNOTATION_METRICS_PORT,
  ANNOTATION_MODULE,
  ANNOTATION_REPLICAS,
  ANNOTATION_SPEC_ERROR,
  ANNOTATION_SPEC_FILE,
  ANNOTATION_SPEC_STATUS,
  ANNOTATION_THROUGHPUT_TARGET,
  ANNOTATION_TYPE,
  ANNOTATION_WAVE,
  ANNOTATION_DEPLOYED,
  ANNOTATION_NOT_PROBED,
  ANNOTATION_PORTS,
  ANNOTATION_HPA,
  ANNOTATION_HPA_NAME,
  ANNOTATION_DECLARED_REPLICAS,
  ConformanceFinding,
  DOMAINS,
  moduleEntityName,
} from '@internal/plugin-base-platform-common';
import {
  ComponentFile,
  ModuleTree,
  PlatformDefinition,
  PlatformTree,
  Workload,
} from '@internal/plugin-base-platform-node';

/** Backstage's TechDocs annotation (plugin-techdocs-common's TECHDOCS_ANNOTATION). */
const ANNOTATION_TECHDOCS_REF = 'backstage.io/techdocs-ref';

/** Health paths of a model server that has no Deployment (the architecture's convention). */
const MODEL_SERVER_HEALTH = [
  '/health/live',
  '/health/ready',
  '/health/startup',
];

function title(descriptor: string): string {
  return descriptor
    .split('-')
    .map(w => w.charAt(0).toUpperCase() + w.slice(1))
    .join(' ');
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** Annotations of a service from its workload, or from what its custom resource declares. */
export function serviceAnnotations(
  workload: Workload | undefined,
  declared: ComponentFile['declared'] = {},
  file?: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!workload) {
    out[ANNOTATION_DEPLOYED] = 'false';
    out[ANNOTATION_NOT_PROBED] = `declared${
      file ? ` in ${file}` : ''
    }, but no Deployment exists for it in the platform repository: nothing runs, nothing to probe`;
    if (declared.healthPaths?.length)
      out[ANNOTATION_HEALTH_PATHS] = declared.healthPaths.join(',');
    const min = declared.min ?? declared.replicas;
    const max = declared.max ?? declared.replicas;
    if (min !== undefined && max !== undefined)
      out[ANNOTATION_REPLICAS] = `${min}-${max}`;
    return out;
  }
  out[ANNOTATION_DEPLOYED] = 'true';
  if (workload.httpPort !== undefined)
    out[ANNOTATION_HTTP_PORT] = String(workload.httpPort);
  if (workload.metricsPort !== undefined)
    out[ANNOTATION_METRICS_PORT] = String(workload.metricsPort);
  if (Object.keys(workload.ports).length > 0)
    out[ANNOTATION_PORTS] = Object.entries(workload.ports)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
  if (workload.healthPaths.length > 0)
    out[ANNOTATION_HEALTH_PATHS] = workload.healthPaths.join(',');
  else if (workload.noProbeReason)
    out[ANNOTATION_NOT_PROBED] = workload.noProbeReason;
  const replicas = workload.deployment.replicas;
  if (workload.hpa) {
    out[ANNOTATION_REPLICAS] = `${workload.hpa.min}-${workload.hpa.max}`;
    out[ANNOTATION_HPA] = `${workload.hpa.min}-${workload.hpa.max}`;
    out[ANNOTATION_HPA_NAME] = workload.hpa.name;
  } else if (replicas !== undefined)
    out[ANNOTATION_REPLICAS] = `${replicas}-${replicas}`;
  if (replicas !== undefined)
    out[ANNOTATION_DECLARED_REPLICAS] = String(replicas);
  if (workload.throughputTargetGbPerHour !== undefined)
    out[ANNOTATION_THROUGHPUT_TARGET] = String(
      workload.throughputTargetGbPerHour,
    );
  if (workload.service)
    out[ANNOTATION_KUBERNETES_SERVICE] = workload.service.name;
  out[ANNOTATION_KUBERNETES_ID] = workload.deployment.name;
  // pods without the kubernetes-id label are found by the Deployment's selector
  const { podLabels, selector } = workload.deployment;
  if (
    podLabels[ANNOTATION_KUBERNETES_ID] !== workload.deployment.name &&
    Object.keys(selector).length > 0
  )
    out[ANNOTATION_KUBERNETES_LABEL_SELECTOR] = Object.entries(selector)
      .map(([k, v]) => `${k}=${v}`)
      .join(',');
  return out;
}

/** Builds every entity of a module; pure. */
export function buildModuleEntities(
  module: ModuleTree,
  location: string,
  knownModules: ReadonlySet<string>,
): Entity[] {
  const system = moduleEntityName(module.slug);
  const agents = new Set(
    module.components.filter(c => c.type === 'agent').map(c => c.descriptor),
  );
  const moduleSlugs = (names: string[]) =>
    names
      .filter(m => knownModules.has(m))
      .map(m => `system:default/${moduleEntityName(m)}`);
  const agentRefs = (names: string[]) =>
    names
      .filter(a => agents.has(a))
      .map(a => `component:default/base-${module.slug}-agent-${a}`);
  const common = (extra: Record<string, string>) => ({
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
    [ANNOTATION_MODULE]: module.slug,
    [ANNOTATION_WAVE]: String(module.wave),
    [ANNOTATION_ARGOCD_APP]: module.application?.name ?? module.slug,
    ...extra,
  });

  const entities: Entity[] = [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: system,
        title: module.title,
        description: module.description,
        annotations: common({
          [ANNOTATION_KUBERNETES_NAMESPACE]: module.namespace,
          [ANNOTATION_CONFORMANCE]: JSON.stringify(module.findings),
          // TechDocs from the module's README: the docs of its folder
          ...(module.readme
            ? {
                [ANNOTATION_SOURCE_LOCATION]: `${location}${
                  location.endsWith('/') ? '' : '/'
                }${module.readme}`,
                [ANNOTATION_TECHDOCS_REF]: 'dir:.',
              }
            : {}),
        }),
        tags: ['base-module'],
      },
      spec: { owner: module.owner, domain: module.domain },
    },
  ];

  const componentEntity = (c: ComponentFile): Entity => {
    const base = {
      metadata: {
        name: c.name,
        title: `${title(c.descriptor)}`,
        description: text(c.description),
        annotations: common({
          [ANNOTATION_TYPE]: c.type,
          [ANNOTATION_DESCRIPTOR]: c.descriptor,
          [ANNOTATION_SPEC_FILE]: c.file,
          [ANNOTATION_SPEC_STATUS]: c.status,
          ...(c.error ? { [ANNOTATION_SPEC_ERROR]: c.error } : {}),
        }),
        tags: [c.type],
      },
    };
    const deps = c.dependsOn;
    const readBy = c.readBy;
    const steps = c.steps;
    switch (c.type) {
      case 'agent':
      case 'orchestrator':
        return {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: {
            ...base.metadata,
            annotations: {
              ...base.metadata.annotations,
              [ANNOTATION_KUBERNETES_ID]: c.name,
              ...serviceAnnotations(c.workload, c.declared, c.file),
              [ANNOTATION_KUBERNETES_NAMESPACE]: module.namespace,
            },
          },
          spec: {
            type: 'service',
            lifecycle: module.lifecycle,
            owner: module.owner,
            system,
            dependsOn: [
              ...agentRefs(deps.agents),
              ...moduleSlugs(deps.modules),
            ],
          },
        };
      case 'model':
      case 'workflow':
        return {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          ...base,
          spec: {
            type: c.type === 'model' ? 'ml-model' : 'workflow',
            lifecycle: module.lifecycle,
            owner: module.owner,
            system,
            dependsOn: agentRefs(steps),
          },
        };
      default:
        return {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Resource',
          ...base,
          spec: {
            type: c.type,
            owner: module.owner,
            system,
            dependencyOf: agentRefs(readBy),
          },
        };
    }
  };
  entities.push(...module.components.map(componentEntity));

  const serverName = module.modelServer.name;
  const server = module.modelServer.workload
    ? serviceAnnotations(module.modelServer.workload)
    : {
        ...serviceAnnotations(undefined, {
          healthPaths: MODEL_SERVER_HEALTH,
        }),
        [ANNOTATION_NOT_PROBED]: `the architecture gives every module a model server, but ${module.folder} has no Deployment ${serverName}: nothing runs, nothing to probe`,
      };
  entities.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: serverName,
      title: 'Model Server',
      description: `Serves the ML models of the ${module.title} module.`,
      annotations: common({
        [ANNOTATION_TYPE]: 'model-server',
        [ANNOTATION_KUBERNETES_ID]: serverName,
        ...server,
        ...(module.modelServer.file
          ? { [ANNOTATION_SPEC_FILE]: module.modelServer.file }
          : {}),
        [ANNOTATION_KUBERNETES_NAMESPACE]: module.namespace,
      }),
      tags: ['model-server'],
    },
    spec: {
      type: 'service',
      lifecycle: module.lifecycle,
      owner: module.owner,
      system,
      dependsOn: module.components
        .filter(c => c.type === 'model')
        .map(c => `component:default/${c.name}`),
    },
  });
  return entities;
}

/** Domains, clusters, node pools and the platform services; pure. */
export function buildPlatformEntities(
  platform: PlatformDefinition | undefined,
  location: string,
  findings: ConformanceFinding[] = [],
): Entity[] {
  const annotations = {
    [ANNOTATION_LOCATION]: location,
    [ANNOTATION_ORIGIN_LOCATION]: location,
  };
  const entities: Entity[] = DOMAINS.map(domain => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: {
      name: domain.name,
      title: domain.title,
      description: `${domain.title}: modules synced in ArgoCD wave ${domain.wave}.`,
      annotations: { ...annotations, [ANNOTATION_WAVE]: String(domain.wave) },
    },
    spec: { owner: `group:default/${domain.owner}` },
  }));
  if (!platform) return entities;
  const owner = platform.owner;
  for (const cluster of platform.clusters) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: {
        name: cluster.name,
        description: cluster.description,
        annotations,
      },
      spec: { type: 'kubernetes-cluster', owner },
    });
  }
  for (const pool of platform.nodeSources.filter(
    s => s.kind === 'karpenter-nodepool',
  )) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: { name: pool.name, description: pool.description, annotations },
      spec: {
        type: 'karpenter-nodepool',
        owner,
        dependencyOf: [`resource:default/${pool.cluster}`],
      },
    });
  }
  if (platform.platformServices.length > 0) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: {
        name: 'platform-services',
        title: 'Platform services',
        description:
          'The shared tools of the BASE App Layer on the platform cluster.',
        // findings outside any module (ApplicationSets, node pools)
        annotations: {
          ...annotations,
          [ANNOTATION_CONFORMANCE]: JSON.stringify(findings),
        },
      },
      spec: { owner },
    });
  }
  for (const tool of platform.platformServices) {
    const toolTitle = tool.title ?? tool.name;
    const proxied = tool.upstream
      ? `${tool.path ?? tool.name} proxies to ${tool.scheme ?? 'http'}://${
          tool.upstream
        }${tool.proxyPath ?? ''}${
          tool.enabled === false
            ? ' (commented out in the Platform UI proxy: not reachable there)'
            : ''
        }`
      : undefined;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: tool.name,
        title: toolTitle,
        description:
          [tool.description, proxied].filter(Boolean).join('. ') || undefined,
        annotations: {
          ...annotations,
          ...(tool.namespace
            ? { [ANNOTATION_KUBERNETES_NAMESPACE]: tool.namespace }
            : {}),
          ...(tool.upstream
            ? {
                [ANNOTATION_PROXY_UPSTREAM]: tool.upstream,
                [ANNOTATION_PROXY_ENABLED]: String(tool.enabled !== false),
              }
            : {}),
        },
        // the public URL works only where the proxy's location is active
        links:
          tool.path && tool.enabled !== false
            ? [
                {
                  url: `https://fin.vsem-svoim.com${tool.path}`,
                  title: toolTitle,
                },
              ]
            : undefined,
      },
      spec: {
        type: 'platform-service',
        lifecycle: 'production',
        owner,
        system: 'platform-services',
        dependsOn: ['resource:default/platform-app-layer-dev'],
      },
    });
  }
  return entities;
}

/** Every entity of the tree; pure. */
export function buildEntities(tree: PlatformTree, location: string): Entity[] {
  const slugs = new Set(tree.modules.map(m => m.slug));
  return [
    ...buildPlatformEntities(tree.platform, location, tree.findings),
    ...tree.modules.flatMap(m => buildModuleEntities(m, location, slugs)),
  ];
}
