import {
  ComponentType,
  TYPE_FOLDERS,
} from '@internal/plugin-base-platform-common';
import { stringify } from 'yaml';

/** A file the scaffolder writes, relative to the platform tree's root. */
export interface RenderedFile {
  path: string;
  content: string;
}

/** The metric names of the ingestion contract (docs/ingestion-metrics.md). */
export const INGESTION_METRICS = [
  'base_ingestion_bytes_total',
  'base_ingestion_records_total',
];

const NODE_POOL = 'base-data-processing';
const HTTP_PORT = 8080;
const METRICS_PORT = 9090;
export const HEALTH_PATHS = [
  '/health/live',
  '/health/ready',
  '/health/startup',
];

/** YAML documents joined into one file. */
export const yamlDocs = (...docs: unknown[]) =>
  docs.map(d => stringify(d, { lineWidth: 0 })).join('---\n');

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

/** Labels of every object of a workload: the platform's, the portal's. */
export function workloadLabels(options: {
  name: string;
  folder: string;
  slug: string;
  type: string;
  descriptor: string;
}): Record<string, string> {
  return {
    'app.kubernetes.io/name': options.name,
    'app.kubernetes.io/part-of': 'base-system',
    'app.kubernetes.io/component': options.folder,
    'base.io/category': options.folder,
    'base.io/module': options.slug,
    'base.io/type': options.type,
    'base.io/function': options.descriptor,
    'backstage.io/kubernetes-id': options.name,
  };
}

/**
 * Deployment, Service and HPA (2–20) of an agent, orchestrator or the model
 * server: probes on the health paths, resources, scrape annotations, the
 * node pool's selector and toleration, non-root.
 */
export function workloadManifests(options: {
  name: string;
  folder: string;
  slug: string;
  type: 'agent' | 'orchestrator' | 'model';
  descriptor: string;
  ingestion?: boolean;
}): string {
  const labels = workloadLabels(options);
  const selector = { 'app.kubernetes.io/name': options.name };
  const annotations: Record<string, string> = {
    'prometheus.io/scrape': 'true',
    'prometheus.io/port': String(METRICS_PORT),
    'prometheus.io/path': '/metrics',
  };
  if (options.ingestion) {
    annotations['base.io/ingestion-metrics'] = INGESTION_METRICS.join(',');
  }
  const probe = (path: string, period: number) => ({
    httpGet: { path, port: 'http' },
    periodSeconds: period,
    timeoutSeconds: 3,
  });
  const deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: options.name, labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels, annotations },
        spec: {
          nodeSelector: { 'karpenter.sh/nodepool': NODE_POOL },
          tolerations: [
            {
              key: 'workload-type',
              operator: 'Equal',
              value: 'data-processing',
              effect: 'NoSchedule',
            },
          ],
          securityContext: { runAsNonRoot: true, runAsUser: 10001 },
          containers: [
            {
              name: 'app',
              image: `ghcr.io/vsem-svoim/base-app-layer/${options.name}:0.1.0`,
              ports: [
                { name: 'http', containerPort: HTTP_PORT },
                { name: 'metrics', containerPort: METRICS_PORT },
              ],
              env: [
                { name: 'BASE_MODULE', value: options.slug },
                { name: 'BASE_COMPONENT', value: options.name },
                ...(options.ingestion
                  ? [
                      {
                        name: 'BASE_INGESTION_METRICS',
                        value: INGESTION_METRICS.join(','),
                      },
                    ]
                  : []),
              ],
              resources: {
                requests: { cpu: '250m', memory: '512Mi' },
                limits: { cpu: '1', memory: '1Gi' },
              },
              livenessProbe: probe(HEALTH_PATHS[0], 10),
              readinessProbe: probe(HEALTH_PATHS[1], 5),
              startupProbe: {
                ...probe(HEALTH_PATHS[2], 5),
                failureThreshold: 30,
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
        },
      },
    },
  };
  const service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: options.name, labels },
    spec: {
      selector,
      ports: [
        { name: 'http', port: HTTP_PORT, targetPort: 'http' },
        { name: 'metrics', port: METRICS_PORT, targetPort: 'metrics' },
      ],
    },
  };
  const hpa = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: options.name, labels },
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: options.name,
      },
      minReplicas: 2,
      maxReplicas: 20,
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
  };
  return yamlDocs(deployment, service, hpa);
}

/** The spec file of a component, in the format of docs/platform-spec.md. */
export function specFile(options: {
  type: ComponentType;
  slug: string;
  descriptor: string;
  description?: string;
  agents: string[];
  ingestion?: boolean;
}): string {
  const kind = options.type[0].toUpperCase() + options.type.slice(1);
  const spec: Record<string, unknown> = {
    apiVersion: 'base.io/v1',
    kind,
    descriptor: options.descriptor,
    description:
      options.description ??
      `The ${options.descriptor} ${options.type} of the ${options.slug} module.`,
  };
  const name = `base-${options.slug}-${options.type}-${options.descriptor}`;
  if (options.type === 'agent' || options.type === 'orchestrator') {
    Object.assign(spec, {
      service: name,
      ports: { http: HTTP_PORT, metrics: METRICS_PORT },
      health: HEALTH_PATHS,
      replicas: { min: 2, max: 20 },
    });
    if (options.ingestion) {
      Object.assign(spec, { ingestion: true, throughputTarget: '100GB/h' });
    }
  }
  if (options.type === 'model') spec.usedBy = [];
  if (options.type === 'workflow') spec.steps = options.agents.slice(0, 3);
  if (options.type === 'config') spec.readBy = options.agents;
  if (options.type === 'prompt') {
    const agent = options.descriptor.replace(/-configmap$/, '');
    spec.readBy = options.agents.includes(agent) ? [agent] : [];
  }
  return stringify(spec, { lineWidth: 0 });
}

/** The folder kustomization of a type folder: workloads, or ConfigMaps of the specs. */
export function folderKustomization(options: {
  type: ComponentType;
  slug: string;
  descriptors: string[];
}): string {
  const names = options.descriptors.map(
    d => `base-${options.slug}-${options.type}-${d}`,
  );
  switch (options.type) {
    case 'agent':
    case 'orchestrator':
      return kustomization({
        resources: names.map(n => `manifests/${n}.yaml`),
      });
    case 'model':
      return kustomization({
        resources: [`manifests/base-${options.slug}-model-server.yaml`],
      });
    default:
      // configs, prompts and workflows ship as ConfigMaps of their specs
      return kustomization({
        generatorOptions: { disableNameSuffixHash: true },
        configMapGenerator: names.map(n => ({
          name: n,
          files: [`spec.yaml=${n}.yaml`],
          options: {
            labels: {
              'base.io/module': options.slug,
              'base.io/type': options.type,
              'app.kubernetes.io/part-of': 'base-system',
            },
          },
        })),
      });
  }
}

export const typeFolder = (type: ComponentType) => TYPE_FOLDERS[type];
