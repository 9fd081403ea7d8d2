/*
 * deploy/: the overlays render with the machine's kubectl (Kustomize 5.5),
 * every object validates against its schema, the PrometheusRule carries the
 * rules of deploy/prometheus, and the ClusterRole grants exactly
 * what the plugins' clients read.
 */
import { ConfigReader } from '@backstage/config';
import { validateRendered } from '@internal/platform-sandbox';
import { karpenterLists } from '@internal/plugin-karpenter-backend';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const exec = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');

function named(objects: any[], kind: string, name: string) {
  const found = objects.find(o => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} rendered`);
  return found;
}

async function render(overlay: string) {
  const { stdout } = await exec('kubectl', [
    'kustomize',
    path.join(ROOT, 'deploy/overlays', overlay),
  ]);
  return validateRendered(stdout, ['PrometheusRule']);
}

/** `group/resource` of a list path such as /apis/karpenter.sh/v1/nodepools or /api/v1/nodes. */
function resourceOf(listPath: string): string {
  const core = listPath.match(/^\/api\/v1\/([a-z0-9]+)$/);
  if (core) return `/${core[1]}`;
  const grouped = listPath.match(/^\/apis\/([^/]+)\/[^/]+\/([a-z0-9]+)$/);
  if (!grouped) throw new Error(`not a list path: ${listPath}`);
  return `${grouped[1]}/${grouped[2]}`;
}

/** The Kubernetes plugin's object types (app-config.production.yaml) as `group/resource`. */
const OBJECT_TYPE_GROUPS: Record<string, string> = {
  pods: '',
  services: '',
  configmaps: '',
  limitranges: '',
  resourcequotas: '',
  deployments: 'apps',
  replicasets: 'apps',
  statefulsets: 'apps',
  daemonsets: 'apps',
  horizontalpodautoscalers: 'autoscaling',
  jobs: 'batch',
  cronjobs: 'batch',
  ingresses: 'networking.k8s.io',
};

describe('deploy/', () => {
  it.each(['prod', 'dev'])(
    'overlays/%s renders, every object valid',
    async overlay => {
      const objects = await render(overlay);
      const kinds = objects.map(o => o.kind).sort();
      expect(kinds).toEqual([
        'ClusterRole',
        'ClusterRoleBinding',
        'ConfigMap',
        'ConfigMap',
        'Deployment',
        'Deployment',
        'Ingress',
        'Namespace',
        'PodDisruptionBudget',
        'PrometheusRule',
        'Service',
        'Service',
        'ServiceAccount',
      ]);
      const deployment = named(objects, 'Deployment', 'developer-portal');
      const pod = deployment.spec.template.spec;
      const container = pod.containers[0];
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      expect(container.securityContext.readOnlyRootFilesystem).toBe(true);
      expect(container.livenessProbe.httpGet.path).toBe(
        '/.backstage/health/v1/liveness',
      );
      expect(container.readinessProbe.httpGet.path).toBe(
        '/.backstage/health/v1/readiness',
      );
      expect(container.resources.limits).toBeDefined();
      // secrets only by reference, and the generated settings name kept in step
      const settings = objects.find(
        o =>
          o.kind === 'ConfigMap' &&
          o.metadata.name.startsWith('developer-portal-settings'),
      );
      expect(container.envFrom).toEqual([
        { configMapRef: { name: settings.metadata.name } },
        { secretRef: { name: 'developer-portal-secrets' } },
      ]);
      expect(objects.some(o => o.kind === 'Secret')).toBe(false);
      // the in-cluster CA, trusted by Node, from the mounted ConfigMap
      const ca = container.env.find(
        (e: { name: string }) => e.name === 'NODE_EXTRA_CA_CERTS',
      ).value;
      const mount = container.volumeMounts.find((m: { mountPath: string }) =>
        ca.startsWith(`${m.mountPath}/`),
      );
      expect(
        pod.volumes.find((v: { name: string }) => v.name === mount.name)
          .configMap,
      ).toEqual({ name: 'platform-ca', optional: true });
      const ingress = objects.find(o => o.kind === 'Ingress');
      expect(
        ingress.metadata.annotations['alb.ingress.kubernetes.io/ssl-redirect'],
      ).toBe('443');
    },
  );

  it('prod serves fin.vsem-svoim.com with two replicas and a disruption budget', async () => {
    const objects = await render('prod');
    expect(objects.find(o => o.kind === 'Ingress').spec.rules[0].host).toBe(
      'fin.vsem-svoim.com',
    );
    expect(named(objects, 'Deployment', 'developer-portal').spec.replicas).toBe(
      2,
    );
    expect(
      objects.find(o => o.kind === 'PodDisruptionBudget').spec.minAvailable,
    ).toBe(1);
  });

  it('the PrometheusRule carries exactly the recording and alerting rules of deploy/prometheus', async () => {
    const rule = (await render('prod')).find(o => o.kind === 'PrometheusRule');
    const rules = parse(
      fs.readFileSync(
        path.join(ROOT, 'deploy/prometheus/ingestion.rules.yaml'),
        'utf8',
      ),
    );
    expect(rule.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(rule.spec.groups).toEqual(rules.groups);
  });

  it('the ArgoCD Application that takes the Platform UI’s place is valid and points at the prod overlay', () => {
    const [app] = validateRendered(
      fs.readFileSync(
        path.join(ROOT, 'deploy/argocd/application.yaml'),
        'utf8',
      ),
    );
    expect(app.spec.source.path).toBe('deploy/overlays/prod');
    expect(app.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('2');
  });

  it('the ClusterRole grants exactly what the plugins read, read-only', async () => {
    const role = (await render('prod')).find(o => o.kind === 'ClusterRole');
    const granted = new Set<string>();
    for (const rule of role.rules) {
      expect(
        rule.verbs.every((v: string) => ['get', 'list', 'watch'].includes(v)),
      ).toBe(true);
      for (const group of rule.apiGroups)
        for (const resource of rule.resources)
          granted.add(`${group}/${resource}`);
    }
    const production = new ConfigReader(
      parse(
        fs.readFileSync(path.join(ROOT, 'app-config.production.yaml'), 'utf8'),
      ),
    );
    const objectTypes = production.getStringArray('kubernetes.objectTypes');
    const requested = new Set<string>([
      // the Kubernetes plugin: its object types, and a pod's events when opened
      ...objectTypes.map(t => `${OBJECT_TYPE_GROUPS[t]}/${t}`),
      '/events',
      // api-status: health endpoints through the API server's service proxy
      '/services/proxy',
      // karpenter: one list per kind and refresh
      ...Object.values(karpenterLists).map(resourceOf),
    ]);
    expect([...granted].sort()).toEqual([...requested].sort());
  });

  it.each(['prod', 'dev'])(
    'overlays/%s routes every tool path to its in-cluster Service, the one the portal probes',
    async overlay => {
      const objects = await render(overlay);
      const tools: Array<{ id: string; url: string; healthUrl: string }> =
        parse(
          fs.readFileSync(
            path.join(ROOT, 'config/platform-tools.yaml'),
            'utf8',
          ),
        );
      const ingress = named(objects, 'Ingress', 'developer-portal');
      const paths = ingress.spec.rules[0].http.paths;
      const conf = named(objects, 'ConfigMap', 'platform-tools-proxy').data[
        'default.conf'
      ] as string;
      // the nginx locations, read as SHAPES.md §8 reads the Platform UI's
      const upstreams = new Map<string, string>();
      let location: string | undefined;
      for (const line of conf.split('\n')) {
        const loc = line.match(/^\s*(#\s*)?location\s+(\S+)/);
        if (loc && !loc[1]) location = loc[2];
        const set = line.match(/^\s*(#\s*)?set\s+\$(\w+)_upstream\s+([^;]+);/);
        if (set && !set[1] && location) upstreams.set(location, set[3]);
      }
      for (const tool of tools) {
        const toolPath = new URL(tool.url).pathname;
        // the Ingress sends the tool path to the tools proxy, not the SPA
        expect(paths).toContainEqual({
          path: toolPath,
          pathType: 'Prefix',
          backend: {
            service: { name: 'platform-tools-proxy', port: { name: 'http' } },
          },
        });
        // which passes it to the Service the portal probes
        const health = new URL(tool.healthUrl);
        const port =
          health.port || (health.protocol === 'https:' ? '443' : '80');
        expect([toolPath, upstreams.get(toolPath)]).toEqual([
          toolPath,
          `${health.hostname}:${port}`,
        ]);
      }
      // the portal keeps the rest; the tool paths come first
      expect(paths[paths.length - 1].path).toBe('/');
      expect(paths[paths.length - 1].backend.service.name).toBe(
        'developer-portal',
      );
      const proxy = named(objects, 'Service', 'platform-tools-proxy');
      expect(
        proxy.metadata.annotations[
          'alb.ingress.kubernetes.io/healthcheck-path'
        ],
      ).toBe('/health');
      const proxyPods = named(objects, 'Deployment', 'platform-tools-proxy');
      expect(proxyPods.spec.selector.matchLabels).toEqual(proxy.spec.selector);
      expect(
        proxyPods.spec.template.spec.containers[0].readinessProbe.httpGet.path,
      ).toBe('/health');
    },
  );
});
