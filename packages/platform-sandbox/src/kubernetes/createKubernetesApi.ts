import express, { Request, Response } from 'express';
import type { KubeObject } from './buildBaseCluster';
import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
} from './selectors';

/** A resource type the sandbox serves. */
interface ResourceType {
  group: string; // '' for the core group
  version: string;
  plural: string;
  singular: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
}

/** What the portal's clients read. Types without objects here list empty, as on a real cluster. */
export const RESOURCE_TYPES: ResourceType[] = [
  {
    group: '',
    version: 'v1',
    plural: 'namespaces',
    singular: 'namespace',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
  },
  {
    group: '',
    version: 'v1',
    plural: 'nodes',
    singular: 'node',
    kind: 'Node',
    namespaced: false,
    shortNames: ['no'],
  },
  {
    group: '',
    version: 'v1',
    plural: 'pods',
    singular: 'pod',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
  },
  {
    group: '',
    version: 'v1',
    plural: 'services',
    singular: 'service',
    kind: 'Service',
    namespaced: true,
    shortNames: ['svc'],
  },
  {
    group: '',
    version: 'v1',
    plural: 'events',
    singular: 'event',
    kind: 'Event',
    namespaced: true,
    shortNames: ['ev'],
  },
  {
    group: '',
    version: 'v1',
    plural: 'configmaps',
    singular: 'configmap',
    kind: 'ConfigMap',
    namespaced: true,
    shortNames: ['cm'],
  },
  {
    group: '',
    version: 'v1',
    plural: 'limitranges',
    singular: 'limitrange',
    kind: 'LimitRange',
    namespaced: true,
  },
  {
    group: '',
    version: 'v1',
    plural: 'resourcequotas',
    singular: 'resourcequota',
    kind: 'ResourceQuota',
    namespaced: true,
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'deployments',
    singular: 'deployment',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'replicasets',
    singular: 'replicaset',
    kind: 'ReplicaSet',
    namespaced: true,
    shortNames: ['rs'],
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'statefulsets',
    singular: 'statefulset',
    kind: 'StatefulSet',
    namespaced: true,
    shortNames: ['sts'],
  },
  {
    group: 'apps',
    version: 'v1',
    plural: 'daemonsets',
    singular: 'daemonset',
    kind: 'DaemonSet',
    namespaced: true,
    shortNames: ['ds'],
  },
  {
    group: 'autoscaling',
    version: 'v2',
    plural: 'horizontalpodautoscalers',
    singular: 'horizontalpodautoscaler',
    kind: 'HorizontalPodAutoscaler',
    namespaced: true,
    shortNames: ['hpa'],
  },
  {
    group: 'batch',
    version: 'v1',
    plural: 'jobs',
    singular: 'job',
    kind: 'Job',
    namespaced: true,
  },
  {
    group: 'batch',
    version: 'v1',
    plural: 'cronjobs',
    singular: 'cronjob',
    kind: 'CronJob',
    namespaced: true,
    shortNames: ['cj'],
  },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    plural: 'ingresses',
    singular: 'ingress',
    kind: 'Ingress',
    namespaced: true,
    shortNames: ['ing'],
  },
  {
    group: 'karpenter.sh',
    version: 'v1',
    plural: 'nodepools',
    singular: 'nodepool',
    kind: 'NodePool',
    namespaced: false,
  },
  {
    group: 'karpenter.sh',
    version: 'v1',
    plural: 'nodeclaims',
    singular: 'nodeclaim',
    kind: 'NodeClaim',
    namespaced: false,
  },
  {
    group: 'karpenter.k8s.aws',
    version: 'v1',
    plural: 'ec2nodeclasses',
    singular: 'ec2nodeclass',
    kind: 'EC2NodeClass',
    namespaced: false,
    shortNames: ['ec2nc'],
  },
];

const groupVersion = (t: ResourceType) =>
  t.group ? `${t.group}/${t.version}` : t.version;

function status(
  res: Response,
  code: number,
  reason: string,
  message: string,
  details?: object,
) {
  res.status(code).json({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    details,
    code,
  });
}

