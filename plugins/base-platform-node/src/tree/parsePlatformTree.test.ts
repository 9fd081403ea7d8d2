import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PlatformFile } from '../discover';
import { readDirectoryTree } from '../discover';
import { checkReport } from '../check/checkReport';
import { parsePlatformTree } from './parsePlatformTree';
import {
  KARPENTER_TF,
  NODE_GROUPS_TFVARS,
  PLATFORM_UI_PROXY,
} from './platformFiles';

const EXAMPLE = path.resolve(__dirname, '../../../../examples/base-platform');
const PLATFORM_FILES = [KARPENTER_TF, NODE_GROUPS_TFVARS, PLATFORM_UI_PROXY];

const file = (p: string, content: string | Buffer): PlatformFile => ({
  path: p,
  content: Buffer.isBuffer(content) ? content : Buffer.from(content),
});

// ---------------------------------------------------------------- shapes
// Each as the real repository holds it (reference SHAPES.md §1–7).

const MISINDENTED = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
metadata:
  name: base-data-ingestion
  annotations:
    argocd.argoproj.io/sync-wave: "5"
namespace: base-data-ingestion
resources:
  - namespace.yaml
  - base-crds.yaml
  - agents/
  - models/
  - orchestrators/
  - workflows/
  - configs/
labels:
  - includeSelectors: true
    pairs:
    app.kubernetes.io/name: base-data-ingestion
    app.kubernetes.io/component: data-platform
    deployment.wave: "5"
commonAnnotations:
  argocd.argoproj.io/sync-wave: "5"
  module.description: "Data ingestion"
`;

const agentFile = (o: {
  desc: string;
  selector?: string;
  probes?: string;
  env?: string;
  extraDocs?: string;
}) => `apiVersion: v1
kind: ServiceAccount
metadata:
  name: base-${o.desc}-sa
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: base-data-ingestion-agent-${o.desc}
  namespace: base-data-ingestion
  labels:
    app.kubernetes.io/name: base-${o.desc}
    base.io/type: agent
    base.io/function: ${o.desc}
spec:
  replicas: 3
  selector:
    matchLabels:
      app.kubernetes.io/name: base-${o.desc}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: base-${o.desc}
        base.io/type: agent
    spec:
      nodeSelector:
        ${o.selector ?? 'karpenter.sh/nodepool: base-data-processing'}
      tolerations:
        - { key: workload-type, operator: Equal, value: data-processing, effect: NoSchedule }
      containers:
        - name: ${o.desc}
          image: python:3.13.7-slim
          ports:
            - { name: http-metrics, containerPort: 9090, protocol: TCP }
            - { name: http-health, containerPort: 8080, protocol: TCP }
${
  o.probes ??
  `          livenessProbe: { httpGet: { path: /health/live, port: 8080, scheme: HTTP } }
          readinessProbe: { httpGet: { path: /health/ready, port: 8080, scheme: HTTP } }
          startupProbe: { httpGet: { path: /health/startup, port: 8080, scheme: HTTP } }`
}
          env:
            - { name: LOG_LEVEL, value: INFO }
${o.env ?? ''}
---
apiVersion: v1
kind: Service
metadata:
  name: base-${o.desc}-service
spec:
  type: ClusterIP
  ports:
    - { name: http, port: 8080, targetPort: 8080, protocol: TCP }
  selector:
    app.kubernetes.io/name: base-${o.desc}
${o.extraDocs ?? ''}`;

const collector = agentFile({
  desc: 'data-collector',
  selector: 'NodeGroup: base-data-services',
  env: '            - { name: THROUGHPUT_TARGET, value: 100GB/hour }',
  extraDocs: `---
apiVersion: v1
kind: ConfigMap
metadata:
  name: base-data-collector-config
data:
  collector.yaml: |
    collector:
      integration:
        connector_service:
          endpoint: http://base-data-connector-service:8080
        security_service:
          endpoint: http://base-data-security-service:8080
    monitoring:
      jaeger:
        endpoint: https://tracing.example.com/api/traces
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: base-data-collector-hpa
spec:
  scaleTargetRef: { apiVersion: apps/v1, kind: Deployment, name: base-data-ingestion-agent-data-collector }
  minReplicas: 2
  maxReplicas: 20
  metrics:
    - { type: Resource, resource: { name: cpu, target: { type: Utilization, averageUtilization: 70 } } }
    - { type: Pods, pods: { metric: { name: queue_depth }, target: { type: AverageValue, averageValue: "100" } } }
