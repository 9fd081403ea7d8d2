/*
 * The portal's deploy tools over MCP, through the official MCP TypeScript
 * SDK client (Streamable HTTP) against the real backends: catalog,
 * permission with the portal's policy, sync-waves and
 * @backstage/plugin-mcp-actions-backend, with the platform sandbox's ArgoCD.
 * The tools answer what the Sync waves page and the Deploy tab show; the
 * sync tool is the UI's Sync (permission on the module, audited), with a dry
 * run; a person who owns no module is not even offered it.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import {
  createSandbox,
  loadPlatform,
  roadieArgoCdConfig,
  Sandbox,
} from '@internal/platform-sandbox';
import permissionModuleBasePolicy from '@internal/plugin-permission-backend-module-base-policy';
import syncWavesPlugin from '@internal/plugin-sync-waves-backend';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import fs from 'node:fs';
import type http from 'node:http';
import os from 'node:os';
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

jest.setTimeout(120_000);

const ROOT = path.resolve(__dirname, '../../..');
const ALICE = 'user:default/alice.ivanova'; // platform-team
const BORIS = 'user:default/boris.petrov'; // data-foundation-team, owns one module
const GALINA = 'user:default/galina.orlova'; // owns no module
const GROUPS: Record<string, string[]> = {
  [ALICE]: ['group:default/platform-team'],
  [BORIS]: ['group:default/data-foundation-team'],
  [GALINA]: ['group:default/observers'],
};

describe('the deploy tools over MCP', () => {
  let server: http.Server;
  let sandbox: Sandbox;
  let apps: { own: string; other: string };
  const events: Recorded[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-'));

  const mcp = mcpClients(() => server);
  const { connect, toolCalls } = mcp;
  /** A sync-waves tool's answer: its JSON, or its error text. */
  const call = (client: Client, name: string, args = {}) =>
    mcp.call(client, `sync-waves.${name}`, args);

  /** The sandbox ArgoCD's sync requests, by Application. */
  const syncs = () =>
    Object.entries(sandbox.requests.snapshot().argocd?.byPath ?? {})
      .filter(([key]) =>
        /^POST \/api\/v1\/applications\/[^/]+\/sync$/.test(key),
      )
      .map(([key, n]) => `${key.split('/')[4]} ×${n}`);

  beforeAll(async () => {
    sandbox = await createSandbox({
      platform: await loadPlatform(path.join(ROOT, 'examples/base-platform')),
      ports: { control: 0, base: 0, platform: 0, argocd: 0, metrics: 0 },
    });
    const names = sandbox
      .objects()
      .applications.map(a => a.metadata.name as string)
      .sort();
    apps = { own: names[0], other: names[1] };
    const entities = path.join(dir, 'entities.yaml');
    fs.writeFileSync(
      entities,
      [
        'platform-team',
        'data-foundation-team',
        'processing-analytics-team',
        'observers',
      ]
        .map(
          name => `apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: ${name} }
spec: { type: team, children: [] }
`,
        )
        .concat(
          [
            ['base-own', apps.own, 'data-foundation-team'],
            ['base-other', apps.other, 'processing-analytics-team'],
          ].map(
            ([name, app, owner]) => `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: ${name}
  annotations: { argocd/app-name: ${app}, base.io/module: ${name} }
spec: { owner: group:default/${owner} }
`,
          ),
        )
        .join('---\n'),
    );
    ({ server } = (await startTestBackend({
      features: [
        catalogPlugin,
        permissionPlugin,
        permissionModuleBasePolicy,
        syncWavesPlugin,
        mcpActionsPlugin,
        recordingAuditor(events),
        onBehalfOfAuth,
        groupsUserInfo(GROUPS),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            backend: { actions: { pluginSources: ['sync-waves'] } },
            catalog: {
              rules: [{ allow: ['Group', 'System'] }],
              locations: [{ type: 'file', target: entities }],
            },
            argocd: roadieArgoCdConfig(sandbox.urls.argocd),
          },
        }),
      ],
    })) as unknown as { server: http.Server });
    await until('the modules in the catalog', async () => {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/system/default/base-other')
        .set('authorization', mockCredentials.service.header());
      return res.status === 200 ? true : undefined;
    });
  });

  afterAll(async () => {
    await mcp.closeAll();
    await sandbox?.stop();
  });

  it('lists the tools, described for a model to choose among them', async () => {
    const { tools } = await (await connect(ALICE)).listTools();
    const names = tools.map(t => t.name).sort();
    // named after the plugin that registers them
    expect(names).toEqual([
      'sync-waves.get-application',
      'sync-waves.get-sync-waves',
      'sync-waves.sync-application',
    ]);
    for (const tool of tools) {
      expect(tool.description?.length).toBeGreaterThan(80);
      expect(tool.inputSchema.type).toBe('object');
    }
    const sync = tools.find(t => t.name === 'sync-waves.sync-application')!;
    expect(Object.keys(sync.inputSchema.properties ?? {}).sort()).toEqual([
      'application',
      'dryRun',
    ]);
  });

  it('answers the wave board and one Application as the sandbox ArgoCD has them', async () => {
    const client = await connect(BORIS);
    const board = await call(client, 'get-sync-waves');
    const applications = board.value.waves.flatMap((w: any) => w.applications);
    expect(board.value.stale).toBe(false);
    expect(applications.map((a: any) => a.name).sort()).toEqual(
      sandbox
        .objects()
        .applications.map(a => a.metadata.name)
        .sort(),
    );
    expect(board.value.waves.map((w: any) => w.wave)).toEqual([
      0, 1, 2, 3, 4, 5, 6, 7,
    ]);

    const one = await call(client, 'get-application', {
      application: apps.own,
    });
    expect(one.value.application).toMatchObject({
      name: apps.own,
      sync: 'Synced',
      health: 'Healthy',
    });
    const wave = board.value.waves.find((w: any) =>
      w.applications.some((a: any) => a.name === apps.own),
    );
    expect(one.value.application.wave).toBe(wave.wave);

    const invalid = await call(client, 'get-application', {
      application: '../x',
    });
    expect(invalid.error).toMatch(/application/i);
  });

  it("syncs as the UI's Sync: a dry run syncs nothing, a real one exactly once, each audited", async () => {
    const client = await connect(BORIS);
    const dry = await call(client, 'sync-application', {
      application: apps.own,
      dryRun: true,
    });
    expect(dry.value).toEqual({
      application: apps.own,
      module: 'system:default/base-own',
      dryRun: true,
      status: 'would sync',
    });
    expect(syncs()).toEqual([]);

    const real = await call(client, 'sync-application', {
      application: apps.own,
    });
    expect(real.value).toMatchObject({ dryRun: false, status: 'sync started' });
    expect(syncs()).toEqual([`${apps.own} ×1`]);

    // another team's module: refused, nothing synced
    const refused = await call(client, 'sync-application', {
      application: apps.other,
    });
    expect(refused.error).toMatch(/may not sync/);
    expect(syncs()).toEqual([`${apps.own} ×1`]);

    const audited = events
      .filter(e => e.eventId === 'application-sync' && e.status !== 'initiated')
      .map(
        e =>
          `${e.meta?.application} ${e.meta?.via} dryRun=${e.meta?.dryRun} ${e.meta?.actor} ${e.status}`,
      );
    expect(audited).toEqual([
      `${apps.own} mcp dryRun=true ${BORIS} succeeded`,
      `${apps.own} mcp dryRun=false ${BORIS} succeeded`,
      `${apps.other} mcp dryRun=false ${BORIS} failed`,
    ]);
  });

  it('does not offer the sync tool to a person who owns no module, nor run it', async () => {
    const client = await connect(GALINA);
    const { tools } = await client.listTools();
    expect(tools.map(t => t.name).sort()).toEqual([
      'sync-waves.get-application',
      'sync-waves.get-sync-waves',
    ]);
    const refused = await call(client, 'sync-application', {
      application: apps.own,
      dryRun: true,
    });
    expect(refused.error).toBeTruthy();
    expect(syncs()).toEqual([`${apps.own} ×1`]);
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
      new Set([BORIS, GALINA]),
    );
  });
});
