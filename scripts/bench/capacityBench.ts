/*
 * The Karpenter capacity API under load (issue: Karpenter capacity).
 *
 * The platform sandbox serves a base cluster of BENCH_CAPACITY_NODES nodes
 * (default 500, as many NodeClaims) and BENCH_CAPACITY_PODS pods of the
 * modules' services (default 5,000). 50 concurrent clients request, for
 * BENCH_CAPACITY_SECONDS (default 30) per round, BENCH_CAPACITY_ROUNDS times
 * (default 3), alternately
 *  - cluster: GET /api/karpenter/clusters/base-app-layer-dev (the Capacity page)
 *  - module:  GET /api/karpenter/namespaces/:namespace of a random module
 *             (the card on each module page)
 *  - cost:    GET /api/karpenter/clusters/base-app-layer-dev/cost (the
 *             Capacity page's Cost card: every node priced, every pod attributed)
 *  - module-cost: GET /api/karpenter/namespaces/:namespace/cost of a random
 *             module (the module's Cost card and the Services tab's column)
 *  - drift:   GET /api/sync-waves/drift (the Drift page: the example tree
 *             against the cluster's Deployments, Services, HPAs, ConfigMaps)
 *  - module-drift: GET /api/sync-waves/drift/namespaces/:namespace of a
 *             random module (the Deploy tab's Drift card)
 * Reported per round: p50/p95/p99, requests per second, errors, and the
 * list calls each resource kind got from the cluster (the sandbox counts
 * the requests it answers). Goal: p95 under 100 ms, one list per kind per
 * refresh (karpenter.cacheSeconds, 30 s here).
 *
 * Run by `./portal bench` (BENCH_DIR is the output folder).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import {
  createSandbox,
  loadPlatform,
  sandboxSpotPriceConfig,
} from '@internal/platform-sandbox';
import { karpenterLists } from '@internal/plugin-karpenter-backend';
import { driftLists } from '@internal/plugin-sync-waves-backend';
import {
  benchBackendConfig,
  httpGet,
  load,
  LoadResult,
  rssMiB,
  sleep,
  startBackend,
} from './lib';

const ROOT = path.resolve(__dirname, '../..');
const BENCH_DIR = process.env.BENCH_DIR ?? path.join(ROOT, '.bench');
const NODES = Number(process.env.BENCH_CAPACITY_NODES ?? 500);
const PODS = Number(process.env.BENCH_CAPACITY_PODS ?? 5000);
const SECONDS = Number(process.env.BENCH_CAPACITY_SECONDS ?? 30);
const ROUNDS = Number(process.env.BENCH_CAPACITY_ROUNDS ?? 3);
const CLIENTS = Number(process.env.BENCH_CAPACITY_CLIENTS ?? 50);
const CACHE_SECONDS = 30;
const PORT = 17031;
const CLUSTER = 'base-app-layer-dev';
const TOKEN = crypto.randomBytes(24).toString('hex');
const log = (msg: string) => console.log(`[bench:capacity] ${msg}`);

async function main() {
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const platform = await loadPlatform(
    path.join(ROOT, 'examples/base-platform'),
  );
  const namespaces = platform.modules.map(m => m.namespace);
  const sandbox = await createSandbox({
    platform,
    host: '127.0.0.1',
    scenario: 'healthy',
    scale: { nodes: NODES, pods: PODS },
    ports: { control: 0, base: 0, platform: 0, argocd: 0, metrics: 0 },
  });
  const served = sandbox.objects().base;
  const count = (kind: string) => served.filter(o => o.kind === kind).length;
  log(
    `sandbox cluster ${CLUSTER}: ${count('Node')} nodes, ${count(
      'NodeClaim',
    )} NodeClaims, ${count('Pod')} pods`,
  );
  const sqlite = path.join(BENCH_DIR, 'capacity-sqlite');
  fs.rmSync(sqlite, { recursive: true, force: true });
  const overrides = path.join(BENCH_DIR, 'app-config.capacity.yaml');
  fs.writeFileSync(
    overrides,
    stringify({
      ...benchBackendConfig({
        port: PORT,
        token: TOKEN,
        sqliteDir: sqlite,
        argocdUrl: sandbox.urls.argocd,
        clusters: {
          [CLUSTER]: sandbox.urls.base,
          'platform-app-layer-dev': sandbox.urls.platform,
        },
      }),
      syncWaves: { cacheTtlSeconds: CACHE_SECONDS },
      karpenter: {
        cacheSeconds: CACHE_SECONDS,
        // the price table of app-config.yaml; spot prices from this sandbox
        spotPriceHistory: sandboxSpotPriceConfig(sandbox.urls.control),
      },
    }),
  );
  const logFile = path.join(BENCH_DIR, 'backend.capacity.log');
  const backend = await startBackend({
    name: 'portal',
    backendDir: path.join(ROOT, 'packages/backend'),
    configs: [path.join(ROOT, 'app-config.yaml'), overrides],
    port: PORT,
    logFile,
  });
  const get = (url: string) =>
    httpGet(`http://127.0.0.1:${PORT}${url}`, {
      Authorization: `Bearer ${TOKEN}`,
    });
  const anyModule = () =>
    namespaces[Math.floor(Math.random() * namespaces.length)];
  /** Each target's route, with the module to ask for. */
  const paths: Record<string, (namespace: string) => string> = {
    cluster: () => `/api/karpenter/clusters/${CLUSTER}`,
    module: ns => `/api/karpenter/namespaces/${ns}`,
    cost: () => `/api/karpenter/clusters/${CLUSTER}/cost`,
    'module-cost': ns => `/api/karpenter/namespaces/${ns}/cost`,
    drift: () => '/api/sync-waves/drift',
    'module-drift': ns => `/api/sync-waves/drift/namespaces/${ns}`,
  };
  const targets: Record<string, () => Promise<boolean>> = Object.fromEntries(
    Object.entries(paths).map(([t, p]) => [t, () => get(p(anyModule()))]),
  );
  const lists = [
    ...Object.entries(karpenterLists),
    ...Object.entries(driftLists).filter(
      ([, p]) => !Object.values(karpenterLists).includes(p as any),
    ),
  ].map(([kind, p]) => ({ kind, key: `GET ${p}` }));
  const rounds: Array<
    LoadResult & {
      target: string;
      round: number;
      lists: Record<string, number>;
      responseBytes: number;
    }
  > = [];
  try {
    // the first read, and what it costs to answer
    const first = await fetch(
      `http://127.0.0.1:${PORT}/api/karpenter/clusters/${CLUSTER}`,
      { headers: { Authorization: `Bearer ${TOKEN}` } },
    );
    const view = await first.json();
    if (!first.ok || view.nodes?.length !== NODES)
      throw new Error(
        `the capacity API answered ${first.status} with ${view.nodes?.length} nodes, not ${NODES}`,
      );
    const cost = await (
      await fetch(`http://127.0.0.1:${PORT}${paths.cost('')}`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      })
    ).json();
    if (cost.nodes?.length !== NODES || cost.unpriced?.length)
      throw new Error(
        `the cost API priced ${cost.nodes?.length} of ${NODES} nodes (${
          cost.error?.message ?? cost.unpriced?.[0]?.reason ?? ''
        })`,
      );
    const drift = await (
      await fetch(`http://127.0.0.1:${PORT}${paths.drift('')}`, {
        headers: { Authorization: `Bearer ${TOKEN}` },
      })
    ).json();
    if (
      drift.modules?.length !== namespaces.length ||
      drift.sources.clusters.some((c: { error?: string }) => c.error)
    )
      throw new Error(
        `the drift API compared ${drift.modules?.length} of ${
          namespaces.length
        } modules (${JSON.stringify(drift.sources ?? drift.error)})`,
      );
    log(
      `drift: ${drift.modules.reduce(
        (n: number, m: { differences: unknown[] }) => n + m.differences.length,
        0,
      )} differences over ${
        namespaces.length
      } modules (the scaled replicas exceed the HPAs' maximum)`,
    );
    log(
      `cost: $${cost.total.hourly.toFixed(2)}/h for ${
        cost.nodes.length
      } nodes, idle $${cost.idle.hourly.toFixed(2)}/h, ${
        cost.workloads.length
      } workloads`,
    );
    await sleep(5_000);
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [target, call] of Object.entries(targets)) {
        const sample = await fetch(
          `http://127.0.0.1:${PORT}${paths[target](namespaces[0])}`,
          { headers: { Authorization: `Bearer ${TOKEN}` } },
        );
        const responseBytes = (await sample.arrayBuffer()).byteLength;
        sandbox.requests.reset();
        const result = await load({ clients: CLIENTS, seconds: SECONDS, call });
        const byPath = sandbox.requests.snapshot().base?.byPath ?? {};
        const perKind = Object.fromEntries(
          lists.map(l => [l.kind, byPath[l.key] ?? 0]),
        );
        rounds.push({
          target,
          round,
          ...result,
          lists: perKind,
          responseBytes,
        });
        log(
          `${target} round ${round}: ${result.requests} requests (${
            result.errors
          } errors), p50 ${result.p50Ms.toFixed(
            1,
          )} ms, p95 ${result.p95Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(
            1,
          )} ms, ${Math.round(
            result.throughput,
          )} req/s; lists from the cluster: ${lists
            .map(l => `${l.kind} ${perKind[l.kind]}`)
            .join(', ')}`,
        );
      }
    }
  } finally {
    const rss = rssMiB(backend.child.pid!);
    await backend.stop();
    await sandbox.stop();
    fs.writeFileSync(
      path.join(BENCH_DIR, 'capacity-results.json'),
      JSON.stringify(
        {
          clients: CLIENTS,
          seconds: SECONDS,
          cacheSeconds: CACHE_SECONDS,
          nodes: NODES,
          pods: PODS,
          nodeClaims: count('NodeClaim'),
          podsServed: count('Pod'),
          rssMiB: rss,
          rounds,
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