`,
});

const cr = (kind: string, name: string, spec: string) => `apiVersion: base.io/v1
kind: ${kind}
metadata:
  name: ${name}
  namespace: base-data-ingestion
spec:
${spec}`;

/** A real-shaped repository: one real module, one stub, the platform folders around them. */
function realTree(): PlatformFile[] {
  const ing = 'data_ingestion';
  const stub = 'data_control';
  return [
    file(`${ing}/kustomization.yaml`, MISINDENTED),
    file(
      `${ing}/namespace.yaml`,
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: base-data-ingestion\n  annotations:\n    argocd.argoproj.io/sync-wave: "3"\n',
    ),
    file(
      `${ing}/base-crds.yaml`,
      'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: agents.base.io\n',
    ),
    file(`${ing}/README.md`, '# Data ingestion'),
    file(`${ing}/.DS_Store`, Buffer.from([0, 0, 0, 1])),
    file(
      `${ing}/testing/k8s-manifests/test-deploy.yaml`,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: test-agent\n',
    ),
    file(`${ing}/testing/scripts/run.py`, 'print(1)'),
    file(
      `${ing}/agents/kustomization.yaml`,
      'resources:\n  - base-data-ingestion-agent-data-collector.yaml\n  - base-data-ingestion-agent-data-connector.yaml\n  - base-data-ingestion-agent-lifecycle-manager.yaml\n',
    ),
    file(
      `${ing}/agents/base-data-ingestion-agent-data-collector.yaml`,
      collector,
    ),
    file(
      `${ing}/agents/base-data-ingestion-agent-data-connector.yaml`,
      agentFile({
        desc: 'data-connector',
        probes:
          '          livenessProbe: { httpGet: { path: /health/live, port: 8080 } }\n          readinessProbe: { tcpSocket: { port: 8080 } }\n          startupProbe: { httpGet: { path: /health/startup, port: 8080 } }',
      }),
    ),
    file(
      `${ing}/agents/base-data-ingestion-agent-lifecycle-manager.yaml`,
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: base-data-ingestion-agent-lifecycle-manager\nspec:\n  replicas: 2\n  selector:\n    matchLabels: { app.kubernetes.io/name: lifecycle-manager }\n  template:\n    metadata:\n      labels: { app.kubernetes.io/name: lifecycle-manager }\n    spec:\n      containers:\n        - name: lifecycle-manager\n          image: python:3.13.7-slim\n          ports:\n            - containerPort: 8080\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: base-lifecycle-manager-service\nspec:\n  ports:\n    - port: 8080\n  selector: { app.kubernetes.io/name: lifecycle-manager }\n',
    ),
    file(`${ing}/agents/ingest-agents-README.md`, '# agents'),
    file(
      `${ing}/models/kustomization.yaml`,
      'resources:\n  - base-data-ingestion-model-source-detection.yaml\n',
    ),
    file(
      `${ing}/models/base-data-ingestion-model-source-detection.yaml`,
      cr(
        'Model',
        'base-data-ingestion-source-detection-model',
        '  type: classification\n  deployment:\n    replicas: 2\n    serving:\n      inference_endpoint: http://base-ml-service:8080/predict\n',
      ),
    ),
    file(
      `${ing}/orchestrators/kustomization.yaml`,
      'resources:\n  - base-data-ingestion-orchestrator-ingestion-manager.yaml\n',
    ),
    file(
      `${ing}/orchestrators/base-data-ingestion-orchestrator-ingestion-manager.yaml`,
      cr(
        'Orchestrator',
        'base-data-ingestion-orchestrator-ingestion-manager',
        '  coordination:\n    agent_coordination:\n      managed_agents:\n        - { name: data-collector, coordination_endpoint: "base-data-collector-service:9000" }\n        - { name: data-retry, coordination_endpoint: "base-data-retry-service:9000" }\n  resources:\n    deployment: { replicas: 3 }\n    auto_scaling: { min_replicas: 2, max_replicas: 10 }\n  observability:\n    health_checks:\n      liveness_check: { endpoint: /health/live }\n      readiness_check: { endpoint: /health/ready }\n',
      ),
    ),
    file(
      `${ing}/workflows/kustomization.yaml`,
      'resources:\n  - base-data-ingestion-workflow-bulk-file.yaml\n',
    ),
    file(
      `${ing}/workflows/base-data-ingestion-workflow-bulk-file.yaml`,
      cr(
        'Workflow',
        'base-data-ingestion-workflow-bulk-file',
        '  steps:\n    - { name: collect, agent: data-collector, action: collect }\n    - { name: manage, agent: file-manager, action: manage }\n    - { name: notify, agent: external, service: base-notification-service }\n',
      ),
    ),
    file(
      `${ing}/configs/kustomization.yaml`,
      'resources:\n  - base-data-ingestion-config-validation-rules.yaml\n',
    ),
    file(
      `${ing}/configs/base-data-ingestion-config-validation-rules.yaml`,
      'apiVersion: base.io/v1\nkind: Config\nmetadata:\n  name: base-data-ingestion-validation-rules\nspec:\n  pattern: "^[a-z]+\\.csv$"\n',
    ),
    file(
      `${ing}/prompts/kustomization.yaml`,
      'resources:\n  - base-data-ingestion-prompt-collector-configmap.yaml\n',
    ),
    file(
      `${ing}/prompts/base-data-ingestion-prompt-collector-configmap.yaml`,
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base-data-ingestion-prompt-collector\n  labels:\n    prompt.agent: collector\ndata:\n  collector-prompt.md: |\n    # Collector\n',
    ),
    file(
      `${ing}/prompts/base-ingest-prompt-collector.md`,
      Buffer.from([0x23, 0x20, 0xe9, 0x74, 0xe9]),
    ),
    // a stub module: template agent probing "/", 0 B custom resources, .md prompts, labels that merge every selector
    file(
      `${stub}/kustomization.yaml`,
      'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nmetadata:\n  name: base-data-control\n  annotations:\n    argocd.argoproj.io/sync-wave: "7"\nnamespace: base-data-control\nresources:\n  - agents/\n  - models/\nlabels:\n  - includeSelectors: true\n    pairs:\n      app.kubernetes.io/name: base-data_control\n      deployment.wave: "7"\ncommonAnnotations:\n  argocd.argoproj.io/sync-wave: "7"\n',
    ),
    file(
      `${stub}/namespace.yaml`,
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: base-data-control\n',
    ),
    file(
      `${stub}/agents/kustomization.yaml`,
      'resources:\n  - base-data-control-agent-checkpoint.yaml\n  - base-data-control-agent-sampler.yaml\n',
    ),
    ...['checkpoint', 'sampler'].map(d =>
      file(
        `${stub}/agents/base-data-control-agent-${d}.yaml`,
        agentFile({
          desc: d,
          probes:
            '          livenessProbe: { httpGet: { path: /, port: 8080 } }\n          readinessProbe: { httpGet: { path: /, port: 8080 } }',
        }).replace(/base-data-ingestion/g, 'base-data-control'),
      ),
    ),
    file(
      `${stub}/models/kustomization.yaml`,
      'resources:\n  - base-data-control-model-drift-detection.yaml\n',
    ),
    file(`${stub}/models/base-data-control-model-drift-detection.yaml`, ''),
    file(`${stub}/prompts/base-data-control-prompt-checkpoint.md`, ''),
    // the platform around the modules
    file(
      'platform-services-v2/automation/gitops/applicationsets/base-layer-apps.yaml',
      `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata:
  name: base-layer-applications
  namespace: argocd