function resourceList(gv: string) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: gv,
    resources: RESOURCE_TYPES.filter(t => groupVersion(t) === gv).map(t => ({
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: ['get', 'list'],
      ...(t.shortNames ? { shortNames: t.shortNames } : {}),
    })),
  };
}

function age(created: unknown): string {
  const seconds = Math.max(
    0,
    (Date.now() - new Date(String(created)).getTime()) / 1000,
  );
  if (seconds < 120) return `${Math.floor(seconds)}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86400)}d`;
}

/** Server-side printing, as `kubectl get` asks for it (Accept: …;as=Table). */
function table(type: ResourceType, items: KubeObject[]) {
  const col = (name: string, format = '') => ({
    name,
    type: 'string',
    format,
    description: name,
    priority: 0,
  });
  const pod = type.kind === 'Pod';
  const columns = pod
    ? [
        col('Name', 'name'),
        col('Ready'),
        col('Status'),
        col('Restarts'),
        col('Age'),
        col('Node'),
      ]
    : [col('Name', 'name'), col('Age')];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion: '1' },
    columnDefinitions: columns,
    rows: items.map(o => {
      const s: any = (o as any).status ?? {};
      const containers: any[] = s.containerStatuses ?? [];
      const cells = pod
        ? [
            o.metadata.name,
            `${containers.filter(c => c.ready).length}/${
              ((o as any).spec?.containers ?? []).length
            }`,
            containers.find(c => c.state?.waiting)?.state.waiting.reason ??
              s.phase,
            containers.reduce((n, c) => n + (c.restartCount ?? 0), 0),
            age(o.metadata.creationTimestamp),
            (o as any).spec?.nodeName ?? '<none>',
          ]
        : [o.metadata.name, age(o.metadata.creationTimestamp)];
      return {
        cells,
        object: {
          kind: 'PartialObjectMetadata',
          apiVersion: 'meta.k8s.io/v1',
          metadata: o.metadata,
        },
      };
    }),
  };
}

/** Answers a service proxy request; the scenario decides what the workload says. */
export type ServiceProxyHandler = (args: {
  namespace: string;
  service: KubeObject;
  pods: KubeObject[];
  path: string;
}) => { status: number; body: unknown };

export interface KubernetesApiOptions {
  /** Objects of the cluster, as of now. */
  objects: () => KubeObject[];
  gitVersion: string;
  proxy: ServiceProxyHandler;
}

