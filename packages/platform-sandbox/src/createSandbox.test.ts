import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
} from '@kubernetes/client-node';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import path from 'node:path';
import { createSandbox, Sandbox } from './createSandbox';
import { loadPlatform } from './platform/loadPlatform';
import { buildBaseCluster } from './kubernetes/buildBaseCluster';
import { SCENARIOS, ScenarioName } from './scenarios';
import { validateKubeObject } from './kubernetes/validateKubeObject';
import { loadEsmPackage } from './kubernetes/models';
import fs from 'node:fs';
import os from 'node:os';
import type * as ArgoCd from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1';

const { Application, ApplicationSet } = loadEsmPackage<typeof ArgoCd>(
  '@kubernetes-models/argo-cd',
  'argoproj.io/v1alpha1',
);

const TREE = path.resolve(__dirname, '../../../examples/base-platform');

function client(url: string) {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'sandbox', server: url, skipTLSVerify: true }],
    users: [{ name: 'sandbox', token: 'sandbox' }],
    contexts: [{ name: 'sandbox', cluster: 'sandbox', user: 'sandbox' }],
    currentContext: 'sandbox',
  });
  return {
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    custom: kc.makeApiClient(CustomObjectsApi),
  };
}

async function setScenario(sandbox: Sandbox, scenario: ScenarioName) {
  const res = await fetch(`${sandbox.urls.control}/control/scenario`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ scenario }),
  });
  expect(res.status).toBe(200);
}