spec:
  generators:
    - list:
        elements:
          - module: data_ingestion
            name: data-ingestion
            namespace: base-data-ingestion
            wave: "4"
          - module: data_control
            name: data-control
            namespace: base-data-control
            wave: "7"
          - module: data-services
            name: data-services
            namespace: data-services
            wave: "7"
  template:
    metadata:
      name: '{{name}}'
    spec:
      source:
        path: '{{module}}'
`,
    ),
    file(
      'platform-services-v2/core-services/argocd/applicationsets/variant.yaml',
      'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: base-layer-b\nspec:\n  generators:\n    - list:\n        elements:\n          - { module: data_ingestion, name: data-ingestion, wave: "1" }\n',
    ),
    file('jackson-master/index.html', '<html></html>'),
    file(
      'temp-configs-archive/agent_registry.yaml',
      'kind: ComponentRegistry\n',
    ),
    file('.archive/README.md', '# old'),
    file(
      'data_services/README.md',
      '# not a module: no agents/ and no kustomization',
    ),
    file('README.md', '# BASE'),
    // node pools, node groups and the Platform UI proxy as the real repository holds them
    ...PLATFORM_FILES.map(p => file(p, fs.readFileSync(path.join(EXAMPLE, p)))),
  ];
}

describe('parsePlatformTree on the real shapes', () => {
  const tree = parsePlatformTree(realTree());
  const ingestion = tree.modules.find(m => m.folder === 'data_ingestion')!;
  const control = tree.modules.find(m => m.folder === 'data_control')!;
  const findings = (m: typeof ingestion, rule: string) =>
    m.findings
      .filter(f => f.rule === rule)
      .map(f => `${f.file}${f.line ? `:${f.line}` : ''} ${f.message}`);

  it('tells module folders from the rest of the repository', () => {
    expect(tree.modules.map(m => m.folder)).toEqual([
      'data_control',
      'data_ingestion',
    ]);
  });

  it('keeps the module README that has text, for its TechDocs', () => {
    expect(ingestion.readme).toBe('data_ingestion/README.md');
    expect(control.readme).toBeUndefined();
  });

  it('reads an agent from its multi-document manifest', () => {
    const c = ingestion.components.find(
      x => x.descriptor === 'data-collector',
    )!;
    expect(c.status).toBe('present');
    expect(c.workload).toMatchObject({
      httpPort: 8080,
      metricsPort: 9090,
      ports: { 'http-metrics': 9090, 'http-health': 8080 },
      healthPaths: ['/health/live', '/health/ready', '/health/startup'],
      throughputTargetGbPerHour: 100,
      service: { name: 'base-data-collector-service' },
      hpa: { min: 2, max: 20, metrics: ['cpu', 'queue_depth'] },
      deployment: {
        replicas: 3,
        nodeSelector: { NodeGroup: 'base-data-services' },
      },
    });
    expect(c.dependsOn.agents).toEqual(['data-connector']);
    const connector = ingestion.components.find(
      x => x.descriptor === 'data-connector',
    )!;
    expect(connector.workload?.healthPaths).toEqual([
      '/health/live',
      '/health/startup',
    ]);
    const minimal = ingestion.components.find(
      x => x.descriptor === 'lifecycle-manager',
    )!;
    expect(minimal.workload).toMatchObject({
      httpPort: 8080,
      ports: { http: 8080 },
      healthPaths: [],
    });
    expect(minimal.workload?.noProbeReason).toMatch(
      /declares no liveness, readiness or startup probe/,
    );
    const stubAgent = control.components.find(
      x => x.descriptor === 'checkpoint',
    )!;
    expect(stubAgent.workload?.healthPaths).toEqual(['/']);
  });

  it('reads the custom resources, prompts and derived services', () => {
    const orch = ingestion.components.find(x => x.type === 'orchestrator')!;
    expect(orch).toMatchObject({
      status: 'present',
      declared: {
        replicas: 3,
        min: 2,
        max: 10,
        healthPaths: ['/health/live', '/health/ready'],
      },
      dependsOn: { agents: ['data-collector'] },
    });
    expect(orch.workload).toBeUndefined();
    const wf = ingestion.components.find(x => x.type === 'workflow')!;
    expect(wf.steps).toEqual(['data-collector']);
    const prompt = ingestion.components.find(x => x.type === 'prompt')!;
    expect(prompt.readBy).toEqual(['data-collector']);
    expect(ingestion.modelServer.workload).toBeUndefined();
    expect(control.components.find(x => x.type === 'model')?.status).toBe(
      'empty',
    );
    expect(control.components.find(x => x.type === 'prompt')?.status).toBe(
      'empty',
    );
  });

  it('takes waves and the Application from the ApplicationSet, and reports where the sources disagree', () => {
    expect(ingestion.application?.name).toBe('data-ingestion');
    expect(ingestion.waves).toMatchObject({
      applicationSet: 4,
      kustomization: 5,
      label: 5,
      namespaceFile: 3,
      domain: 4,
    });
    expect(ingestion.wave).toBe(4);
    expect(findings(ingestion, 'wave')).toEqual([
      'data_ingestion/kustomization.yaml:6 sync waves disagree: ApplicationSet 4, kustomization sync-wave 5, kustomization deployment.wave label 5, domain Data Foundation 4',
    ]);
    expect(findings(control, 'wave')).toEqual([]);
    expect(
      tree.findings.filter(f => f.rule === 'application').map(f => f.message),
    ).toEqual([
      expect.stringContaining(
        'from path "data-services", which is not a module folder',
      ),
    ]);
  });

  it('reports exactly the defects of each shape, with file and line', () => {
    expect(findings(ingestion, 'kustomize')).toEqual([
      expect.stringMatching(
        /^data_ingestion\/kustomization\.yaml:19 kubectl kustomize would fail: invalid Kustomization: json: unknown field "app.kubernetes.io\/name"/,
      ),
      expect.stringMatching(
        /^data_ingestion\/configs\/base-data-ingestion-config-validation-rules\.yaml:6 kubectl kustomize would fail: MalformedYAMLError/,
      ),
    ]);
    expect(findings(ingestion, 'invalid-spec')).toEqual([
      expect.stringMatching(
        /^data_ingestion\/configs\/base-data-ingestion-config-validation-rules\.yaml:6 invalid YAML/,
      ),
    ]);
    expect(findings(ingestion, 'naming')).toEqual([
      expect.stringMatching(
        /^data_ingestion\/prompts\/base-ingest-prompt-collector\.md breaks base-data-ingestion-prompt-<descriptor>: names module "ingest"/,
      ),
    ]);
    expect(findings(ingestion, 'stray-file').map(f => f.split(' ')[0])).toEqual(
      [
        'data_ingestion/.DS_Store',
        'data_ingestion/agents/ingest-agents-README.md',
      ],
    );
    expect(findings(ingestion, 'dependency')).toEqual([
      'data_ingestion/agents/base-data-ingestion-agent-data-collector.yaml base-data-ingestion-agent-data-collector calls http://base-data-security-service:8080 (collector.integration.security_service.endpoint), but no Service "base-data-security-service" exists in data_ingestion',
      'data_ingestion/models/base-data-ingestion-model-source-detection.yaml base-data-ingestion-model-source-detection calls http://base-ml-service:8080/predict (deployment.serving.inference_endpoint), but no Service "base-ml-service" exists in data_ingestion',
      'data_ingestion/orchestrators/base-data-ingestion-orchestrator-ingestion-manager.yaml base-data-ingestion-orchestrator-ingestion-manager names agent "data-retry", which module data_ingestion does not have',
      'data_ingestion/workflows/base-data-ingestion-workflow-bulk-file.yaml base-data-ingestion-workflow-bulk-file names agent "file-manager" as a workflow step, which module data_ingestion does not have',
    ]);
    expect(findings(ingestion, 'placement')).toEqual([
      'data_ingestion/agents/base-data-ingestion-agent-data-collector.yaml:6 pods of base-data-ingestion-agent-data-collector stay Pending: nodeSelector NodeGroup=base-data-services: no node pool or node group of base-app-layer-dev carries it',
    ]);
    expect(findings(control, 'selector')).toHaveLength(2);
    expect(findings(control, 'selector')[0]).toContain(
      "after the kustomization's includeSelectors labels",
    );
    expect(findings(ingestion, 'selector')).toHaveLength(3);
    expect(findings(ingestion, 'unknown-folder')).toEqual([]);
    expect(findings(control, 'empty-spec')).toHaveLength(2);
  });

  it('names a node-pool taint that no workload tolerates', () => {
    const files = realTree().map(f =>
      f.path.includes('/agents/base-')
        ? file(
            f.path,
            f.content.toString('utf8').replace(/ {6}tolerations:\n.*\n/, ''),
          )
        : f,
    );
    const untolerated = parsePlatformTree(files);
    expect(
      untolerated.findings
        .filter(f => f.rule === 'placement')
        .map(f => f.message),
    ).toEqual([
      'node pool base-data-processing taints its nodes workload-type=data-processing:NoSchedule, which no workload of the modules tolerates: its nodes run none of them',
    ]);
    expect(tree.findings.filter(f => f.rule === 'placement')).toEqual([]);
    const checkpoint = untolerated.modules
      .find(m => m.folder === 'data_control')!
      .findings.filter(f => f.rule === 'placement');
    expect(checkpoint[0].message).toMatch(
      /node pool base-data-processing taints its nodes workload-type=data-processing:NoSchedule, which the workload does not tolerate/,
    );
  });
});

describe('the kustomize verdict against kubectl kustomize', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'real-shapes-'));
  const write = (files: PlatformFile[]) => {
    for (const f of files) {
      fs.mkdirSync(path.join(dir, path.dirname(f.path)), { recursive: true });
      fs.writeFileSync(path.join(dir, f.path), f.content);
    }
  };
  const kustomize = (folder: string) => {
    try {
      execFileSync('kubectl', ['kustomize', path.join(dir, folder)], {
        stdio: 'pipe',
      });
      return { ok: true, stderr: '' };
    } catch (e: any) {
      return { ok: false, stderr: String(e.stderr) };
    }
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('agrees on the mis-indented labels, the invalid YAML and the fixed module', async () => {
    write(realTree());
    const broken = kustomize('data_ingestion');
    expect(broken.ok).toBe(false);
    expect(broken.stderr).toMatch(
      /invalid Kustomization: json: unknown field \\?"app\.kubernetes\.io\/component/,
    );
    const fixed = (f: PlatformFile) => {
      if (f.path === 'data_ingestion/kustomization.yaml')
        return file(
          f.path,
          MISINDENTED.replace(
            / {4}app\.kubernetes\.io\/|( {4})deployment\.wave/g,
            m => `  ${m}`,
          ),
        );
      if (f.path.endsWith('validation-rules.yaml'))
        return file(
          f.path,
          f.content
            .toString('utf8')
            .replace('"^[a-z]+\\.csv$"', () => "'^[a-z]+\\.csv$'"),
        );
      return f;
    };
    write(realTree().map(fixed));
    expect(kustomize('data_ingestion')).toEqual({ ok: true, stderr: '' });
    const ours = parsePlatformTree(await readDirectoryTree(dir));
    expect(
      ours.modules
        .find(m => m.folder === 'data_ingestion')!
        .findings.filter(f => f.rule === 'kustomize'),
    ).toEqual([]);
    expect(kustomize('data_control').ok).toBe(true);
  });
});

describe('the example platform', () => {
  const root = path.resolve(__dirname, '../../../../examples/base-platform');

  it('reads as 14 modules, 168 deployed services and only the planted findings', async () => {
    const report = checkReport(
      parsePlatformTree(await readDirectoryTree(root)),
    );
    expect(report.summary).toMatchObject({
      modules: 14,
      services: 168,
      deployed: 168,
      errors: 0,
    });
    expect(report.summary.byRule).toEqual({ wave: 9, dependency: 1 });
    expect(
      report.modules.flatMap(m =>
        m.findings.filter(f => f.rule === 'dependency').map(f => f.message),
      ),
    ).toEqual([
      'base-data-ingestion-orchestrator-ingestion-manager names agent "data-retry", which module data_ingestion does not have',
    ]);
  });

  it('builds with kubectl kustomize, module by module', () => {
    const folders = fs
      .readdirSync(root)
      .filter(f => /^[a-z]+_[a-z_]+$/.test(f));
    expect(folders).toHaveLength(14);
    for (const folder of folders) {
      const out = execFileSync(
        'kubectl',
        ['kustomize', path.join(root, folder)],
        {
          encoding: 'utf8',
        },
      );
      expect(out).toContain('kind: Deployment');
    }
  });
});
