/*
 * The platform's read tools over MCP, through the official MCP TypeScript
 * SDK client (Streamable HTTP) against the real backends — the catalog with
 * the base-platform provider reading examples/base-platform, the portal's
 * policy, sync-waves, api-status and karpenter with the platform sandbox,
 * ingestion with a real Prometheus scraping the sandbox's agents — checked
 * against the tree, the sandbox and the routes the pages read; and the sync
 * tool in the sandbox's `degraded` scenario.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import argocdPlugin from '@roadiehq/backstage-plugin-argo-cd-backend';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  createSandbox,
  loadPlatform,
  roadieArgoCdConfig,
  sandboxKubernetesConfig,
  sandboxSpotPriceConfig,
  Sandbox,
  SandboxPlatform,
  startPrometheus,
  TestPrometheus,
} from '@internal/platform-sandbox';
import apiStatusPlugin from '@internal/plugin-api-status-backend';
import catalogModuleBasePlatform from '@internal/plugin-catalog-backend-module-base-platform';
import ingestionPlugin from '@internal/plugin-ingestion-backend';
import karpenterPlugin from '@internal/plugin-karpenter-backend';
import permissionModuleBasePolicy from '@internal/plugin-permission-backend-module-base-policy';
import syncWavesPlugin from '@internal/plugin-sync-waves-backend';
import type http from 'node:http';
import path from 'node:path';
import request from 'supertest';
import {
  groupsUserInfo,
  onBehalfOfAuth,
  Recorded,
  recordingAuditor,
  until,
} from './__testUtils__/recording';
import { mcpClients } from './__testUtils__/mcpClients';
import { portalPriceTable } from './__testUtils__/prices';

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '../../..');
const ALICE = 'user:default/alice.ivanova'; // platform-team
const BORIS = 'user:default/boris.petrov'; // data-foundation-team
const GROUPS: Record<string, string[]> = {
  [ALICE]: ['group:default/platform-team'],
  [BORIS]: ['group:default/data-foundation-team'],
};
const COLLECTOR = 'base-data-ingestion-agent-data-collector';

describe('the platform tools over MCP', () => {
  let server: http.Server;
  let sandbox: Sandbox;
  let platform: SandboxPlatform;
  let prometheus: TestPrometheus;
  const events: Recorded[] = [];

  const mcp = mcpClients(() => server);
  const { connect, call, toolCalls } = mcp;

  /** What a page's route answers, as `user`. */
  const route = async (user: string, url: string) => {
    const res = await request(server)
      .get(url)
      .set('authorization', mockCredentials.user.header(user));
    expect([url, res.status]).toEqual([url, 200]);
    return res.body;
  };

  const setScenario = (scenario: string) =>
    fetch(`${sandbox.urls.control}/control/scenario`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario }),
    });

  /** The sandbox ArgoCD's sync requests, by Application. */
  const syncs = () =>
    Object.entries(sandbox.requests.snapshot().argocd?.byPath ?? {})
      .filter(([key]) =>
        /^POST \/api\/v1\/applications\/[^/]+\/sync$/.test(key),
      )
      .map(([key, n]) => `${key.split('/')[4]} ×${n}`);

  beforeAll(async () => {
    const platformDir = path.join(ROOT, 'examples/base-platform');
    platform = await loadPlatform(platformDir);
    sandbox = await createSandbox({
      platform,
      ports: { control: 0, base: 0, platform: 0, argocd: 0, metrics: 0 },
    });
    prometheus = await startPrometheus({
      metricsUrl: sandbox.urls.metrics,
      intervalSeconds: 2,
      ruleWindow: '20s',
    });
    ({ server } = (await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleBasePlatform,
        permissionPlugin,
        permissionModuleBasePolicy,
        argocdPlugin,
        syncWavesPlugin,
        apiStatusPlugin,
        karpenterPlugin,
        ingestionPlugin,
        mcpActionsPlugin,
        recordingAuditor(events),
        onBehalfOfAuth,
        schedulerServiceFactory,
        groupsUserInfo(GROUPS),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            backend: {
              actions: {
                pluginSources: [
                  'catalog',
                  'sync-waves',
                  'api-status',
                  'karpenter',
                  'ingestion',
                ],
              },
            },
            catalog: {
              providers: {
                basePlatform: {
                  directory: platformDir,
                  schedule: {
                    frequency: { minutes: 30 },
                    timeout: { minutes: 2 },
                    initialDelay: { seconds: 0 },
                  },
                },
              },
            },
            argocd: roadieArgoCdConfig(sandbox.urls.argocd),
            kubernetes: sandboxKubernetesConfig({
              'base-app-layer-dev': sandbox.urls.base,
              'platform-app-layer-dev': sandbox.urls.platform,
            }),
            apiStatus: { intervalSeconds: 5, jitterSeconds: 0 },
            karpenter: {
              cacheSeconds: 0,
              prices: portalPriceTable(),
              spotPriceHistory: sandboxSpotPriceConfig(sandbox.urls.control),
            },
            ingestion: {
              prometheus: { baseUrl: prometheus.url, timeoutSeconds: 5 },
              cacheSeconds: 1,
              recordingRules: true,
            },
          },
        }),
      ],
    })) as unknown as { server: http.Server });
    // every module's System processed (the tools list what the catalog
    // holds, and on a busy machine the last Systems come late)
    await until(
      'the provider filled the catalog',
      async () => {
        const [collector, systems] = await Promise.all([
          request(server)
            .get(`/api/catalog/entities/by-name/component/default/${COLLECTOR}`)
            .set('authorization', mockCredentials.service.header()),
          request(server)
            .get(
              '/api/catalog/entities?filter=kind=system,metadata.annotations.base.io/module&fields=metadata.name',
            )
            .set('authorization', mockCredentials.service.header()),
        ]);
        return collector.status === 200 &&
          systems.body.length === platform.modules.length
          ? true
          : undefined;
      },
      150,
    );
  });

  afterEach(() => setScenario('healthy'));
  afterAll(async () => {
    await mcp.closeAll();
    await prometheus?.stop();
    await sandbox?.stop();
  });

  it('lists the platform tools, each described for a model', async () => {
    const { tools } = await (await connect(ALICE)).listTools();
    const names = tools.map(t => t.name);
    for (const name of [
      'catalog.list-base-modules',
      'catalog.get-base-module',
      'catalog.get-base-service',
      'api-status.get-service-health',
      'api-status.get-module-health',
      'karpenter.get-cluster-capacity',
      'karpenter.get-module-placement',
      'karpenter.get-module-cost',
      'ingestion.get-agent-throughput',
      'sync-waves.get-sync-waves',
      'sync-waves.sync-application',
    ])
      expect(names).toContain(name);
    for (const tool of tools.filter(t =>
      /base|-health|capacity|placement|cost|sync|throughput/.test(t.name),
    ))
      expect([tool.name, (tool.description?.length ?? 0) > 80]).toEqual([
        tool.name,
        true,
      ]);
  });

  it('lists the 14 modules of the tree with their waves, findings, sync and health', async () => {
    const client = await connect(BORIS);
    await until('a probe run', async () => {
      const { value } = await call(client, 'catalog.list-base-modules');
      return value.modules.every((m: any) => m.health && m.health.unknown === 0)
        ? true
        : undefined;
    });
    const { value } = await call(client, 'catalog.list-base-modules');
    expect(value.modules.map((m: any) => m.module).sort()).toEqual(
      platform.modules.map(m => m.slug).sort(),
    );
    expect(value.modules).toHaveLength(14);
    expect(value.sync.stale).toBe(false);
    for (const m of value.modules) {
      const tree = platform.modules.find(t => t.slug === m.module)!;
      expect([m.module, m.wave]).toEqual([tree.slug, tree.wave]);
      expect(m.sync).toMatchObject({ sync: 'Synced', health: 'Healthy' });
      expect(m.errors).toBeUndefined();
    }
    // the conformance counts are the System's findings, as the Conformance page shows them
    const systems = await route(
      BORIS,
      '/api/catalog/entities?filter=kind=system,metadata.annotations.base.io/module',
    );
    for (const system of systems) {
      const findings = JSON.parse(
        system.metadata.annotations['base.io/conformance'],
      );
      const listed = value.modules.find(
        (m: any) => m.entityRef === `system:default/${system.metadata.name}`,
      );
      expect(listed.findings.errors + listed.findings.warnings).toBe(
        findings.length,
      );
      expect(listed.domain).toBe(system.spec.domain);
    }
    // health as the module Health tab's route answers it
    const ingestion = value.modules.find(
      (m: any) => m.module === 'data-ingestion',
    );
    const health = await route(
      BORIS,
      '/api/api-status/modules/default/base-data-ingestion',
    );
    expect(ingestion.health.up + ingestion.health.down).toBe(
      health.services.filter((s: any) => s.state !== 'unknown').length,
    );
  });

  it("answers one module's services by type and one service's ports and health paths as the tree declares them", async () => {
    const client = await connect(BORIS);
    const module = await call(client, 'catalog.get-base-module', {
      module: 'data_ingestion',
    });
    const tree = platform.modules.find(m => m.slug === 'data-ingestion')!;
    expect(module.value.entityRef).toBe('system:default/base-data-ingestion');
    expect(
      module.value.components.agent.map((a: any) => a.entityRef).sort(),
    ).toEqual(
      tree.services
        .filter(s => s.type === 'agent')
        .map(s => `component:default/${s.name}`)
        .sort(),
    );
    expect(module.value.components.orchestrator).toHaveLength(
      tree.services.filter(s => s.type === 'orchestrator').length,
    );

    const service = await call(client, 'catalog.get-base-service', {
      service: COLLECTOR,
    });
    const collector = tree.services.find(s => s.name === COLLECTOR)!;
    expect(service.value).toMatchObject({
      module: 'data-ingestion',
      deployed: true,
      namespace: collector.namespace,
      deployment: collector.name,
      kubernetesService: collector.serviceName,
      httpPort: collector.httpPort,
      healthPaths: collector.healthPaths,
      replicas: { min: collector.minReplicas, max: collector.maxReplicas },
      throughputTargetGbPerHour: collector.ingestion?.targetGbPerHour,
      application: { sync: 'Synced', health: 'Healthy' },
    });
    expect(service.value.ports['http-health']).toBe(collector.httpPort);

    const missing = await call(client, 'catalog.get-base-service', {
      service: 'base-nope-agent-nothing',
    });
    expect(missing.error).toMatch(/No BASE service "base-nope-agent-nothing"/);
    const invalid = await call(client, 'catalog.get-base-module', {
      module: '../etc',
    });
    expect(invalid.error).toBeTruthy();
  });

  it("answers a service's health and the cluster's spot share as the Health tab and the Capacity page show them", async () => {
    const client = await connect(BORIS);
    const health = await call(client, 'api-status.get-service-health', {
      service: COLLECTOR,
    });
    const page = await route(
      BORIS,
      `/api/api-status/services/default/${COLLECTOR}`,
    );
    expect(health.value.endpoints.map((e: any) => e.path)).toEqual(
      page.endpoints.map((e: any) => e.path),
    );
    const capacity = await call(client, 'karpenter.get-cluster-capacity', {
      cluster: 'base-app-layer-dev',
    });
    const capacityPage = await route(
      BORIS,
      '/api/karpenter/clusters/base-app-layer-dev',
    );
    expect(capacity.value.cluster.spot).toEqual(capacityPage.spot);
    expect(capacity.value.cluster.spot.share).toBeGreaterThan(0);
    const cost = await call(client, 'karpenter.get-module-cost', {
      namespace: 'base-data-ingestion',
    });
    const costCard = await route(
      BORIS,
      '/api/karpenter/namespaces/base-data-ingestion/cost',
    );
    expect(cost.value.clusters.map((c: any) => [c.cluster, c.hourly])).toEqual(
      costCard.clusters.map((c: any) => [c.cluster, c.hourly]),
    );
    expect(cost.value.clusters[0].hourly).toBeGreaterThan(0);
  });

  it("answers an agent's throughput as its Throughput card does, within 5 % of what the sandbox emits, and names Prometheus with the last good figures once it is gone", async () => {
    const client = await connect(BORIS);
    const emitted = async () =>
      (
        (await (await fetch(`${sandbox.urls.control}/emitted`)).json()) as {
          agent: string;
          gbPerHour: number;
          targetGbPerHour: number;
        }[]
      ).find(e => e.agent === 'data-collector')!;
    // the recording rules' window must fill before rate() is the emitted rate
    const settled = await until(
      'the collector within 5 % of its emitted rate',
      async () => {
        const { value } = await call(client, 'ingestion.get-agent-throughput', {
          agent: COLLECTOR,
        });
        const truth = await emitted();
        const ratio = (value?.current?.gbPerHour ?? 0) / truth.gbPerHour;
        return ratio > 0.95 && ratio < 1.05 ? { value, truth } : undefined;
      },
      120,
    );
    const card = await route(
      BORIS,
      `/api/ingestion/agents/default/${COLLECTOR}`,
    );
    const tool = settled.value;
    expect(tool).toMatchObject({
      entityRef: `component:default/${COLLECTOR}`,
      module: 'data-ingestion',
      state: 'ok',
      targetGbPerHour: settled.truth.targetGbPerHour,
    });
    expect(card.targetGbPerHour).toBe(tool.targetGbPerHour);
    expect(card.state).toBe(tool.state);
    // the card lists every source, the tool the top five of the same ones
    expect(tool.sources).toHaveLength(5);
    const cardSources = card.sources.map((s: any) => s.source);
    for (const source of tool.sources)
      expect(cardSources).toContain(source.source);
    expect(tool.onTarget24h.coveredSeconds).toBeGreaterThan(0);
    expect(tool.error).toBeUndefined();

    await prometheus.stop();
    const gone = await until(
      'the tool to name the unreachable Prometheus',
      async () => {
        const { value } = await call(client, 'ingestion.get-agent-throughput', {
          agent: COLLECTOR,
        });
        return value?.error ? value : undefined;
      },
      30,
    );
    expect(gone.error).toMatch(
      new RegExp(`^Prometheus at ${prometheus.url} is unreachable`),
    );
    // the last good figures, with when Prometheus last answered
    expect(gone.state).toBe('ok');
    expect(gone.current.gbPerHour).toBeGreaterThan(0);
    expect(Date.parse(gone.readAt)).toBeGreaterThanOrEqual(
      Date.parse(tool.readAt),
    );
    expect(Date.parse(gone.readAt)).toBeLessThan(Date.now());
  });

  it('syncs the degraded module once: a dry run syncs nothing, the real call exactly one sync', async () => {
    await setScenario('degraded');
    const client = await connect(ALICE);
    const degraded = platform.modules
      .find(m => m.slug === 'data-quality')!
      .services.find(s => s.type === 'agent')!;
    const service = await call(client, 'catalog.get-base-service', {
      service: degraded.name,
    });
    const app = service.value.application?.name;
    expect(app).toBeTruthy();
    await until('the degraded state in the tools', async () => {
      const { value } = await call(client, 'catalog.list-base-modules');
      const m = value.modules.find((x: any) => x.module === 'data-quality');
      return m.sync?.sync === 'OutOfSync' ? m : undefined;
    });
    const before = syncs().filter(s => s.startsWith(`${app} `));
    const dry = await call(client, 'sync-waves.sync-application', {
      application: app,
      dryRun: true,
    });
    expect(dry.value).toMatchObject({ dryRun: true, status: 'would sync' });
    expect(syncs().filter(s => s.startsWith(`${app} `))).toEqual(before);
    const real = await call(client, 'sync-waves.sync-application', {
      application: app,
    });
    expect(real.value).toMatchObject({ dryRun: false, status: 'sync started' });
    expect(syncs().filter(s => s.startsWith(`${app} `))).toEqual([`${app} ×1`]);
  });

  it('audits every tool call, with the person who made it', () => {
    const executions = events.filter(
      e =>
        e.plugin === 'mcp-actions' &&
        e.eventId === 'tool-execution' &&
        e.status !== 'initiated',
    );
    expect(executions.map(e => e.meta?.toolName)).toEqual(toolCalls);
    expect(new Set(executions.map(e => e.actor))).toEqual(
      new Set([ALICE, BORIS]),
    );
  });
});
