import type { Toleration } from './platform';
import { asList, asRecord, asStringMap, KubeDocument } from './yamlDocuments';

/** How Kubernetes checks a container: an HTTP path, a TCP port, or a command. */
export type Probe =
  | { type: 'http'; path: string; port?: number | string }
  | { type: 'tcp'; port?: number | string }
  | { type: 'exec' };

export interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
}

/** A Service of a module, as declared. */
export interface DeclaredService {
  name: string;
  file: string;
  line: number;
  type?: string;
  ports: ServicePort[];
  selector: Record<string, string>;
}

/** An HPA of a module, as declared. */
export interface DeclaredHpa {
  name: string;
  file: string;
  line: number;
  target: string;
  min: number;
  max: number;
  /** cpu, memory or the Pods metric's name. */
  metrics: string[];
}

/** A Deployment of a module with what the portal reads of it. */
export interface DeclaredDeployment {
  name: string;
  file: string;
  line: number;
  namespace?: string;
  labels: Record<string, string>;
  podLabels: Record<string, string>;
  selector: Record<string, string>;
  replicas?: number;
  image?: string;
  containerPorts: Array<{ name?: string; port: number }>;
  probes: { liveness?: Probe; readiness?: Probe; startup?: Probe };
  resources?: {
    requests?: Record<string, string>;
    limits?: Record<string, string>;
  };
  nodeSelector: Record<string, string>;
  tolerations: Toleration[];
  affinity?: unknown;
  env: Record<string, string>;
}

function num(value: unknown): number | undefined {
  const n =
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
}

function probe(value: unknown): Probe | undefined {
  const p = asRecord(value);
  if (!p) return undefined;
  const http = asRecord(p.httpGet);
  if (http) {
    return {
      type: 'http',
      path: typeof http.path === 'string' ? http.path : '/',
      port: typeof http.port === 'string' ? http.port : num(http.port),
    };
  }
  const tcp = asRecord(p.tcpSocket);
  if (tcp)
    return {
      type: 'tcp',
      port: typeof tcp.port === 'string' ? tcp.port : num(tcp.port),
    };
  return { type: 'exec' };
}

export function readDeployment(
  doc: KubeDocument,
  file: string,
): DeclaredDeployment {
  const spec = asRecord(doc.body.spec) ?? {};
  const template = asRecord(spec.template) ?? {};
  const podSpec = asRecord(template.spec) ?? {};
  const container = asRecord(asList(podSpec.containers)[0]) ?? {};
  const env: Record<string, string> = {};
  for (const e of asList(container.env)) {
    const entry = asRecord(e);
    if (typeof entry?.name === 'string' && entry.value !== undefined)
      env[entry.name] = String(entry.value);
  }
  const resources = asRecord(container.resources);
  return {
    name: doc.name,
    file,
    line: doc.line,
    namespace: doc.namespace,
    labels: doc.labels,
    podLabels: asStringMap(asRecord(template.metadata)?.labels),
    selector: asStringMap(asRecord(spec.selector)?.matchLabels),
    replicas: num(spec.replicas),
    image: typeof container.image === 'string' ? container.image : undefined,
    containerPorts: asList(container.ports)
      .map(asRecord)
      .filter(
        (p): p is Record<string, any> => num(p?.containerPort) !== undefined,
      )
      .map(p => ({
        name: typeof p.name === 'string' ? p.name : undefined,
        port: num(p.containerPort)!,
      })),
    probes: {
      liveness: probe(container.livenessProbe),
      readiness: probe(container.readinessProbe),
      startup: probe(container.startupProbe),
    },
    resources: resources
      ? {
          requests: asStringMap(resources.requests),
          limits: asStringMap(resources.limits),
        }
      : undefined,
    nodeSelector: asStringMap(podSpec.nodeSelector),
    tolerations: asList(podSpec.tolerations)
      .map(asRecord)
      .filter((t): t is Record<string, any> => !!t) as Toleration[],
    affinity: podSpec.affinity,
    env,
  };
}

export function readService(doc: KubeDocument, file: string): DeclaredService {
  const spec = asRecord(doc.body.spec) ?? {};
  return {
    name: doc.name,
    file,
    line: doc.line,
    type: typeof spec.type === 'string' ? spec.type : undefined,
    ports: asList(spec.ports)
      .map(asRecord)
      .filter((p): p is Record<string, any> => num(p?.port) !== undefined)
      .map(p => ({
        name: typeof p.name === 'string' ? p.name : undefined,
        port: num(p.port)!,
        targetPort:
          typeof p.targetPort === 'string' ? p.targetPort : num(p.targetPort),
      })),
    selector: asStringMap(spec.selector),
  };
}

