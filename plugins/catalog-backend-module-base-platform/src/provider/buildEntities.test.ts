import { validateComponentName } from '@internal/plugin-base-platform-common';
import {
  parsePlatformTree,
  PlatformFile,
  readDirectoryTree,
} from '@internal/plugin-base-platform-node';
import path from 'node:path';
import { buildEntities } from './buildEntities';

const file = (p: string, content: string): PlatformFile => ({
  path: p,
  content: Buffer.from(content),
});

describe('the example platform', () => {
  it('holds the complete BASE platform, every name valid', async () => {
    const files = await readDirectoryTree(
      path.resolve(__dirname, '../../../../examples/base-platform'),
    );
    const entities = buildEntities(parsePlatformTree(files), 'file:/x/');
    const count = (kind: string, type?: string) =>
      entities.filter(
        e =>
          e.kind === kind &&
          (!type || e.spec?.type === type) &&
          (kind === 'Domain' || e.metadata.annotations?.['base.io/module']),
      ).length;
    expect(count('Domain')).toBe(4);
    expect(count('System')).toBe(14);
    // every example module has a README: its TechDocs (dir:. of the
    // README's folder, the module's)
    const docs = entities
      .filter(
        e => e.kind === 'System' && e.metadata.annotations?.['base.io/module'],
      )
      .map(e => [
        e.metadata.annotations?.['backstage.io/source-location'],
        e.metadata.annotations?.['backstage.io/techdocs-ref'],
      ]);
    expect(docs).toHaveLength(14);
    expect(docs).toContainEqual(['file:/x/data_ingestion/README.md', 'dir:.']);
    for (const [source, ref] of docs) {
      expect(source).toMatch(/^file:\/x\/[a-z_]+\/README\.md$/);
      expect(ref).toBe('dir:.');
    }
    expect(count('Component', 'service')).toBe(168);
    expect(count('Component', 'ml-model')).toBe(70);
    expect(count('Component', 'workflow')).toBe(70);
    expect(count('Resource', 'config')).toBe(56);
    expect(count('Resource', 'prompt')).toBe(84);
    for (const e of entities.filter(
      x => x.metadata.annotations?.['base.io/type'],
    )) {
      if (e.metadata.annotations?.['base.io/type'] === 'model-server') continue;
      expect([e.metadata.name, validateComponentName(e.metadata.name)]).toEqual(
        [e.metadata.name, []],
      );
    }
  });

  it("takes the node pool and the tools from the tree's Terraform and Platform UI proxy", async () => {
    const files = await readDirectoryTree(
      path.resolve(__dirname, '../../../../examples/base-platform'),
    );
    const entities = buildEntities(parsePlatformTree(files), 'file:/x/');
    expect(
      entities
        .filter(e => e.spec?.type === 'karpenter-nodepool')
        .map(e => [e.metadata.name, e.spec?.dependencyOf]),
    ).toEqual([
      ['base-data-processing', ['resource:default/base-app-layer-dev']],
    ]);
    const tools = entities.filter(e => e.spec?.type === 'platform-service');
    expect(tools.map(t => t.metadata.name)).toEqual([
      'argocd',
      'vault',
      'airflow',
      'mlflow',
      'kubeflow',
      'superset',
      'grafana',
      'prometheus',
      'kiali',
    ]);
    const argocd = tools[0];
    expect(argocd.metadata.annotations).toMatchObject({
      'base.io/proxy-upstream': 'argocd-server.argocd.svc.cluster.local:443',
      'base.io/proxy-enabled': 'true',
      'backstage.io/kubernetes-namespace': 'argocd',
    });
    expect(argocd.metadata.links).toEqual([
      { url: 'https://fin.vsem-svoim.com/argocd/', title: 'ArgoCD' },
    ]);
    const airflow = tools.find(t => t.metadata.name === 'airflow')!;
    // commented out in the proxy: no public link that would not work
    expect(airflow.metadata.annotations?.['base.io/proxy-enabled']).toBe(
      'false',
    );
    expect(airflow.metadata.links).toBeUndefined();
    expect(airflow.metadata.description).toBe(
      '/airflow/ proxies to http://airflow.airflow.svc.cluster.local:8080/ (commented out in the Platform UI proxy: not reachable there)',
    );
  });

  it('carries ports, health paths, replicas and HPA bounds from the manifests', async () => {
    const files = await readDirectoryTree(
      path.resolve(__dirname, '../../../../examples/base-platform'),
    );
    const entities = buildEntities(parsePlatformTree(files), 'file:/x/');
    const annotations = (name: string) =>
      entities.find(e => e.metadata.name === name)?.metadata.annotations ?? {};
    expect(
      annotations('base-data-ingestion-agent-data-collector'),
    ).toMatchObject({
      'base.io/deployed': 'true',
      'base.io/http-port': '8080',
      'base.io/metrics-port': '9090',
      'base.io/ports': 'http-health=8080,http-metrics=9090,grpc=9000',
      'base.io/health-paths': '/health/live,/health/ready,/health/startup',
      'base.io/replicas': '2-20',
      'base.io/hpa': '2-20',
      'base.io/kubernetes-service': 'base-data-collector-service',
      'base.io/throughput-target-gb-per-hour': '100',
      'argocd/app-name': 'data-ingestion',
      'backstage.io/kubernetes-namespace': 'base-data-ingestion',
    });
    expect(
      annotations('base-data-ingestion-agent-data-converter')[
        'base.io/throughput-target-gb-per-hour'
      ],
    ).toBe('50');
    expect(
      annotations('base-data-quality-agent-data-validator')[
        'base.io/throughput-target-gb-per-hour'
      ],
    ).toBeUndefined();
    expect(
      annotations('base-data-control-agent-checkpoint')['base.io/health-paths'],
    ).toBe('/');
    expect(annotations('base-data-ingestion-model-server')).toMatchObject({
      'base.io/deployed': 'true',
      'base.io/kubernetes-service': 'base-data-ingestion-model-server',
      'base.io/spec-file': 'data_ingestion/model-server.yaml',
    });
  });

  it("finds the real platform's pods, which carry no kubernetes-id label, by the Deployment's selector", async () => {
    const entities = buildEntities(
      parsePlatformTree([
        file('risk_analytics/kustomization.yaml', 'resources: [agents/]\n'),
        file(
          'risk_analytics/agents/base-risk-analytics-agent-var-calculator.yaml',
          [
            'apiVersion: apps/v1',
            'kind: Deployment',
            'metadata: { name: base-var-calculator }',
            'spec:',
            '  selector: { matchLabels: { app.kubernetes.io/name: base-var-calculator } }',
            '  template:',
            '    metadata: { labels: { app.kubernetes.io/name: base-var-calculator } }',
            '    spec:',
            '      containers:',
            '        - name: a',
            '          ports: [{ containerPort: 8080 }]',
            '',
          ].join('\n'),
        ),
      ]),
      'file:/x/',
    );
    expect(
      entities.find(
        e => e.metadata.name === 'base-risk-analytics-agent-var-calculator',
      )?.metadata.annotations,
    ).toMatchObject({
      'backstage.io/kubernetes-id': 'base-var-calculator',
      'backstage.io/kubernetes-label-selector':
        'app.kubernetes.io/name=base-var-calculator',
    });
    // the examples' pods carry the label: the plugin's default matching holds
    const examples = buildEntities(
      parsePlatformTree(
        await readDirectoryTree(
          path.resolve(__dirname, '../../../../examples/base-platform'),
        ),
      ),
      'file:/x/',
    );
    expect(
      examples.filter(
        e => e.metadata.annotations?.['backstage.io/kubernetes-label-selector'],
      ),
    ).toEqual([]);
  });

  it('marks services declared without a Deployment, and says why nothing is probed', () => {
    const entities = buildEntities(
      parsePlatformTree([
        file('risk_analytics/kustomization.yaml', 'resources: [agents/]\n'),
        file(
          'risk_analytics/agents/base-risk-analytics-agent-var-calculator.yaml',
          'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: base-risk-analytics-agent-var-calculator\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          ports: [{ containerPort: 8080 }]\n',
        ),
        file(
          'risk_analytics/orchestrators/base-risk-analytics-orchestrator-risk-manager.yaml',
          'apiVersion: base.io/v1\nkind: Orchestrator\nmetadata:\n  name: base-risk-analytics-orchestrator-risk-manager\nspec:\n  resources:\n    auto_scaling: { min_replicas: 2, max_replicas: 6 }\n',
        ),
      ]),
      'file:/x/',
    );
    const annotations = (name: string) =>
      entities.find(e => e.metadata.name === name)?.metadata.annotations ?? {};
    expect(
      annotations('base-risk-analytics-agent-var-calculator'),
    ).toMatchObject({
      'base.io/deployed': 'true',
      'base.io/http-port': '8080',
      'base.io/not-probed': expect.stringContaining(
        'declares no liveness, readiness or startup probe',
      ),
    });
    expect(
      annotations('base-risk-analytics-orchestrator-risk-manager'),
    ).toMatchObject({
      'base.io/deployed': 'false',
      'base.io/replicas': '2-6',
      'base.io/not-probed': expect.stringContaining('no Deployment exists'),
    });
    expect(
      annotations('base-risk-analytics-model-server')['base.io/deployed'],
    ).toBe('false');
  });

  it('never throws on garbage', () => {
    expect(() =>
      parsePlatformTree([
        file('x_y/agents/base-x-y-agent-a.yaml', '\u0000\u0001: ['),
        file('x_y/kustomization.yaml', '- not a mapping'),
        file(
          'x_y/agents/base-x-y-agent-b.yaml',
          '---\n- a\n---\nkind: Deployment\n',
        ),
      ]),
    ).not.toThrow();
  });
});