describe('the platform sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await createSandbox({
      platform: await loadPlatform(TREE),
      ports: { control: 0, base: 0, platform: 0, argocd: 0, metrics: 0 },
    });
  });
  afterAll(() => sandbox.stop());
  afterEach(() => setScenario(sandbox, 'healthy'));

  it('serves the workloads of every module of the tree', async () => {
    const { core, apps } = client(sandbox.urls.base);
    const namespaces = await core.listNamespace();
    expect(namespaces.items.map(n => n.metadata?.name)).toEqual(
      expect.arrayContaining(['base-data-ingestion', 'base-data-control']),
    );
    expect(
      namespaces.items.filter(n => n.metadata?.name?.startsWith('base-')),
    ).toHaveLength(14);
    const deployments = await apps.listNamespacedDeployment({
      namespace: 'base-data-ingestion',
    });
    expect(deployments.items).toHaveLength(12);
    const pods = await core.listNamespacedPod({
      namespace: 'base-data-ingestion',
      labelSelector:
        'backstage.io/kubernetes-id=base-data-ingestion-agent-data-collector',
    });
    expect(pods.items).toHaveLength(2);
    expect(pods.items[0].metadata?.ownerReferences?.[0].kind).toBe(
      'ReplicaSet',
    );
    expect(pods.items.every(p => p.status?.phase === 'Running')).toBe(true);
  });

  it('lists Karpenter node pools and claims with @kubernetes/client-node', async () => {
    const { custom, core } = client(sandbox.urls.base);
    const pools: any = await custom.listClusterCustomObject({
      group: 'karpenter.sh',
      version: 'v1',
      plural: 'nodepools',
    });
    expect(pools.items.map((p: any) => p.metadata.name)).toEqual([
      'base-data-processing',
    ]);
    const claims: any = await custom.listClusterCustomObject({
      group: 'karpenter.sh',
      version: 'v1',
      plural: 'nodeclaims',
    });
    expect(claims.items).toHaveLength(16);
    const spot = await core.listNode({
      labelSelector: 'karpenter.sh/capacity-type=spot',
    });
    expect(spot.items.length / 16).toBeCloseTo(0.8, 1);
  });

  it('answers health endpoints through the service proxy', async () => {
    const base = `${sandbox.urls.base}/api/v1/namespaces/base-data-ingestion/services/base-data-collector-service:8080/proxy`;
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    expect((await fetch(`${base}/no/such/path`)).status).toBe(404);
  });

  it('stands in for the platform tools, each at its own health path', async () => {
    const vault = `${sandbox.urls.control}/tools/vault/v1/sys/health?standbyok=true`;
    const up = await fetch(vault);
    expect(up.status).toBe(200);
    expect(await up.json()).toMatchObject({ initialized: true, sealed: false });
    const set = (state: string, id = 'vault') =>
      fetch(`${sandbox.urls.control}/control/tools/${id}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ state }),
      });
    try {
      expect((await set('spa')).status).toBe(200);
      const spa = await fetch(vault);
      expect(spa.status).toBe(200);
      expect(spa.headers.get('content-type')).toMatch(/^text\/html/);
      expect((await set('down')).status).toBe(200);
      const down = await fetch(vault);
      expect(down.status).toBe(503);
      expect(await down.json()).toMatchObject({ sealed: true });
      expect((await set('sideways')).status).toBe(400);
      expect((await set('up', 'seldon')).status).toBe(404);
    } finally {
      await set('up');
    }
    const grafana = await fetch(
      `${sandbox.urls.control}/tools/grafana/api/health`,
    );
    expect(await grafana.json()).toMatchObject({ database: 'ok' });
  });

  it('counts the requests each upstream answered, for tests and benchmarks', async () => {
    await fetch(`${sandbox.urls.control}/control/requests`, {
      method: 'DELETE',
    });
    await fetch(`${sandbox.urls.argocd}/api/version`);
    await fetch(`${sandbox.urls.argocd}/api/version`);
    await fetch(`${sandbox.urls.base}/api/v1/namespaces`);
    const counts = await (
      await fetch(`${sandbox.urls.control}/control/requests`)
    ).json();
    expect(counts.argocd).toEqual({
      total: 2,
      byPath: { 'GET /api/version': 2 },
    });
    expect(counts.base.total).toBe(1);
    expect(counts.platform).toBeUndefined();
  });

  it('validates every object it serves against its model, in every scenario', async () => {
    for (const scenario of Object.keys(SCENARIOS) as ScenarioName[]) {
      sandbox.scenario.set(scenario);
      const { base, platform } = sandbox.objects();
      for (const object of [...base, ...platform]) {
        expect(() => validateKubeObject(object)).not.toThrow();
      }
    }
  });

  it('serves Applications and ApplicationSets that validate against the ArgoCD CRDs, in every scenario', async () => {
    for (const scenario of Object.keys(SCENARIOS) as ScenarioName[]) {
      sandbox.scenario.set(scenario);
      const { applications, applicationSets } = sandbox.objects();
      expect(applications).toHaveLength(14 + 11);
      for (const app of applications) {
        const { __tree, ...served } = app;
        expect(() => new Application(served).validate()).not.toThrow();
        expect(__tree.length).toBeGreaterThan(0);
      }
      for (const set of applicationSets)
        expect(() => new ApplicationSet(set).validate()).not.toThrow();
    }
    const waves = sandbox
      .objects()
      .applicationSets.map(s =>
        Number(s.metadata.annotations['argocd.argoproj.io/sync-wave']),
      );
    expect([...new Set(waves)].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('under-target: ingestion runs at 40 % of what it emits when healthy', async () => {
    const collector = async () =>
      (await (await fetch(`${sandbox.urls.metrics}/emitted`)).json()).find(
        (a: any) => a.agent === 'data-collector',
      );
    const healthy = await collector();
    expect(healthy.targetGbPerHour).toBe(100);
    await setScenario(sandbox, 'under-target');
    const under = await collector();
    expect(under.gbPerHour / healthy.gbPerHour).toBeCloseTo(0.4, 2);
    const metrics = await (
      await fetch(
        `${sandbox.urls.metrics}/metrics/base-data-ingestion/base-data-ingestion-agent-data-collector`,
      )
    ).text();
    expect(metrics).toMatch(
      /base_ingestion_bytes_total\{module="data-ingestion",agent="data-collector",source="bloomberg-bpipe"\} \d/,
    );
  });

  it('slow: every API answers after 6 s', async () => {
    await setScenario(sandbox, 'slow');
    const started = Date.now();
    expect((await fetch(`${sandbox.urls.argocd}/api/version`)).status).toBe(
      200,
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(5900);
  }, 15_000);

  it('degraded: a pod in CrashLoopBackOff, its health endpoint failing, its Application Degraded', async () => {
    await setScenario(sandbox, 'degraded');
    const { core } = client(sandbox.urls.base);
    const pods = await core.listNamespacedPod({
      namespace: 'base-data-quality',
    });
    const crashing = pods.items.filter(
      p =>
        p.status?.containerStatuses?.[0]?.state?.waiting?.reason ===
        'CrashLoopBackOff',
    );
    expect(crashing).toHaveLength(1);
    const failing = sandbox
      .objects()
      .applications.find(a => a.metadata.name === 'data-quality');
    expect(failing.status.sync.status).toBe('OutOfSync');
    expect(failing.status.health.status).toBe('Degraded');
  });

  it('unschedulable: pods pend for a node selector no node has and an untolerated taint', async () => {
    await setScenario(sandbox, 'unschedulable');
    const { core } = client(sandbox.urls.base);
    const pending = await core.listNamespacedPod({
      namespace: 'base-data-storage',
      fieldSelector: 'status.phase=Pending',
    });
    expect(pending.items).toHaveLength(24);
    const messages = pending.items.map(
      p => p.status?.conditions?.[0]?.message ?? '',
    );
    expect(
      messages.some(m =>
        m.includes("didn't match Pod's node affinity/selector"),
      ),
    ).toBe(true);
    expect(
      messages.some(m =>
        m.includes('untolerated taint {workload-type: data-processing}'),
      ),
    ).toBe(true);
  });

  it('spot-interruption: spot nodes terminate, their pods pend, replacement claims launch', async () => {
    await setScenario(sandbox, 'spot-interruption');
    const { custom, core } = client(sandbox.urls.base);
    const claims: any = await custom.listClusterCustomObject({
      group: 'karpenter.sh',
      version: 'v1',
      plural: 'nodeclaims',
    });
    const launching = claims.items.filter((c: any) =>
      c.status.conditions.some(
        (x: any) => x.type === 'Registered' && x.status !== 'True',
      ),
    );
    expect(launching).toHaveLength(4);
    const nodes = await core.listNode();
    expect(nodes.items.filter(n => n.metadata?.deletionTimestamp)).toHaveLength(
      4,
    );
  });

  it('down: the cluster APIs refuse connections; healthy again, they answer', async () => {
    await setScenario(sandbox, 'down');
    await expect(fetch(`${sandbox.urls.base}/version`)).rejects.toThrow();
    await expect(fetch(`${sandbox.urls.argocd}/api/version`)).rejects.toThrow();
    await setScenario(sandbox, 'healthy');
    expect((await fetch(`${sandbox.urls.base}/version`)).status).toBe(200);
  });

  it('kubectl lists namespaces, pods by selector, node pools and claims', async () => {
    // the machine's own kubectl (1.32), in a child process: the sandbox runs in this one
    const kubectl = async (...args: string[]) =>
      (
        await promisify(execFile)(
          'kubectl',
          [
            `--server=${sandbox.urls.base}`,
            '--insecure-skip-tls-verify',
            '--token=sandbox',
            '--request-timeout=10s',
            ...args,
          ],
          { encoding: 'utf8' },
        )
      ).stdout;
    expect(await kubectl('get', 'namespaces', '-o', 'name')).toContain(
      'namespace/base-data-ingestion',
    );
    const pods = (
      await kubectl(
        'get',
        'pods',
        '-n',
        'base-data-ingestion',
        '-l',
        'backstage.io/kubernetes-id=base-data-ingestion-agent-data-collector',
        '-o',
        'name',
      )
    )
      .trim()
      .split('\n');
    expect(pods).toHaveLength(2);
    expect(await kubectl('get', 'nodepools', '-o', 'name')).toContain(
      'nodepool.karpenter.sh/base-data-processing',
    );
    expect(
      (await kubectl('get', 'nodeclaims', '-o', 'name')).trim().split('\n'),
    ).toHaveLength(16);
    expect(await kubectl('get', 'pods', '-n', 'base-data-ingestion')).toMatch(
      /NAME\s+READY\s+STATUS/,
    );
  });
});

describe('a module folder added to the platform tree', () => {
  it('is served after a restart: its namespace, workloads and Application', async () => {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-tree-'));
    fs.cpSync(TREE, tree, { recursive: true });
    const source = path.join(tree, 'data_quality');
    const target = path.join(tree, 'risk_analytics');
    for (const file of fs.readdirSync(source, {
      recursive: true,
    }) as string[]) {
      const from = path.join(source, file);
      if (fs.statSync(from).isDirectory()) continue;
      const to = path.join(
        target,
        file.replace('base-data-quality-', 'base-risk-analytics-'),
      );
      fs.mkdirSync(path.dirname(to), { recursive: true });
      fs.writeFileSync(
        to,
        fs
          .readFileSync(from, 'utf8')
          .replace(/data_quality/g, 'risk_analytics')
          .replace(/data-quality/g, 'risk-analytics')
          .replace(
            /base\.io\/domain: data-foundation/,
            'base.io/domain: processing-analytics',
          ),
      );
    }
    const sandbox = await createSandbox({
      platform: await loadPlatform(tree),
      ports: { control: 0, base: 0, platform: 0, argocd: 0, metrics: 0 },
    });
    try {
      const { apps } = client(sandbox.urls.base);
      const deployments = await apps.listNamespacedDeployment({
        namespace: 'base-risk-analytics',
      });
      expect(deployments.items).toHaveLength(12);
      const app = sandbox
        .objects()
        .applications.find(a => a.metadata.name === 'risk-analytics');
      expect(app.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe(
        '5',
      );
    } finally {
      await sandbox.stop();
    }
  });
});

describe('a sandbox at scale (benchmarks)', () => {
  it('serves 500 nodes and claims and 5,000 pods of the modules, 81 % spot', async () => {
    const platform = await loadPlatform(TREE);
    const sandbox = await createSandbox({
      platform,
      scale: { nodes: 500, pods: 5000 },
      ports: { control: 0, base: 0, platform: 0, argocd: 0, metrics: 0 },
    });
    try {
      const { core, custom } = client(sandbox.urls.base);
      const nodes = (await core.listNode()).items;
      expect(nodes).toHaveLength(500);
      expect(new Set(nodes.map(n => n.metadata!.name)).size).toBe(500);
      const spot = nodes.filter(
        n => n.metadata!.labels!['karpenter.sh/capacity-type'] === 'spot',
      );
      expect(spot).toHaveLength(406);
      const claims = await custom.listClusterCustomObject({
        group: 'karpenter.sh',
        version: 'v1',
        plural: 'nodeclaims',
      });
      expect((claims as any).items).toHaveLength(500);
      const pods = (await core.listPodForAllNamespaces()).items;
      const modulePods = pods.filter(p =>
        platform.modules.some(m => m.namespace === p.metadata!.namespace),
      );
      expect(modulePods).toHaveLength(5000);
      expect(new Set(modulePods.map(p => p.metadata!.name)).size).toBe(5000);
      expect(
        new Set(modulePods.map(p => p.spec!.nodeName)).size,
      ).toBeGreaterThan(400);
    } finally {
      await sandbox.stop();
    }
  }, 60_000);
});

describe('a tree whose placement nothing satisfies', () => {
  /** The example tree with each data_control agent file rewritten. */
  const rewritten = (edit: (text: string) => string) => {
    const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-placement-'));
    fs.cpSync(TREE, tree, { recursive: true });
    const agents = path.join(tree, 'data_control/agents');
    for (const file of fs
      .readdirSync(agents)
      .filter(f => f.startsWith('base-'))) {
      const p = path.join(agents, file);
      fs.writeFileSync(p, edit(fs.readFileSync(p, 'utf8')));
    }
    return tree;
  };
  const pendingOf = async (tree: string) => {
    const platform = await loadPlatform(tree);
    const pods = buildBaseCluster(
      platform,
      'healthy',
      new Date().toISOString(),
    ).filter(
      o => o.kind === 'Pod' && o.metadata.namespace === 'base-data-control',
    ) as any[];
    return {
      agents: pods.filter(p => p.metadata.labels['base.io/type'] === 'agent'),
      others: pods.filter(p => p.metadata.labels['base.io/type'] !== 'agent'),
    };
  };

  it("pends the pods of a nodeSelector no node carries, with the scheduler's reason", async () => {
    const { agents, others } = await pendingOf(
      rewritten(t =>
        t.replace(
          'karpenter.sh/nodepool: base-data-processing',
          'NodeGroup: base-data-services',
        ),
      ),
    );
    expect(agents.length).toBeGreaterThan(0);
    for (const pod of agents) {
      expect(pod.status.phase).toBe('Pending');
      expect(pod.status.conditions[0].message).toMatch(
        /node\(s\) didn't match Pod's node affinity\/selector/,
      );
    }
    expect(others.every(p => p.status.phase === 'Running')).toBe(true);
  });

  it("takes its nodes from the tree's NodePool", async () => {
    const tree = rewritten(t => t);
    const tf = path.join(
      tree,
      'platform-services-v2/bootstrap/terraform/providers/aws/modules/karpenter/main.tf',
    );
    const text = fs.readFileSync(tf, 'utf8');
    const renamed = text.replace(
      /(kind += "NodePool"\n\s*metadata = \{\n\s*name = )"base-data-processing"/,
      '$1"base-batch"',
    );
    expect(renamed).not.toBe(text);
    fs.writeFileSync(
      tf,
      renamed.replace(
        '"node-type"     = "base-data"',
        '"node-type"     = "batch"',
      ),
    );
    const objects = buildBaseCluster(
      await loadPlatform(tree),
      'healthy',
      new Date().toISOString(),
    ) as any[];
    const pools = objects.filter(o => o.kind === 'NodePool');
    expect(pools.map(p => p.metadata.name)).toEqual(['base-batch']);
    expect(pools[0].spec.template.metadata.labels['node-type']).toBe('batch');
    const nodes = objects.filter(o => o.kind === 'Node');
    expect(nodes.length).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(node.metadata.labels['karpenter.sh/nodepool']).toBe('base-batch');
      expect(node.metadata.labels['node-type']).toBe('batch');
    }
    // the agents still select karpenter.sh/nodepool=base-data-processing
    const agents = objects.filter(
      o => o.kind === 'Pod' && o.metadata.labels?.['base.io/type'] === 'agent',
    );
    expect(agents.length).toBeGreaterThan(0);
    expect(agents.every(p => p.status.phase === 'Pending')).toBe(true);
  });

  it('pends the pods that do not tolerate the node pool taint', async () => {
    const { agents } = await pendingOf(
      rewritten(t => t.replace(/ {6}tolerations:\n(?: {8}.*\n)+/, '')),
    );
    for (const pod of agents) {
      expect(pod.status.phase).toBe('Pending');
      expect(pod.status.conditions[0].message).toMatch(
        /had untolerated taint \{workload-type: data-processing\}/,
      );
    }
  });
});