export function readHpa(
  doc: KubeDocument,
  file: string,
): DeclaredHpa | undefined {
  const spec = asRecord(doc.body.spec) ?? {};
  const target = asRecord(spec.scaleTargetRef);
  const min = num(spec.minReplicas) ?? 1;
  const max = num(spec.maxReplicas);
  if (typeof target?.name !== 'string' || max === undefined) return undefined;
  return {
    name: doc.name,
    file,
    line: doc.line,
    target: target.name,
    min,
    max,
    metrics: asList(spec.metrics)
      .map(asRecord)
      .map(m =>
        m?.type === 'Resource'
          ? asRecord(m.resource)?.name
          : asRecord(asRecord(m?.pods)?.metric)?.name ??
            asRecord(asRecord(m?.object)?.metric)?.name ??
            asRecord(asRecord(m?.external)?.metric)?.name,
      )
      .filter((n): n is string => typeof n === 'string'),
  };
}

/** The workload of a service: its Deployment, with the Service and HPA that go with it. */
export interface Workload {
  deployment: DeclaredDeployment;
  service?: DeclaredService;
  hpa?: DeclaredHpa;
  /** Named ports (unnamed ones as `http` when they carry the probes, else `port-<n>`). */
  ports: Record<string, number>;
  httpPort?: number;
  metricsPort?: number;
  /** The HTTP paths of its probes, liveness, readiness, startup, once each. */
  healthPaths: string[];
  /** Why there is nothing to probe, when healthPaths is empty. */
  noProbeReason?: string;
  /** Decimal GB per hour, when the workload states a throughput target. */
  throughputTargetGbPerHour?: number;
}

/** `100GB/hour`, `100 GB/h`, `50GB/hour` or `100` → GB per hour; `10MB/s` → 36. */
export function parseThroughput(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  const match = String(value ?? '').match(
    /^\s*([\d.]+)\s*(GB|MB|TB)?\s*(?:\/\s*(h|hour|s|sec|second|min|minute))?\s*$/i,
  );
  if (!match) return undefined;
  const n = Number(match[1]);
  const unit = (match[2] ?? 'GB').toUpperCase();
  const per = (match[3] ?? 'h').toLowerCase();
  const gb =
    n * ({ TB: 1000, GB: 1, MB: 0.001 } as Record<string, number>)[unit];
  let perHour = 1;
  if (per.startsWith('s')) perHour = 3600;
  else if (per.startsWith('m')) perHour = 60;
  return Math.round(gb * perHour * 1000) / 1000;
}

const HTTP_NAMES = ['http-health', 'http', 'health', 'web'];

function noProbeReason(
  deployment: DeclaredDeployment,
  paths: string[],
  probes: number,
): string | undefined {
  if (paths.length > 0) return undefined;
  return probes === 0
    ? `the Deployment ${deployment.name} declares no liveness, readiness or startup probe`
    : `the Deployment ${deployment.name} probes only by TCP or command, no HTTP path`;
}
const METRICS_NAMES = ['http-metrics', 'metrics', 'prometheus'];

/** The portal's view of a Deployment with its Service and HPA. */
export function toWorkload(
  deployment: DeclaredDeployment,
  service: DeclaredService | undefined,
  hpa: DeclaredHpa | undefined,
  throughputTarget?: number,
): Workload {
  const ports: Record<string, number> = {};
  const probePorts = Object.values(deployment.probes)
    .map(p => (p && p.type !== 'exec' ? p.port : undefined))
    .filter((p): p is number | string => p !== undefined);
  for (const p of deployment.containerPorts) {
    const name =
      p.name ??
      (probePorts.includes(p.port) || deployment.containerPorts.length === 1
        ? 'http'
        : `port-${p.port}`);
    ports[name] = p.port;
  }
  const byName = (names: string[]) =>
    names.map(n => ports[n]).find(p => p !== undefined);
  const resolve = (port: number | string | undefined) =>
    typeof port === 'string' ? ports[port] : port;
  const httpPort =
    byName(HTTP_NAMES) ??
    resolve(probePorts[0]) ??
    deployment.containerPorts[0]?.port;
  const paths: string[] = [];
  for (const p of [
    deployment.probes.liveness,
    deployment.probes.readiness,
    deployment.probes.startup,
  ]) {
    if (p?.type === 'http' && !paths.includes(p.path)) paths.push(p.path);
  }
  const declared = Object.values(deployment.probes).filter(Boolean);
  return {
    deployment,
    service,
    hpa,
    ports,
    httpPort,
    metricsPort: byName(METRICS_NAMES),
    healthPaths: paths,
    noProbeReason: noProbeReason(deployment, paths, declared.length),
    throughputTargetGbPerHour: throughputTarget,
  };
}
