import crypto from 'node:crypto';
import { DOMAINS } from '@internal/plugin-base-platform-common';
import type { KubeObject } from '../kubernetes/buildBaseCluster';
import type { SandboxPlatform } from '../platform/loadPlatform';
import { AFFECTED, DRIFT, ScenarioName } from '../scenarios';

export const REPO_URL = 'https://github.com/vsem-svoim/base-app-layer.git';
export const BASE_CLUSTER_SERVER =
  'https://9A36FAEDB0D8596EE561CFD8B59E4645.gr7.us-east-1.eks.amazonaws.com';
const IN_CLUSTER = 'https://kubernetes.default.svc';

/** The platform tools' Applications on the platform cluster, waves 0-3. */
export const PLATFORM_APPS: Array<{
  name: string;
  namespace: string;
  wave: number;
  path: string;
}> = [
  {
    name: 'cert-manager',
    namespace: 'cert-manager',
    wave: 0,
    path: 'platform-services-v2/core-services/cert-manager',
  },
  {
    name: 'istio',
    namespace: 'istio-system',
    wave: 0,
    path: 'platform-services-v2/core-services/istio',
  },
  {
    name: 'vault',
    namespace: 'vault',
    wave: 1,
    path: 'platform-services-v2/core-services/vault',
  },
  {
    name: 'prometheus',
    namespace: 'monitoring',
    wave: 1,
    path: 'platform-services-v2/core-services/monitoring/prometheus',
  },
  {
    name: 'grafana',
    namespace: 'monitoring',
    wave: 1,
    path: 'platform-services-v2/core-services/monitoring/grafana',
  },
  {
    name: 'kiali',
    namespace: 'istio-system',
    wave: 2,
    path: 'platform-services-v2/core-services/kiali',
  },
  {
    name: 'platform-ui',
    namespace: 'platform-ui',
    wave: 2,
    path: 'platform-services-v2/application-services/platform-ui',
  },
  {
    name: 'airflow',
    namespace: 'airflow',
    wave: 3,
    path: 'platform-services-v2/application-services/airflow',
  },
  {
    name: 'mlflow',
    namespace: 'mlflow',
    wave: 3,
    path: 'platform-services-v2/application-services/mlflow',
  },
  {
    name: 'kubeflow',
    namespace: 'kubeflow',
    wave: 3,
    path: 'platform-services-v2/application-services/kubeflow',
  },
  {
    name: 'superset',
    namespace: 'superset',
    wave: 3,
    path: 'platform-services-v2/application-services/superset',
  },
];

const PLATFORM_SETS = [
  'platform-core',
  'platform-security-monitoring',
  'platform-mesh-ui',
  'platform-data-tools',
];

