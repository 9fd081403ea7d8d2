import fs from 'node:fs';
import path from 'node:path';
import type { PlatformFile } from '../discover';
import { DEFAULT_PLATFORM } from './platform';
import {
  KARPENTER_TF,
  NODE_GROUPS_TFVARS,
  PLATFORM_UI_PROXY,
  readPlatformFiles,
} from './platformFiles';

const EXAMPLE = path.resolve(__dirname, '../../../../examples/base-platform');
const file = (p: string, content: string): PlatformFile => ({
  path: p,
  content: Buffer.from(content),
});
const example = (p: string) =>
  file(p, fs.readFileSync(path.join(EXAMPLE, p), 'utf8'));
const read = (files: PlatformFile[], hasModules = true) =>
  readPlatformFiles(files, DEFAULT_PLATFORM, hasModules);

describe('readPlatformFiles', () => {
  it('reads the NodePool of the karpenter module and the node groups of the tfvars', () => {
    const { platform, findings } = read([
      example(KARPENTER_TF),
      example(NODE_GROUPS_TFVARS),
    ]);
    expect(findings).toEqual([]);
    const [pool, ...groups] = platform.nodeSources;
    expect(pool).toMatchObject({
      kind: 'karpenter-nodepool',
      name: 'base-data-processing',
      cluster: 'base-app-layer-dev',
      labels: {
        'workload-type': 'data-processing',
        'node-type': 'base-data',
        // var.cluster_name: the cluster the module is called for
        'cluster-name': 'base-app-layer-dev',
      },
      requirements: {
        'karpenter.sh/capacity-type': ['spot', 'on-demand'],
        'kubernetes.io/arch': ['amd64'],
      },
      taints: [
        {
          key: 'workload-type',
          value: 'data-processing',
          effect: 'NoSchedule',
        },
      ],
      source: KARPENTER_TF,
    });
    expect(pool.requirements!['node.kubernetes.io/instance-type']).toHaveLength(
      12,
    );
    // the EC2NodeClass is not a node source
    expect(
      platform.nodeSources.filter(s => s.kind === 'karpenter-nodepool'),
    ).toHaveLength(1);
    expect(
      groups.map(g => `${g.cluster}/${g.name} ${g.labels.NodeGroup}`),
    ).toEqual([
      'platform-app-layer-dev/platform_system platform-system',
      'platform-app-layer-dev/platform_general platform-general',
      'platform-app-layer-dev/platform_compute platform-compute',
      'platform-app-layer-dev/platform_memory platform-memory',
      'platform-app-layer-dev/platform_gpu platform-gpu',
      'base-app-layer-dev/base_apps base-apps',
    ]);
    const gpu = groups.find(g => g.name === 'platform_gpu')!;
    // declared, but the EKS module applies labels only
    expect(gpu.taints).toEqual([]);
    expect(gpu.description).toContain(
      'declares taints nvidia.com/gpu=true:NO_SCHEDULE, which the EKS module never applies',
    );
  });

  it('reads the tools the Platform UI proxies, active or commented out', () => {
    const { platform, findings } = read([example(PLATFORM_UI_PROXY)], false);
    expect(findings).toEqual([]);
    expect(
      platform.platformServices.map(
        t =>
          `${t.path} ${t.name} ${t.scheme}://${t.upstream}${
            t.proxyPath ?? ''
          } ns=${t.namespace} ${t.enabled ? 'on' : 'off'} :${t.line}`,
      ),
    ).toEqual([
      '/argocd/ argocd https://argocd-server.argocd.svc.cluster.local:443/argocd/ ns=argocd on :27',
      '/vault/ vault http://vault.vault.svc.cluster.local:8200/ui/ ns=vault on :43',
      '/airflow/ airflow http://airflow.airflow.svc.cluster.local:8080/ ns=airflow off :58',
      '/mlflow/ mlflow http://mlflow-tracking-server.mlflow.svc.cluster.local:5000/ ns=mlflow off :68',
      '/kubeflow/ kubeflow http://kubeflow-ui-server.kubeflow.svc.cluster.local:3000/ ns=kubeflow off :78',
      '/superset/ superset http://apache-superset.superset.svc.cluster.local:8088/ ns=superset off :88',
      '/grafana/ grafana http://grafana.monitoring.svc.cluster.local:3000/ ns=monitoring off :98',
      '/prometheus/ prometheus http://prometheus.monitoring.svc.cluster.local:9090/prometheus/ ns=monitoring off :108',
      '/kiali/ kiali http://kiali.istio-system.svc.cluster.local:20001/kiali/ ns=istio-system off :118',
    ]);
    const lines = fs
      .readFileSync(path.join(EXAMPLE, PLATFORM_UI_PROXY), 'utf8')
      .split('\n');
    for (const t of platform.platformServices)
      expect(lines[t.line! - 1]).toContain(`set $${t.name}_upstream`);
  });

  it('names the namespace a proxied Service is really declared in', () => {
    const kiali = file(
      'platform-services-v2/orchestration-services/kiali/manifests/kiali-deployment.yaml',
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: kiali\n  namespace: istio-mesh\nspec:\n  ports:\n    - port: 20001\n',
    );
    const { platform, findings } = read(
      [example(PLATFORM_UI_PROXY), kiali],
      false,
    );
    expect(findings).toEqual([
      {
        rule: 'platform-tool',
        severity: 'warning',
        file: PLATFORM_UI_PROXY,
        line: 118,
        message:
          '/kiali/ is proxied to kiali.istio-system.svc.cluster.local:20001, but the tree declares Service kiali in namespace istio-mesh (platform-services-v2/orchestration-services/kiali/manifests/kiali-deployment.yaml), not istio-system',
      },
    ]);
    expect(
      platform.platformServices.find(t => t.name === 'kiali')!.namespace,
    ).toBe('istio-mesh');
  });

  it('turns bad files into findings with their line', () => {
    const { platform, findings } = read([
      file(
        KARPENTER_TF,
        'resource "kubernetes_manifest" "x" {\n  manifest = {\n    kind = "NodePool"\n',
      ),
      file(
        NODE_GROUPS_TFVARS,
        'gpu_config = {\n  managed_node_groups = { a = {} }\n}\n',
      ),
      file(
        PLATFORM_UI_PROXY,
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: {}\n',
      ),
    ]);
    expect(platform.nodeSources).toEqual([]);
    expect(platform.platformServices).toEqual([]);
    expect(
      findings.map(
        f =>
          `${f.rule} ${f.severity} ${f.file!.split('/').pop()}:${
            f.line ?? '-'
          } ${f.message}`,
      ),
    ).toEqual([
      'platform-file error main.tf:4 not valid HCL: missing "}"',
      'platform-file warning terraform.tfvars:1 gpu_config names no cluster of the platform (platform-app-layer-dev, base-app-layer-dev): its node groups are not known',
      'platform-file warning platform-ui-proxy.yaml:- no ConfigMap with a default.conf: the tools the Platform UI proxies are not known',
    ]);
  });

  it('says when a tree with modules declares no node sources, and keeps the configured ones', () => {
    expect(read([]).findings.map(f => f.message)).toEqual([
      `neither ${KARPENTER_TF} nor ${NODE_GROUPS_TFVARS} is in the tree: the node pools and node groups are not known, so no workload's placement is checked`,
    ]);
    expect(read([], false).findings).toEqual([]);
    const configured = readPlatformFiles(
      [],
      {
        ...DEFAULT_PLATFORM,
        nodeSources: [
          {
            kind: 'node-group',
            name: 'g',
            cluster: 'base-app-layer-dev',
            labels: {},
            taints: [],
          },
        ],
      },
      true,
    );
    expect(configured.findings).toEqual([]);
    expect(configured.platform.nodeSources.map(s => s.name)).toEqual(['g']);
  });
});
