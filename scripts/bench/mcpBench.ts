/*
 * The read tools over MCP under load, beside the HTTP route that answers the
 * same on the page (issue: the platform for AI agents).
 *
 * The portal's backend (packages/backend, app-config.yaml with the example
 * platform) against the platform sandbox. BENCH_MCP_CLIENTS (default 20) MCP
 * clients — the official TypeScript SDK over Streamable HTTP, one session
 * each, signed in with a static token — call one tool for
 * BENCH_MCP_SECONDS (default 5) per round, BENCH_MCP_ROUNDS times (default
 * 3); then as many plain HTTP clients call the page's route. Reported per
 * tool and per route: p50/p95, calls per second, errors.
 *
 * Run by `./portal bench` (BENCH_DIR is the output folder).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createSandbox, loadPlatform } from '@internal/platform-sandbox';
import {
  benchBackendConfig,
  freePort,
  httpGet,
  load,
  LoadResult,
  rssMiB,
  startBackend,
  until,
} from './lib';

const ROOT = path.resolve(__dirname, '../..');
const BENCH_DIR = process.env.BENCH_DIR ?? path.join(ROOT, '.bench');
const SECONDS = Number(process.env.BENCH_MCP_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_MCP_ROUNDS ?? 3);
const CLIENTS = Number(process.env.BENCH_MCP_CLIENTS ?? 20);
const TOKEN = crypto.randomBytes(24).toString('hex');
const COLLECTOR = 'base-data-ingestion-agent-data-collector';
const log = (msg: string) => console.log(`[bench:mcp] ${msg}`);

/** Each read tool, its arguments, and the route its page reads. */
const PAIRS: Array<{ tool: string; args: object; route: string }> = [
  {
    tool: 'catalog.list-base-modules',
    args: {},
    route: '/api/catalog/entities?filter=kind=system',
  },
  {
    tool: 'catalog.get-base-service',
    args: { service: COLLECTOR },
    route: `/api/catalog/entities/by-name/component/default/${COLLECTOR}`,
  },
  {
    tool: 'sync-waves.get-sync-waves',
    args: {},
    route: '/api/sync-waves/waves',
  },
  {
    tool: 'sync-waves.get-application',
    args: { application: 'data-ingestion' },
    route: '/api/sync-waves/applications/data-ingestion',
  },
  {
    tool: 'api-status.get-service-health',
    args: { service: COLLECTOR },
    route: `/api/api-status/services/default/${COLLECTOR}`,
  },
  {
    tool: 'api-status.get-module-health',
    args: { module: 'base-data-ingestion' },
    route: '/api/api-status/modules/default/base-data-ingestion',
  },
  {
    tool: 'karpenter.get-cluster-capacity',
    args: { cluster: 'base-app-layer-dev' },
    route: '/api/karpenter/clusters/base-app-layer-dev',
  },
  {
    tool: 'karpenter.get-module-placement',
    args: { namespace: 'base-data-quality' },
    route: '/api/karpenter/namespaces/base-data-quality',
  },
];

async function main() {
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const platform = await loadPlatform(
    path.join(ROOT, 'examples/base-platform'),
  );
  const sandbox = await createSandbox({
    platform,
    host: '127.0.0.1',
    scenario: 'healthy',
    ports: { control: 0, base: 0, platform: 0, argocd: 0, metrics: 0 },
  });
  const port = await freePort();
  const sqlite = path.join(BENCH_DIR, 'mcp-sqlite');
  fs.rmSync(sqlite, { recursive: true, force: true });
  const overrides = path.join(BENCH_DIR, 'app-config.mcp.yaml');
  fs.writeFileSync(
    overrides,
    stringify({
      ...benchBackendConfig({
        port,
        token: TOKEN,
        sqliteDir: sqlite,
        clusters: {
          'base-app-layer-dev': sandbox.urls.base,
          'platform-app-layer-dev': sandbox.urls.platform,
        },
        argocdUrl: sandbox.urls.argocd,
      }),
    }),
  );
  const backend = await startBackend({
    name: 'portal',
    backendDir: path.join(ROOT, 'packages/backend'),
    configs: [path.join(ROOT, 'app-config.yaml'), overrides],
    port,
    logFile: path.join(BENCH_DIR, 'backend.mcp.log'),
  });
  const base = `http://127.0.0.1:${port}`;
  const auth = { Authorization: `Bearer ${TOKEN}` };
  const clients: Client[] = [];
  const results: Array<
    LoadResult & { tool: string; via: 'mcp' | 'http'; round: number }
  > = [];
  try {
    await until(
      'the collector in the catalog and a probe run',
      180,
      async () => {
        const res = await fetch(`${base}${PAIRS[4].route}`, { headers: auth });
        const body = res.ok ? await res.json() : undefined;
        return body?.endpoints?.some((e: any) => e.current) ? true : undefined;
      },
    );
    for (let i = 0; i < CLIENTS; i++) {
      const client = new Client({ name: `bench-${i}`, version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(
          new URL(`${base}/api/mcp-actions/v1`),
          {
            requestInit: { headers: auth },
          },
        ),
      );
      clients.push(client);
    }
    const listed = new Set(
      (await clients[0].listTools()).tools.map(t => t.name),
    );
    const missing = PAIRS.filter(p => !listed.has(p.tool)).map(p => p.tool);
    if (missing.length)
      throw new Error(`tools not listed: ${missing.join(', ')}`);
    for (const pair of PAIRS) {
      const first = (await clients[0].callTool({
        name: pair.tool,
        arguments: pair.args as Record<string, unknown>,
      })) as { isError?: boolean; content: Array<{ text?: string }> };
      if (first.isError)
        throw new Error(
          `${pair.tool}: ${first.content.map(c => c.text).join('')}`,
        );
    }
    for (let round = 1; round <= ROUNDS; round++) {
      for (const pair of PAIRS) {
        let next = 0;
        const viaMcp = await load({
          clients: CLIENTS,
          seconds: SECONDS,
          call: async () => {
            const client = clients[next++ % clients.length];
            const result = (await client.callTool({
              name: pair.tool,
              arguments: pair.args as Record<string, unknown>,
            })) as { isError?: boolean };
            return !result.isError;
          },
        });
        const viaHttp = await load({
          clients: CLIENTS,
          seconds: SECONDS,
          call: () => httpGet(`${base}${pair.route}`, auth),
        });
        results.push(
          { tool: pair.tool, via: 'mcp', round, ...viaMcp },
          { tool: pair.tool, via: 'http', round, ...viaHttp },
        );
        log(
          `${pair.tool} round ${round}: MCP p50 ${viaMcp.p50Ms.toFixed(
            1,
          )} / p95 ${viaMcp.p95Ms.toFixed(1)} ms (${viaMcp.errors} errors); ${
            pair.route
          } p50 ${viaHttp.p50Ms.toFixed(1)} / p95 ${viaHttp.p95Ms.toFixed(
            1,
          )} ms (${viaHttp.errors} errors)`,
        );
      }
    }
  } finally {
    const rss = rssMiB(backend.child.pid!);
    await Promise.all(clients.map(c => c.close().catch(() => undefined)));
    await backend.stop();
    await sandbox.stop();
    fs.writeFileSync(
      path.join(BENCH_DIR, 'mcp-results.json'),
      JSON.stringify(
        {
          clients: CLIENTS,
          seconds: SECONDS,
          rounds: ROUNDS,
          pairs: PAIRS.map(p => ({ tool: p.tool, route: p.route })),
          rssMiB: rss,
          results,
        },
        null,
        2,
      ),
    );
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