const sha = (s: string) => crypto.createHash('sha1').update(s).digest('hex');
const uid = (s: string) => {
  const h = sha(s);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(
    16,
    20,
  )}-${h.slice(20, 32)}`;
};

/** The last three revisions of the platform repository, newest first. */
export function revisions(now: Date) {
  return [0, 1, 2].map(i => ({
    revision: sha(`revision${i}`),
    date: new Date(now.getTime() - (i * 26 + 3) * 3600_000).toISOString(),
    author: [
      'Alice Ivanova <alice.ivanova@vsem-svoim.com>',
      'Boris Petrov <boris.petrov@vsem-svoim.com>',
      'Chen Wei <chen.wei@vsem-svoim.com>',
    ][i],
    message: [
      'Raise collector HPA ceiling to 20',
      'Add quality thresholds for FX feeds',
      'Pin python base image 3.13.7',
    ][i],
  }));
}

type Health =
  | 'Healthy'
  | 'Progressing'
  | 'Degraded'
  | 'Missing'
  | 'Suspended'
  | 'Unknown';

function deploymentHealth(d: any): { status: Health; message?: string } {
  const s = d.status ?? {};
  if ((s.availableReplicas ?? 0) >= (d.spec?.replicas ?? 1))
    return { status: 'Healthy' };
  const crash = s.readyReplicas > 0;
  return crash
    ? {
        status: 'Degraded',
        message: `Deployment "${d.metadata.name}" exceeded its progress deadline`,
      }
    : {
        status: 'Progressing',
        message: `Waiting for rollout to finish: 0 of ${d.spec?.replicas} updated replicas are available...`,
      };
}

function podHealth(pod: any): { status: Health; message?: string } {
  if (pod.status?.phase === 'Pending') {
    return {
      status: 'Progressing',
      message: pod.status.conditions?.[0]?.message,
    };
  }
  const waiting = pod.status?.containerStatuses?.[0]?.state?.waiting;
  if (waiting)
    return {
      status: 'Degraded',
      message: `${waiting.reason}: ${waiting.message}`,
    };
  return { status: 'Healthy' };
}

/** An Application per module and per platform tool, consistent with the cluster objects. */
export function buildApplications(
  platform: SandboxPlatform,
  baseObjects: KubeObject[],
  scenario: ScenarioName,
  syncedAt: Map<string, string>,
  now: Date,
): any[] {
  const revs = revisions(now);
  const created = new Date(now.getTime() - 30 * 86400_000).toISOString();
  const apps: any[] = [];
  const history = (name: string) => {
    const extra = syncedAt.get(name);
    const base = revs
      .slice()
      .reverse()
      .map((r, i) => ({
        id: i,
        revision: r.revision,
        deployedAt: r.date,
        deployStartedAt: new Date(
          new Date(r.date).getTime() - 40_000,
        ).toISOString(),
        source: undefined as any,
      }));
    if (extra)
      base.push({
        id: base.length,
        revision: revs[0].revision,
        deployedAt: extra,
        deployStartedAt: extra,
        source: undefined,
      });
    return base;
  };

  const app = (a: {
    name: string;
    namespace: string;
    wave: number;
    path: string;
    server: string;
    set: string;
    labels: Record<string, string>;
    resources: any[];
    tree: any[];
    sync: 'Synced' | 'OutOfSync';
    health: { status: Health; message?: string };
    operation: { phase: 'Succeeded' | 'Failed' | 'Running'; message: string };
  }) => {
    const source = { repoURL: REPO_URL, path: a.path, targetRevision: 'main' };
    const destination = { server: a.server, namespace: a.namespace };
    const h = history(a.name).map(e => ({ ...e, source }));
    const last = h[h.length - 1];
    apps.push({
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: {
        name: a.name,
        namespace: 'argocd',
        uid: uid(`app/${a.name}`),
        resourceVersion: '1',
        generation: 1,
        creationTimestamp: created,
        labels: { ...a.labels, 'deployment.wave': String(a.wave) },
        annotations: { 'argocd.argoproj.io/sync-wave': String(a.wave) },
        ownerReferences: [
          {
            apiVersion: 'argoproj.io/v1alpha1',
            kind: 'ApplicationSet',
            name: a.set,
            uid: uid(`appset/${a.set}`),
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        project: 'default',
        source,
        destination,
        syncPolicy: {
          automated: { prune: true, selfHeal: true },
          syncOptions: ['CreateNamespace=true'],
        },
      },
      status: {
        sync: {
          status: a.sync,
          revision: revs[0].revision,
          comparedTo: { source, destination },
        },
        health: a.health,
        history: h,
        reconciledAt: now.toISOString(),
        sourceType: 'Kustomize',
        summary: { images: ['python:3.13.7-slim'] },
        resources: a.resources,
        operationState: {
          operation: {
            sync: { revision: revs[0].revision },
            initiatedBy: { automated: true },
          },
          phase: a.operation.phase,
          message: a.operation.message,
          startedAt: last.deployStartedAt,
          ...(a.operation.phase === 'Running'
            ? {}
            : { finishedAt: last.deployedAt }),
          syncResult: {
            revision: revs[0].revision,
            source,
            resources: a.resources.map(r => ({
              group: r.group,
              version: r.version,
              kind: r.kind,
              namespace: r.namespace,
              name: r.name,
              status:
                a.operation.phase === 'Failed' &&
                r.kind === 'Deployment' &&
                r.health?.status !== 'Healthy'
                  ? 'SyncFailed'
                  : 'Synced',
              message:
                a.operation.phase === 'Failed' &&
                r.kind === 'Deployment' &&
                r.health?.status !== 'Healthy'
                  ? a.operation.message
                  : `${r.kind.toLowerCase()}/${r.name} configured`,
              hookPhase:
                a.operation.phase === 'Running' ? 'Running' : a.operation.phase,
              syncPhase: 'Sync',
            })),
          },
        },
      },
      // kept out of the served object: the resource tree of the app
      __tree: a.tree,
    });
  };

  const blockedModule =
    scenario === 'wave-blocked' ? AFFECTED['wave-blocked'] : undefined;
  const blockedWave = blockedModule
    ? platform.modules.find(m => m.slug === blockedModule)?.wave
    : undefined;

  for (const module of platform.modules) {
    const ns = module.namespace;
    const objs = baseObjects.filter(
      o =>
        o.metadata.namespace === ns ||
        (o.kind === 'Namespace' && o.metadata.name === ns),
    );
    const resources: any[] = [];
    const tree: any[] = [];
    const ref = (o: KubeObject) => {
      const [group, version] = o.apiVersion.includes('/')
        ? o.apiVersion.split('/')
        : ['', o.apiVersion];
      return {
        group,
        version,
        kind: o.kind,
        namespace: o.metadata.namespace ?? '',
        name: o.metadata.name,
        uid: String((o.metadata as any).uid ?? uid(o.metadata.name)),
      };
    };
    for (const o of objs) {
      const r = ref(o);
      let health: { status: Health; message?: string } | undefined;
      if (o.kind === 'Deployment') health = deploymentHealth(o);
      if (o.kind === 'Pod') {
        health = podHealth(o);
      }
      if (o.kind === 'ReplicaSet')
        health = {
          status:
            (o as any).status?.availableReplicas === (o as any).spec?.replicas
              ? 'Healthy'
              : 'Progressing',
        };
      if (o.kind === 'Service' || o.kind === 'HorizontalPodAutoscaler')
        health = { status: 'Healthy' };
      const owner = (o.metadata as any).ownerReferences?.[0];
      tree.push({
        ...r,
        resourceVersion: '1',
        createdAt: (o.metadata as any).creationTimestamp,
        ...(health ? { health } : {}),
        ...(owner
          ? {
              parentRefs: [
                {
                  group: owner.apiVersion.includes('/')
                    ? owner.apiVersion.split('/')[0]
                    : '',
                  kind: owner.kind,
                  namespace: ns,
                  name: owner.name,
                  uid: owner.uid,
                },
              ],
            }
          : {}),
        ...(o.kind === 'Pod'
          ? {
              info: [
                { name: 'Status Reason', value: (o as any).status?.phase },
              ],
              images: ['python:3.13.7-slim'],
            }
          : {}),
      });
      if (
        [
          'Namespace',
          'Deployment',
          'Service',
          'HorizontalPodAutoscaler',
        ].includes(o.kind)
      ) {
        resources.push({
          group: r.group,
          version: r.version,
          kind: r.kind,
          namespace: r.namespace,
          name: r.name,
          status: 'Synced',
          ...(health ? { health } : {}),
        });
      }
    }
    const deployments = resources.filter(r => r.kind === 'Deployment');
    const worst: Health =
      (['Degraded', 'Progressing'] as Health[]).find(h =>
        deployments.some(d => d.health?.status === h),
      ) ?? 'Healthy';
    let sync: 'Synced' | 'OutOfSync' = 'Synced';
    let health: { status: Health; message?: string } = { status: worst };
    let operation: {
      phase: 'Succeeded' | 'Failed' | 'Running';
      message: string;
    } = { phase: 'Succeeded', message: 'successfully synced (all tasks run)' };
    if (scenario === 'degraded' && module.slug === AFFECTED.degraded) {
      sync = 'OutOfSync';
      const failing = resources.find(
        r => r.kind === 'Deployment' && r.health?.status === 'Degraded',
      );
      if (failing) failing.status = 'OutOfSync';
    }
    if (scenario === 'drift' && module.slug === AFFECTED.drift) {
      // what ArgoCD sees of the changes by hand: the changed Deployments
      // differ from git, the deleted Service is missing; the extra
      // Deployment is not tracked (no tracking label)
      sync = 'OutOfSync';
      const extra = resources.findIndex(
        r => r.kind === 'Deployment' && r.name === DRIFT.extraDeployment,
      );
      if (extra >= 0) resources.splice(extra, 1);
      const agents = module.services.filter(x => x.type === 'agent');
      for (const r of resources)
        if (
          r.kind === 'Deployment' &&
          (r.name === agents[0]?.name || r.name === agents[1]?.name)
        )
          r.status = 'OutOfSync';
      if (agents[2])
        resources.push({
          group: '',
          version: 'v1',
          kind: 'Service',
          namespace: ns,
          name: agents[2].serviceName,
          status: 'OutOfSync',
          health: { status: 'Missing' },
        });
    }
    if (blockedModule === module.slug) {
      sync = 'OutOfSync';
      health = {
        status: 'Degraded',
        message: 'one or more objects failed to apply',
      };
      operation = {
        phase: 'Failed',
        message:
          'one or more objects failed to apply, reason: Deployment.apps "base-data-ingestion-agent-data-collector" is invalid: spec.template.spec.containers[0].image: Required value',
      };
      for (const r of resources)
        if (r.kind === 'Deployment' && r.name.endsWith('data-collector')) {
          r.status = 'OutOfSync';
          r.health = { status: 'Degraded', message: 'failed to apply' };
        }
    } else if (blockedWave !== undefined && module.wave > blockedWave) {
      sync = 'OutOfSync';
      health = { status: 'Missing' };
      operation = {
        phase: 'Running',
        message: `waiting for healthy state of wave ${blockedWave}`,
      };
      for (const r of resources) {
        r.status = 'OutOfSync';
        r.health = { status: 'Missing' };
      }
    }
    const domain = DOMAINS.find(d => d.name === module.domain);
    app({
      name: module.slug,
      namespace: ns,
      wave: module.wave,
      path: module.folder,
      server: BASE_CLUSTER_SERVER,
      set: `base-${domain?.name ?? 'modules'}`,
      labels: {
        'app.kubernetes.io/name': module.folder,
        'app.kubernetes.io/component': 'base-layer',
        'target.cluster': 'base',
      },
      resources,
      tree,
      sync,
      health,
      operation,
    });
  }

  for (const tool of PLATFORM_APPS) {
    const deployment = {
      group: 'apps',
      version: 'v1',
      kind: 'Deployment',
      namespace: tool.namespace,
      name: tool.name,
      status: 'Synced',
      health: { status: 'Healthy' as Health },
    };
    app({
      name: tool.name,
      namespace: tool.namespace,
      wave: tool.wave,
      path: tool.path,
      server: IN_CLUSTER,
      set: PLATFORM_SETS[tool.wave],
      labels: {
        'app.kubernetes.io/name': tool.name,
        'app.kubernetes.io/component': tool.wave < 2 ? 'core' : 'application',
        'target.cluster': 'platform',
      },
      resources: [deployment],
      tree: [
        {
          ...deployment,
          uid: uid(`${tool.namespace}/${tool.name}`),
          resourceVersion: '1',
          createdAt: created,
        },
      ],
      sync: 'Synced',
      health: { status: 'Healthy' },
      operation: {
        phase: 'Succeeded',
        message: 'successfully synced (all tasks run)',
      },
    });
  }
  return apps;
}

/** ApplicationSets grouping the Applications by wave. */
export function buildApplicationSets(apps: any[], now: Date): any[] {
  const sets = new Map<string, any[]>();
  for (const a of apps) {
    const set = a.metadata.ownerReferences[0].name;
    sets.set(set, [...(sets.get(set) ?? []), a]);
  }
  return [...sets.entries()].map(([name, members]) => ({
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: {
      name,
      namespace: 'argocd',
      uid: uid(`appset/${name}`),
      creationTimestamp: new Date(now.getTime() - 30 * 86400_000).toISOString(),
      annotations: {
        'argocd.argoproj.io/sync-wave':
          members[0].metadata.annotations['argocd.argoproj.io/sync-wave'],
      },
    },
    spec: {
      generators: [
        {
          list: {
            elements: members.map(m => ({
              name: m.metadata.name,
              namespace: m.spec.destination.namespace,
              path: m.spec.source.path,
            })),
          },
        },
      ],
      template: {
        metadata: {
          name: '{{name}}',
          annotations: {
            'argocd.argoproj.io/sync-wave':
              members[0].metadata.annotations['argocd.argoproj.io/sync-wave'],
          },
        },
        spec: {
          project: 'default',
          source: {
            repoURL: REPO_URL,
            path: '{{path}}',
            targetRevision: 'main',
          },
          destination: {
            server: members[0].spec.destination.server,
            namespace: '{{namespace}}',
          },
        },
      },
    },
    status: {
      conditions: [
        {
          type: 'ResourcesUpToDate',
          status: 'True',
          reason: 'ApplicationSetUpToDate',
          message: 'All applications have been generated successfully',
          lastTransitionTime: now.toISOString(),
        },
      ],
      resources: members.map(m => ({
        group: 'argoproj.io',
        version: 'v1alpha1',
        kind: 'Application',
        namespace: 'argocd',
        name: m.metadata.name,
        status: m.status.sync.status,
        health: m.status.health,
      })),
    },
  }));
}
