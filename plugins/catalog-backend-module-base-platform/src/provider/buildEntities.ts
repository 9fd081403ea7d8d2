import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
  Entity,
} from '@backstage/catalog-model';
import {
  ANNOTATION_ARGOCD_APP,
  ANNOTATION_CONFORMANCE,
  ANNOTATION_DESCRIPTOR,
  ANNOTATION_HEALTH_PATHS,
  ANNOTATION_HTTP_PORT,
  ANNOTATION_KUBERNETES_ID,
  ANNOTATION_KUBERNETES_NAMESPACE,
  ANNOTATION_KUBERNETES_SERVICE,
  ANNOTATION_METRICS_PORT,
  ANNOTATION_MODULE,
  ANNOTATION_REPLICAS,
  ANNOTATION_SPEC_ERROR,
  ANNOTATION_SPEC_FILE,
  ANNOTATION_SPEC_STATUS,
  ANNOTATION_THROUGHPUT_TARGET,
  DEFAULT_THROUGHPUT_TARGET_GB_PER_HOUR,
  ANNOTATION_TYPE,
  ANNOTATION_WAVE,
  DOMAINS,
  modelServerName,
  moduleEntityName,
} from '@internal/plugin-base-platform-common';
import {
  ComponentFile,
  ModuleTree,
  PlatformDefinition,
  PlatformTree,
  specDependencies,
} from '@internal/plugin-base-platform-node';

/** Health paths of the model server, which has no spec file of its own. */
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

/** `100GB/h`, `100 GB/hour` or `100` → 100 (decimal GB per hour). */
export function parseThroughputTarget(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  const match = String(value ?? '').match(
    /^\s*([\d.]+)\s*(GB)?\s*(\/\s*h(our)?)?\s*$/i,
  );
  return match ? Number(match[1]) : undefined;
}

function serviceAnnotations(
  spec: Record<string, unknown>,
): Record<string, string> {
  const ports = (spec.ports ?? {}) as Record<string, unknown>;
  const replicas = (spec.replicas ?? {}) as Record<string, unknown>;
  const health = Array.isArray(spec.health) ? spec.health.map(String) : [];
  const out: Record<string, string> = {};
  if (ports.http !== undefined) out[ANNOTATION_HTTP_PORT] = String(ports.http);
  if (ports.metrics !== undefined)
    out[ANNOTATION_METRICS_PORT] = String(ports.metrics);
  if (health.length > 0) out[ANNOTATION_HEALTH_PATHS] = health.join(',');
  if (replicas.min !== undefined && replicas.max !== undefined) {
    out[ANNOTATION_REPLICAS] = `${replicas.min}-${replicas.max}`;
  }
  if (spec.ingestion === true) {
    out[ANNOTATION_THROUGHPUT_TARGET] = String(
      parseThroughputTarget(spec.throughputTarget) ??
        DEFAULT_THROUGHPUT_TARGET_GB_PER_HOUR,
    );
  }
  if (typeof spec.service === 'string')
    out[ANNOTATION_KUBERNETES_SERVICE] = spec.service;
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
    [ANNOTATION_ARGOCD_APP]: module.slug,
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
          [ANNOTATION_KUBERNETES_NAMESPACE]: system,
          [ANNOTATION_CONFORMANCE]: JSON.stringify(module.findings),
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
        description: text(c.spec.description),
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
    const deps = specDependencies(c.spec);
    const readBy = Array.isArray(c.spec.readBy)
      ? c.spec.readBy.map(String)
      : [];
    const steps = Array.isArray(c.spec.steps) ? c.spec.steps.map(String) : [];
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
              ...serviceAnnotations(c.spec),
              [ANNOTATION_KUBERNETES_ID]: c.name,
              [ANNOTATION_KUBERNETES_NAMESPACE]: system,
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

  const serverName = modelServerName(module.slug);
  entities.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: serverName,
      title: 'Model Server',
      description: `Serves the ML models of the ${module.title} module.`,
      annotations: common({
        [ANNOTATION_TYPE]: 'model-server',
        [ANNOTATION_HTTP_PORT]: '8080',
        [ANNOTATION_METRICS_PORT]: '9090',
        [ANNOTATION_HEALTH_PATHS]: MODEL_SERVER_HEALTH.join(','),
        [ANNOTATION_REPLICAS]: '2-20',
        [ANNOTATION_KUBERNETES_ID]: serverName,
        [ANNOTATION_KUBERNETES_NAMESPACE]: system,
        // the model server's Service carries its Deployment's name
        [ANNOTATION_KUBERNETES_SERVICE]: serverName,
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
  for (const pool of platform.nodePools) {
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
        annotations,
      },
      spec: { owner },
    });
  }
  for (const service of platform.platformServices) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: service.name,
        title: service.title,
        description: service.description,
        annotations: {
          ...annotations,
          ...(service.namespace
            ? { [ANNOTATION_KUBERNETES_NAMESPACE]: service.namespace }
            : {}),
        },
        links: service.path
          ? [
              {
                url: `https://fin.vsem-svoim.com${service.path}`,
                title: service.title ?? service.name,
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
    ...buildPlatformEntities(tree.platform, location),
    ...tree.modules.flatMap(m => buildModuleEntities(m, location, slugs)),
  ];
}
