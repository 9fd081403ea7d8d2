import { parseQuantity } from '@internal/plugin-base-platform-common';
import type {
  DeclaredDeployment,
  DeclaredHpa,
  DeclaredService,
  ModuleTree,
  Probe,
} from '@internal/plugin-base-platform-node';
import type {
  DriftDifference,
  ModuleDrift,
} from '@internal/plugin-sync-waves-common';

/** A live object and the cluster it was read from. */
export interface LiveObject {
  cluster: string;
  object: any;
}

/** The live objects of every cluster, by `kind/namespace/name`. */
export class LiveIndex {
  private readonly byKey = new Map<string, LiveObject>();
  private readonly deploymentsByNamespace = new Map<string, LiveObject[]>();

  add(kind: string, cluster: string, objects: any[]) {
    for (const object of objects) {
      const ns = object.metadata?.namespace ?? '';
      const name = object.metadata?.name ?? '';
      const key = `${kind}/${ns}/${name}`;
      if (this.byKey.has(key)) continue;
      this.byKey.set(key, { cluster, object });
      if (kind === 'Deployment') {
        const list = this.deploymentsByNamespace.get(ns) ?? [];
        list.push({ cluster, object });
        this.deploymentsByNamespace.set(ns, list);
      }
    }
  }

  get(kind: string, namespace: string, name: string) {
    return this.byKey.get(`${kind}/${namespace}/${name}`);
  }

  deployments(namespace: string): LiveObject[] {
    return this.deploymentsByNamespace.get(namespace) ?? [];
  }
}

/** A resource of an Application as ArgoCD reports it (`status.resources`). */
export interface ArgoResourceStatus {
  kind: string;
  namespace?: string;
  name: string;
  status?: string;
  health?: { status?: string };
}

const at = (file: string, line?: number) =>
  line !== undefined ? `${file}:${line}` : file;