/** An HTTP API that answers as a Kubernetes API server does, for reads. */
export function createKubernetesApi(options: KubernetesApiOptions) {
  const app = express();
  app.disable('x-powered-by');

  app.get('/version', (_req, res) => {
    const [, major, minor] = options.gitVersion.match(/^v(\d+)\.(\d+)/) ?? [];
    res.json({
      major,
      minor,
      gitVersion: options.gitVersion,
      gitCommit: 'sandbox',
      gitTreeState: 'clean',
      buildDate: '2026-01-01T00:00:00Z',
      goVersion: 'go1.24',
      compiler: 'gc',
      platform: 'linux/amd64',
    });
  });
  app.get(['/healthz', '/livez', '/readyz'], (_req, res) =>
    res.type('text/plain').send('ok'),
  );
  app.get('/api', (req, res) =>
    res.json({
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [
        { clientCIDR: '0.0.0.0/0', serverAddress: req.headers.host },
      ],
    }),
  );
  app.get('/api/v1', (_req, res) => res.json(resourceList('v1')));
  app.get('/apis', (_req, res) => {
    const groups = [
      ...new Set(RESOURCE_TYPES.filter(t => t.group).map(t => t.group)),
    ];
    res.json({
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: groups.map(name => {
        const version = RESOURCE_TYPES.find(t => t.group === name)!.version;
        const gv = { groupVersion: `${name}/${version}`, version };
        return { name, versions: [gv], preferredVersion: gv };
      }),
    });
  });
  app.get('/apis/:group/:version', (req, res) => {
    const gv = `${req.params.group}/${req.params.version}`;
    if (!RESOURCE_TYPES.some(t => groupVersion(t) === gv))
      return status(
        res,
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    return res.json(resourceList(gv));
  });

  // service proxy: /api/v1/namespaces/{ns}/services/{name}[:{port}]/proxy/{path}
  app.all(
    /^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/]+)\/proxy(\/.*)?$/,
    (req: Request, res: Response) => {
      const [namespace, nameAndPort, path] = [
        req.params[0],
        req.params[1],
        req.params[2] ?? '/',
      ];
      const name = nameAndPort.replace(/^https?:/, '').split(':')[0];
      const objects = options.objects();
      const service = objects.find(
        o =>
          o.kind === 'Service' &&
          o.metadata.namespace === namespace &&
          o.metadata.name === name,
      );
      if (!service)
        return status(res, 404, 'NotFound', `services "${name}" not found`, {
          name,
          kind: 'services',
        });
      const selector = ((service as any).spec?.selector ?? {}) as Record<
        string,
        string
      >;
      const pods = objects.filter(
        o =>
          o.kind === 'Pod' &&
          o.metadata.namespace === namespace &&
          Object.entries(selector).every(
            ([k, v]) => o.metadata.labels?.[k] === v,
          ) &&
          (o as any).status?.conditions?.some(
            (c: any) => c.type === 'Ready' && c.status === 'True',
          ),
      );
      if (pods.length === 0)
        return status(
          res,
          503,
          'ServiceUnavailable',
          `no endpoints available for service "${name}"`,
        );
      const answer = options.proxy({ namespace, service, pods, path });
      return res.status(answer.status).json(answer.body);
    },
  );

  // list and get, cluster-wide and namespaced, core and named groups
  const handler = (req: Request, res: Response) => {
    const {
      group = '',
      version,
      namespace,
      plural,
      name,
    } = req.params as Record<string, string | undefined>;
    const type = RESOURCE_TYPES.find(
      t => t.group === group && t.version === version && t.plural === plural,
    );
    if (!type)
      return status(
        res,
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    if (namespace && !type.namespaced)
      return status(
        res,
        404,
        'NotFound',
        'the server could not find the requested resource',
      );
    let items = options
      .objects()
      .filter(
        o =>
          o.kind === type.kind &&
          (!namespace || o.metadata.namespace === namespace),
      );
    if (name) {
      const found = items.find(o => o.metadata.name === name);
      if (!found)
        return status(
          res,
          404,
          'NotFound',
          `${type.plural}${
            type.group ? `.${type.group}` : ''
          } "${name}" not found`,
          { name, group: type.group, kind: type.plural },
        );
      return res.json(found);
    }
    try {
      const labels = parseLabelSelector(
        req.query.labelSelector as string | undefined,
      );
      const fields = parseFieldSelector(
        req.query.fieldSelector as string | undefined,
      );
      items = items.filter(
        o =>
          matchesLabels(o.metadata.labels, labels) && matchesFields(o, fields),
      );
    } catch (error) {
      if (error instanceof SelectorError)
        return status(res, 400, 'BadRequest', error.message);
      throw error;
    }
    const limit = Number(req.query.limit ?? 0);
    if (/;\s*as=Table/.test(req.headers.accept ?? ''))
      return res.json(table(type, items));
    return res.json({
      kind: `${type.kind}List`,
      apiVersion: groupVersion(type),
      metadata: { resourceVersion: '1' },
      items: limit > 0 ? items.slice(0, limit) : items,
    });
  };
  app.get('/api/:version/namespaces/:namespace/:plural/:name?', handler);
  app.get('/api/:version/:plural/:name?', handler);
  app.get(
    '/apis/:group/:version/namespaces/:namespace/:plural/:name?',
    handler,
  );
  app.get('/apis/:group/:version/:plural/:name?', handler);
  app.use((_req, res) =>
    status(
      res,
      404,
      'NotFound',
      'the server could not find the requested resource',
    ),
  );
  return app;
}
