/*
 * The karpenter backend against the platform sandbox's clusters, through the
 * cluster access both ways: the dev cluster (serviceAccount auth) directly,
 * the platform cluster (oidc auth, which only the Kubernetes backend can
 * apply) through the Kubernetes backend's proxy. That proxy does not load
 * under Jest (it imports an ES module dynamically), so a stand-in at its
 * address forwards by the Backstage-Kubernetes-Cluster header as it does;
 * the real proxy is in the path in the end-to-end tests.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import express from 'express';
import type { AddressInfo } from 'node:net';
import {
  createSandbox,
  loadPlatform,
  Sandbox,
  sandboxSpotPrice,
  sandboxSpotPriceConfig,
} from '@internal/platform-sandbox';
import type {
  ClusterCapacity,
  ClusterCost,
  NamespaceCost,
} from '@internal/plugin-karpenter-common';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { karpenterPlugin } from './plugin';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../../..');

describe('karpenter backend with the sandbox clusters', () => {
  let sandbox: Sandbox;
  let server: any;
  let proxy: ReturnType<express.Express['listen']>;
  /** The clusters requests went through the proxy stand-in for. */
  const proxied: string[] = [];

  const setScenario = (scenario: string) =>
    fetch(`${sandbox.urls.control}/control/scenario`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario }),
    });

  beforeAll(async () => {
    sandbox = await createSandbox({
      platform: await loadPlatform(path.join(ROOT, 'examples/base-platform')),
      ports: { control: 0, base: 0, platform: 0, argocd: 0, metrics: 0 },
    });
    const cluster = (name: string, url: string, authProvider: string) => ({
      name,
      url,
      authProvider,
      ...(authProvider === 'oidc'
        ? { oidcTokenProvider: 'okta' }
        : { serviceAccountToken: 'sandbox' }),
      skipTLSVerify: true,
      skipMetricsLookup: true,
    });
    const urls: Record<string, string> = {
      'base-app-layer-dev': sandbox.urls.base,
      'platform-app-layer-dev': sandbox.urls.platform,
    };
    const app = express();
    app.use('/api/kubernetes/proxy', async (req, res) => {
      const target = urls[req.header('backstage-kubernetes-cluster') ?? ''];
      proxied.push(req.header('backstage-kubernetes-cluster') ?? '');
      if (!target || !req.header('authorization')) {
        res.status(400).json({ error: { message: 'no cluster or token' } });
        return;
      }
      try {
        const upstream = await fetch(`${target}${req.url}`, {
          headers: { authorization: 'Bearer sandbox' },
        });
        res
          .status(upstream.status)
          .send(Buffer.from(await upstream.arrayBuffer()));
      } catch (e) {
        res.status(500).json({ error: { message: (e as Error).message } });
      }
    });
    proxy = app.listen(0, '127.0.0.1');
    await new Promise(r => proxy.once('listening', r));
    const proxyUrl = `http://127.0.0.1:${
      (proxy.address() as AddressInfo).port
    }`;
    ({ server } = await startTestBackend({
      features: [
        createServiceFactory({
          service: coreServices.discovery,
          deps: {},
          factory: () => ({
            getBaseUrl: async (id: string) => `${proxyUrl}/api/${id}`,
            getExternalBaseUrl: async (id: string) => `${proxyUrl}/api/${id}`,
          }),
        }),
        karpenterPlugin,
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    cluster(
                      'base-app-layer-dev',
                      sandbox.urls.base,
                      'serviceAccount',
                    ),
                    cluster(
                      'platform-app-layer-dev',
                      sandbox.urls.platform,
                      'oidc',
                    ),
                  ],
                },
              ],
            },
            // read again at every request: each test switches scenarios
            karpenter: {
              cacheSeconds: 0,
              timeoutSeconds: 2,
              // the portal's own price table, spot prices from the sandbox's EC2
              prices: parse(
                fs.readFileSync(
                  path.join(ROOT, 'config/karpenter-prices.yaml'),
                  'utf8',
                ),
              ),
              spotPriceHistory: sandboxSpotPriceConfig(sandbox.urls.control),
            },
          },
        }),
      ],
    }));
  });

  afterEach(() => setScenario('healthy'));
  afterAll(async () => {
    proxy?.closeAllConnections();
    proxy?.close();
    await sandbox?.stop();
  });

  const capacity = async (cluster = 'base-app-layer-dev') => {
    const res = await request(server).get(`/api/karpenter/clusters/${cluster}`);
    expect([
      res.status,
      res.status === 200 ? '' : res.body.error?.message,
    ]).toEqual([200, '']);
    return res.body as ClusterCapacity;
  };

  it('lists the clusters of the Kubernetes configuration', async () => {
    const res = await request(server).get('/api/karpenter/clusters');
    expect(res.body.clusters).toEqual([
      'base-app-layer-dev',
      'platform-app-layer-dev',
    ]);
  });

  it('shows the pool with its limits, nodes by family and the spot share against 80 %', async () => {
    const view = await capacity();
    expect(view.karpenter).toBe(true);
    const pool = view.pools.find(p => p.name === 'base-data-processing')!;
    expect(pool.limits).toEqual({ cpu: 10000, memoryBytes: 10000 * 2 ** 30 });
    expect(pool.provisioned.nodes).toBe(16);
    expect(pool.taints).toEqual([
      { key: 'workload-type', value: 'data-processing', effect: 'NoSchedule' },
    ]);
    expect(pool.nodeClass?.name).toBe('base-data-processing');
    expect(new Set(pool.nodesByType.map(t => t.family))).toEqual(
      new Set(['m7i', 'c7i', 'r7i']),
    );
    expect(pool.nodesByType.reduce((s, t) => s + t.count, 0)).toBe(16);
    expect(view.spot).toEqual({
      spot: 13,
      onDemand: 3,
      share: 13 / 16,
      target: 0.8,
    });
    expect(view.claims.filter(c => c.initialized)).toHaveLength(16);
    expect(view.pending).toEqual([]);
  });

  it('spot-interruption: terminating nodes and the new claims appear', async () => {
    await setScenario('spot-interruption');
    const view = await capacity();
    expect(view.nodes.filter(n => n.terminating)).toHaveLength(4);
    const launching = view.claims.filter(c => c.launched && !c.registered);
    expect(launching.length).toBeGreaterThan(0);
    expect(
      view.claims.filter(c => c.disruption?.startsWith('Interrupted')),
    ).toHaveLength(4);
    // terminating spot nodes leave the share
    expect(view.spot.spot).toBe(9);
  });

  it('unschedulable: pending pods with the untolerated taint and the selector no pool satisfies', async () => {
    await setScenario('unschedulable');
    const view = await capacity();
    expect(view.pending).toHaveLength(24);
    const kinds = new Set(
      view.pending.flatMap(p => p.reasons.map(r => r.kind)),
    );
    expect(kinds).toEqual(new Set(['taint', 'selector']));
    const agent = view.pending.find(p => p.name.includes('-agent-'))!;
    expect(agent.reasons.map(r => r.message)).toContain(
      'node selector NodeGroup=base-data-services: pool base-data-processing does not set this label on its nodes',
    );
    const placement = await request(server).get(
      '/api/karpenter/namespaces/base-data-storage',
    );
    const base = placement.body.clusters.find(
      (c: any) => c.cluster === 'base-app-layer-dev',
    );
    expect(base.pending).toHaveLength(24);
    expect(base.running).toEqual([]);

    // the MCP tools (through the actions registry): the same pending pods
    // and reasons as the page and the module's Capacity tab
    const invoke = (action: string, input: object) =>
      request(server)
        .post(
          `/api/karpenter/.backstage/actions/v1/actions/karpenter:${action}/invoke`,
        )
        .send(input);
    const tool = await invoke('get-module-placement', {
      namespace: 'base-data-storage',
    });
    expect(tool.status).toBe(200);
    const toolBase = tool.body.output.clusters.find(
      (c: any) => c.cluster === 'base-app-layer-dev',
    );
    expect(toolBase.pending.map((p: any) => [p.name, p.reasons])).toEqual(
      base.pending.map((p: any) => [p.name, p.reasons]),
    );
    const cluster = await invoke('get-cluster-capacity', {
      cluster: 'base-app-layer-dev',
    });
    expect(cluster.status).toBe(200);
    expect(cluster.body.output.clusters).toEqual([
      'base-app-layer-dev',
      'platform-app-layer-dev',
    ]);
    expect(cluster.body.output.cluster.spot).toEqual(view.spot);
    expect(cluster.body.output.cluster.pending).toHaveLength(24);
    const malformed = await invoke('get-module-placement', {
      namespace: '../x',
    });
    expect(malformed.status).toBe(400);
  });

  it('says where a healthy module runs', async () => {
    const res = await request(server).get(
      '/api/karpenter/namespaces/base-data-ingestion',
    );
    const base = res.body.clusters.find(
      (c: any) => c.cluster === 'base-app-layer-dev',
    );
    expect(base.pods).toBe(24);
    expect(
      base.running.every((r: any) => r.pool === 'base-data-processing'),
    ).toBe(true);
    expect(base.pending).toEqual([]);
  });

  it('maps a cluster that does not answer to an error naming it, keeping the last good data', async () => {
    await setScenario('down');
    // read before: the last good data, marked with the error
    const stale = await capacity();
    // read directly: the connection's own failure, naming the cluster
    expect(stale.error).toMatch(
      /^cluster base-app-layer-dev \(127\.0\.0\.1:\d+\): connect ECONNREFUSED/,
    );
    expect(stale.pools).toHaveLength(1);
    // through the proxy: its answer, naming the cluster and the path
    const platform = await capacity('platform-app-layer-dev');
    expect(platform.error).toMatch(
      /^cluster platform-app-layer-dev: GET \/apis\/karpenter.sh\/v1\/nodepools answered 500/,
    );
    // only the cluster without a direct client went through the proxy
    expect(new Set(proxied)).toEqual(new Set(['platform-app-layer-dev']));
    const unknown = await request(server).get('/api/karpenter/clusters/nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toMatch(/No cluster "nope"/);
  });

  describe('cost', () => {
    const cost = async (cluster: string) => {
      const res = await request(server).get(
        `/api/karpenter/clusters/${cluster}/cost`,
      );
      expect([res.status, res.body.error?.message]).toEqual([200, undefined]);
      return res.body as ClusterCost;
    };
    const sum = (xs: Array<{ hourly: number }>) =>
      xs.reduce((s, x) => s + x.hourly, 0);

    it('prices every node, spot ones at the spot price of their type and zone, and adds up', async () => {
      const view = await cost('base-app-layer-dev');
      expect(view.unpriced).toEqual([]);
      expect(view.nodes).toHaveLength(16);
      expect(view.prices.spot).toMatchObject({ prices: 21 });
      expect(view.prices.spot?.error).toBeUndefined();
      for (const n of view.nodes.filter(x => x.capacityType === 'spot')) {
        expect([n.name, n.priceFrom, n.hourly]).toEqual([
          n.name,
          'spot-feed',
          sandboxSpotPrice(n.instanceType!, n.zone!),
        ]);
      }
      // workloads and idle are the cluster's total, as are the pools
      expect(sum(view.workloads) + view.idle.hourly).toBeCloseTo(
        view.total.hourly,
        9,
      );
      expect(sum(view.pools)).toBeCloseTo(view.total.hourly, 9);
      expect(sum(view.namespaces)).toBeCloseTo(sum(view.workloads), 9);
      // 13 of 16 nodes on spot: well below all on-demand
      expect(view.total.hourly).toBeLessThan(view.total.onDemandHourly * 0.6);
      // the platform cluster's managed node group: on-demand, by its EKS labels
      const platform = await cost('platform-app-layer-dev');
      expect(platform.pools.map(p => [p.pool, p.nodes])).toEqual([
        ['nodegroup/platform_system', 3],
      ]);
      expect(platform.total.hourly).toBeCloseTo(3 * 0.192, 9);
    });

    it("gives a module's cost per workload, the same as the cluster's", async () => {
      const res = await request(server).get(
        '/api/karpenter/namespaces/base-data-ingestion/cost',
      );
      expect(res.status).toBe(200);
      const view = res.body as NamespaceCost;
      const base = view.clusters.find(c => c.cluster === 'base-app-layer-dev')!;
      expect(base.workloads).toHaveLength(12);
      expect(base.workloads.reduce((s, w) => s + w.pods, 0)).toBe(24);
      const cluster = await cost('base-app-layer-dev');
      expect(base.hourly).toBeCloseTo(
        cluster.namespaces.find(n => n.namespace === 'base-data-ingestion')!
          .hourly,
        9,
      );
      expect(base.hourly!).toBeGreaterThan(0);
      expect(base.onDemandHourly!).toBeGreaterThan(base.hourly!);
      const malformed = await request(server).get(
        '/api/karpenter/namespaces/..%2Fx/cost',
      );
      expect(malformed.status).toBe(400);
      // the MCP tool: the same figures as the card
      const tool = await request(server)
        .post(
          '/api/karpenter/.backstage/actions/v1/actions/karpenter:get-module-cost/invoke',
        )
        .send({ namespace: 'base-data-ingestion' });
      expect(tool.status).toBe(200);
      const toolBase = tool.body.output.clusters.find(
        (c: any) => c.cluster === 'base-app-layer-dev',
      );
      expect(tool.body.output.currency).toBe('USD');
      expect(toolBase.hourly).toBeCloseTo(base.hourly!, 9);
      expect(toolBase.workloads.map((w: any) => w.workload)).toEqual(
        base.workloads.map(w => w.workload),
      );
    });

    it('keeps the last good cost with the error when the cluster stops answering', async () => {
      await cost('base-app-layer-dev');
      await setScenario('down');
      const stale = await cost('base-app-layer-dev');
      expect(stale.error).toMatch(/ECONNREFUSED/);
      expect(stale.nodes).toHaveLength(16);
    });
  });
});

describe('karpenter backend without a price table', () => {
  it('says so on the cost routes (503), and the capacity routes still answer', async () => {
    const { server } = await startTestBackend({
      features: [
        karpenterPlugin,
        mockServices.rootConfig.factory({
          data: {
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [{ type: 'config', clusters: [] }],
            },
          },
        }),
      ],
    });
    const res = await request(server).get(
      '/api/karpenter/namespaces/base-data-ingestion/cost',
    );
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(
      /karpenter.prices is not configured/,
    );
    const clusters = await request(server).get('/api/karpenter/clusters');
    expect(clusters.body).toEqual({ clusters: [] });
  });
});