const sortedPairs = (m: Record<string, string> | undefined) =>
  Object.entries(m ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}=${v}`)
    .join(', ') || 'none';

/** Ports as `name 8080` (sorted by port), names resolved where given. */
const portList = (ports: Array<{ name?: string; port: number }>) =>
  [...ports]
    .sort(
      (a, b) => a.port - b.port || (a.name ?? '').localeCompare(b.name ?? ''),
    )
    .map(p => (p.name ? `${p.name} ${p.port}` : String(p.port)))
    .join(', ') || 'none';

function resolvePort(
  port: number | string | undefined,
  ports: Array<{ name?: string; port: number }>,
) {
  if (typeof port === 'string') {
    return ports.find(p => p.name === port)?.port ?? port;
  }
  return port;
}

/** A probe as `http /health/live :8080`, its named port resolved. */
function renderProbe(
  p: Probe | undefined,
  ports: Array<{ name?: string; port: number }>,
): string {
  if (!p) return 'none';
  if (p.type === 'exec') return 'exec';
  const port = resolvePort(p.port, ports);
  return p.type === 'http'
    ? `http ${p.path} :${port ?? '?'}`
    : `tcp :${port ?? '?'}`;
}

/** A live container probe in the reader's terms. */
function liveProbe(probe: any): Probe | undefined {
  if (!probe) return undefined;
  if (probe.httpGet) {
    return {
      type: 'http',
      path: probe.httpGet.path ?? '/',
      port: probe.httpGet.port,
    };
  }
  if (probe.tcpSocket) return { type: 'tcp', port: probe.tcpSocket.port };
  return { type: 'exec' };
}

const renderToleration = (t: any) =>
  `${t.key ?? '*'}${
    t.operator === 'Exists' ? ' exists' : `=${t.value ?? ''}`
  }:${t.effect ?? '*'}`;

const tolerationList = (ts: any[] | undefined) =>
  (ts ?? []).map(renderToleration).sort().join(', ') || 'none';

/** Quantities compared by value: `1` is `1000m`, `1Gi` is `1024Mi`. */
function sameQuantities(
  a: Record<string, string> | undefined,
  b: Record<string, string> | undefined,
) {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  for (const k of keys) {
    const x = a?.[k];
    const y = b?.[k];
    if (x === y) continue;
    if (x === undefined || y === undefined) return false;
    if (parseQuantity(x) !== parseQuantity(y)) return false;
  }
  return true;
}

const renderResources = (r?: {
  requests?: Record<string, string>;
  limits?: Record<string, string>;
}) => `requests ${sortedPairs(r?.requests)}; limits ${sortedPairs(r?.limits)}`;

/** What the comparison found for one declared Deployment and what goes with it. */
function compareDeployment(
  d: DeclaredDeployment,
  live: LiveObject,
  hpa: DeclaredHpa | undefined,
  liveHpa: LiveObject | undefined,
  add: (
    diff: Omit<DriftDifference, 'object' | 'workload' | 'kind'> & {
      object?: DriftDifference['object'];
    },
  ) => void,
) {
  const spec = live.object.spec ?? {};
  const podSpec = spec.template?.spec ?? {};
  const container = podSpec.containers?.[0] ?? {};
  const livePorts: Array<{ name?: string; port: number }> = (
    container.ports ?? []
  ).map((p: any) => ({ name: p.name, port: p.containerPort }));
  const declaredIn = at(d.file, d.line);
  const changed = (field: string, declared: string, liveValue: string) =>
    add({ field, declared, live: liveValue, declaredIn });

  if (d.image !== undefined && d.image !== container.image) {
    changed('image', d.image, container.image ?? 'none');
  }
  // replicas: within the HPA's bounds when the tree declares one, else equal
  const liveReplicas: number | undefined = spec.replicas;
  if (hpa) {
    if (
      liveReplicas !== undefined &&
      (liveReplicas < hpa.min || liveReplicas > hpa.max)
    ) {
      changed(
        'replicas',
        `${hpa.min}–${hpa.max} (HPA ${hpa.name})`,
        String(liveReplicas),
      );
    }
    const h = liveHpa?.object.spec;
    if (h && (h.minReplicas ?? 1) !== hpa.min) {
      add({
        object: kindOf('HorizontalPodAutoscaler', liveHpa!),
        field: 'minReplicas',
        declared: String(hpa.min),
        live: String(h.minReplicas ?? 1),
        declaredIn: at(hpa.file, hpa.line),
      });
    }
    if (h && h.maxReplicas !== hpa.max) {
      add({
        object: kindOf('HorizontalPodAutoscaler', liveHpa!),
        field: 'maxReplicas',
        declared: String(hpa.max),
        live: String(h.maxReplicas),
        declaredIn: at(hpa.file, hpa.line),
      });
    }
  } else if (
    (d.replicas ?? 1) !== (liveReplicas ?? 1) &&
    liveReplicas !== undefined
  ) {
    changed('replicas', String(d.replicas ?? 1), String(liveReplicas));
  }
  if (portList(d.containerPorts) !== portList(livePorts)) {
    changed('container ports', portList(d.containerPorts), portList(livePorts));
  }
  for (const [field, key] of [
    ['liveness probe', 'livenessProbe'],
    ['readiness probe', 'readinessProbe'],
    ['startup probe', 'startupProbe'],
  ] as const) {
    const declaredProbe = d.probes[field.split(' ')[0] as 'liveness'];
    const a = renderProbe(declaredProbe, d.containerPorts);
    const b = renderProbe(liveProbe(container[key]), livePorts);
    if (a !== b) changed(field, a, b);
  }
  if (sortedPairs(d.nodeSelector) !== sortedPairs(podSpec.nodeSelector)) {
    changed(
      'nodeSelector',
      sortedPairs(d.nodeSelector),
      sortedPairs(podSpec.nodeSelector),
    );
  }
  if (tolerationList(d.tolerations) !== tolerationList(podSpec.tolerations)) {
    changed(
      'tolerations',
      tolerationList(d.tolerations),
      tolerationList(podSpec.tolerations),
    );
  }
  // only what the tree states: a file without resources compares nothing
  if (
    d.resources &&
    (!sameQuantities(d.resources.requests, container.resources?.requests) ||
      !sameQuantities(d.resources.limits, container.resources?.limits))
  ) {
    changed(
      'resources',
      renderResources(d.resources),
      renderResources(container.resources),
    );
  }
}

function kindOf(kind: string, live: LiveObject) {
  return {
    kind,
    namespace: live.object.metadata?.namespace ?? '',
    name: live.object.metadata?.name ?? '',
  };
}

const servicePorts = (
  ports: Array<{ name?: string; port: number; targetPort?: number | string }>,
) =>
  [...ports]
    .sort((a, b) => a.port - b.port)
    .map(
      p => `${p.name ? `${p.name} ` : ''}${p.port}→${p.targetPort ?? p.port}`,
    )
    .join(', ') || 'none';

function compareService(
  s: DeclaredService,
  live: LiveObject,
  add: (diff: Omit<DriftDifference, 'object' | 'workload' | 'kind'>) => void,
) {
  const spec = live.object.spec ?? {};
  const declaredIn = at(s.file, s.line);
  const a = servicePorts(s.ports);
  const b = servicePorts(
    (spec.ports ?? []).map((p: any) => ({
      name: p.name,
      port: p.port,
      targetPort: p.targetPort,
    })),
  );
  if (a !== b) add({ field: 'ports', declared: a, live: b, declaredIn });
  if (
    Object.keys(s.selector).length > 0 &&
    sortedPairs(s.selector) !== sortedPairs(spec.selector)
  ) {
    add({
      field: 'selector',
      declared: sortedPairs(s.selector),
      live: sortedPairs(spec.selector),
      declaredIn,
    });
  }
}

/**
 * Compares what a module's tree declares with what runs, and adds ArgoCD's
 * own view of its Application; pure. Each declared workload (an agent's,
 * orchestrator's or the model server's Deployment, its Service and HPA, the
 * ConfigMaps of an agent's file) is looked up by kind, namespace and name.
 * A live Deployment in the module's namespace that no file declares, and
 * that is not named after one of its components (an operator's, for a
 * custom resource), is extra.
 */
export function compareModule(
  module: ModuleTree,
  live: LiveIndex,
  argo?: { application: string; resources: ArgoResourceStatus[] },
): ModuleDrift {
  const differences: DriftDifference[] = [];
  let compared = 0;
  const declaredDeployments = new Set<string>();
  /** Which Deployment a declared Service goes with. */
  const serviceOwner = new Map<string, string>();
  const workloads = [
    ...module.components.map(c => ({ component: c, workload: c.workload })),
    { component: undefined, workload: module.modelServer.workload },
  ];
  for (const { component, workload } of workloads) {
    if (!workload) continue;
    const d = workload.deployment;
    const ns = d.namespace ?? module.namespace;
    declaredDeployments.add(`${ns}/${d.name}`);
    const objectOf = (kind: string, name: string) => ({
      kind,
      namespace: ns,
      name,
    });
    const missing = (kind: string, name: string, file: string, line?: number) =>
      differences.push({
        kind: 'missing',
        object: objectOf(kind, name),
        workload: d.name,
        declaredIn: at(file, line),
      });
    compared++;
    const liveDeployment = live.get('Deployment', ns, d.name);
    const liveHpa = workload.hpa
      ? live.get('HorizontalPodAutoscaler', ns, workload.hpa.name)
      : undefined;
    if (!liveDeployment) {
      missing('Deployment', d.name, d.file, d.line);
    } else {
      compareDeployment(d, liveDeployment, workload.hpa, liveHpa, diff =>
        differences.push({
          kind: 'changed',
          object: diff.object ?? objectOf('Deployment', d.name),
          workload: d.name,
          liveIn: `cluster ${liveDeployment.cluster}`,
          ...diff,
        }),
      );
    }
    if (workload.service) {
      serviceOwner.set(workload.service.name, d.name);
      compared++;
      const s = workload.service;
      const liveService = live.get('Service', ns, s.name);
      if (!liveService) missing('Service', s.name, s.file, s.line);
      else
        compareService(s, liveService, diff =>
          differences.push({
            kind: 'changed',
            object: objectOf('Service', s.name),
            workload: d.name,
            liveIn: `cluster ${liveService.cluster}`,
            ...diff,
          }),
        );
    }
    if (workload.hpa) {
      compared++;
      if (!liveHpa)
        missing(
          'HorizontalPodAutoscaler',
          workload.hpa.name,
          workload.hpa.file,
          workload.hpa.line,
        );
    }
    for (const cm of component?.configMaps ?? []) {
      compared++;
      if (!live.get('ConfigMap', ns, cm.name))
        missing('ConfigMap', cm.name, cm.file, cm.line);
    }
  }
  // live but not in the tree
  const componentNames = new Set(
    module.components.flatMap(c => [c.name, c.objectName ?? c.name]),
  );
  componentNames.add(module.modelServer.name);
  for (const l of live.deployments(module.namespace)) {
    const name = l.object.metadata?.name ?? '';
    if (declaredDeployments.has(`${module.namespace}/${name}`)) continue;
    if (componentNames.has(name)) continue;
    differences.push({
      kind: 'extra',
      object: { kind: 'Deployment', namespace: module.namespace, name },
      workload: name,
      live: (l.object.spec?.template?.spec?.containers ?? [])
        .map((c: any) => c.image)
        .join(', '),
      liveIn: `cluster ${l.cluster}`,
    });
  }
  // ArgoCD's own comparison of git and the cluster
  const workloadOfResource = (r: ArgoResourceStatus) => {
    if (r.kind === 'Deployment') return r.name;
    if (r.kind === 'Service') return serviceOwner.get(r.name);
    return undefined;
  };
  for (const r of argo?.resources ?? []) {
    if (r.status !== 'OutOfSync') continue;
    differences.push({
      kind: 'out-of-sync',
      object: {
        kind: r.kind,
        namespace: r.namespace ?? module.namespace,
        name: r.name,
      },
      workload: workloadOfResource(r),
      live: r.health?.status ? `health ${r.health.status}` : undefined,
      liveIn: `ArgoCD Application ${argo!.application}`,
    });
  }
  return {
    module: module.slug,
    namespace: module.namespace,
    application: argo?.application ?? module.application?.name,
    compared,
    differences,
  };
}
