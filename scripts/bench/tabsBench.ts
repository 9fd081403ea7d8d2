/*
 * The Deploy and Health tabs' APIs under load, and the cost of probing
 * (issues: the Deploy tab, the Health tab).
 *
 * Probing: the backend runs idle for BENCH_PROBE_SECONDS (default 600) while
 * api-status probes every service every 30 s; measured are its CPU share
 * (the whole backend's: an upper bound of the prober's), its resident memory
 * at the start and end, and the probe rows and database growth, per day.
 *
 * 50 concurrent clients request the Deploy data of random services for
 * BENCH_DEPLOY_SECONDS (default 30), BENCH_DEPLOY_ROUNDS times (default 3),
 * alternately from
 *  - ours:   the sync-waves backend (one Applications list per TTL, cached),
 *            GET /api/sync-waves/applications/:app?workload=&service=
 *  - roadie: Roadie's ArgoCD backend as its overview card calls it,
 *            GET /api/argocd/find/name/:app
 *  - health: GET /api/api-status/services/default/:service (Health tab)
 *  - ingestion: GET /api/ingestion/agents/default/:agent (Throughput card),
 *            against a real Prometheus scraping the sandbox; counted are the
 *            queries Prometheus answers (its own request counter)
 *  - floor:  the backend's readiness route, the least any route can cost here
 * against the platform sandbox's ArgoCD, which counts the requests it answers.
 * Reported per round: p50/p95/p99, requests per second, errors, and upstream
 * ArgoCD calls (Applications lists, single-Application reads, sessions).
 *
 * Run by `./portal bench` (BENCH_DIR is the output folder).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadPlatform } from '@internal/platform-sandbox';
import { HOUR_MS, ProbeStore } from '@internal/plugin-api-status-backend';
import knexFactory from 'knex';
import {
  benchBackendConfig,
  httpGet,
  load,
  LoadResult,
  rssMiB,
  sleep,
  startBackend,
} from './lib';
import { startUpstreams } from './upstreams';

const ROOT = path.resolve(__dirname, '../..');
const BENCH_DIR = process.env.BENCH_DIR ?? path.join(ROOT, '.bench');
const SECONDS = Number(process.env.BENCH_DEPLOY_SECONDS ?? 30);
const ROUNDS = Number(process.env.BENCH_DEPLOY_ROUNDS ?? 3);
const CLIENTS = Number(process.env.BENCH_DEPLOY_CLIENTS ?? 50);
const TTL_SECONDS = 30;
const PORT = 17021;
const TOKEN = crypto.randomBytes(24).toString('hex');

const PROBE_SECONDS = Number(process.env.BENCH_PROBE_SECONDS ?? 600);
const log = (msg: string) => console.log(`[bench:tabs] ${msg}`);

/** CPU seconds (user + system) a process has used. */
function cpuSeconds(pid: number): number {
  const fields = fs
    .readFileSync(`/proc/${pid}/stat`, 'utf8')
    .split(') ')[1]
    .split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // clock ticks
}

function dirBytes(dir: string): number {
  return fs
    .readdirSync(dir)
    .filter(f => f.includes('api-status'))
    .reduce((sum, f) => sum + fs.statSync(path.join(dir, f)).size, 0);
}

interface Upstream {
  total: number;
  lists: number;
  gets: number;
  sessions: number;
  prometheusQueries?: number;
}

/** Queries a Prometheus has answered, from its own /metrics. */
async function prometheusQueries(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let n = 0;
  for (const m of text.matchAll(
    /^prometheus_http_requests_total\{[^}]*handler="\/api\/v1\/query(_range)?"[^}]*\} (\d+)/gm,
  )) {
    n += Number(m[2]);
  }
  return n;
}

function upstream(counts: any): Upstream {
  const byPath: Record<string, number> = counts.argocd?.byPath ?? {};
  let lists = 0;
  let gets = 0;
  let sessions = 0;
  for (const [key, n] of Object.entries(byPath)) {
    if (key === 'GET /api/v1/applications') lists += n;
    else if (key === 'POST /api/v1/session') sessions += n;
    else if (/^GET \/api\/v1\/applications\/[^/]+$/.test(key)) gets += n;
  }
  return { total: counts.argocd?.total ?? 0, lists, gets, sessions };
}

/**
 * A probe history as the Health tab reads it after weeks of running: raw
 * probes every 30 s for the last 26 hours, hourly roll-ups for the 29 days
 * before, for every endpoint; a probe in 2,000 fails.
 */
async function seedProbeHistory(
  file: string,
  endpoints: Array<{ entityRef: string; path: string }>,
  nowMs: number,
) {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: file },
    useNullAsDefault: true,
  });
  try {
    const store = await ProbeStore.create({
      getClient: async () => knex,
      migrations: { skip: false },
    } as any);
    let seed = 1;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const rawFrom = Math.floor((nowMs - 26 * HOUR_MS) / HOUR_MS) * HOUR_MS;
    let raw = 0;
    for (const e of endpoints) {
      const rows = [];
      for (let t = rawFrom; t < nowMs; t += 30_000) {
        const ok = random() > 0.0005;
        rows.push({
          entity_ref: e.entityRef,
          path: e.path,
          checked_at: t + Math.floor(random() * 10_000),
          ok,
          status_code: ok ? 200 : 503,
          response_ms: ok ? 2 + Math.floor(random() * 20) : null,
          error: ok ? null : 'HTTP 503: no endpoints available',
        });
      }
      raw += rows.length;
      await knex.batchInsert('api_status_probes', rows, 400);
    }
    const rollups = [];
    for (let h = rawFrom - 29 * 24 * HOUR_MS; h < rawFrom; h += HOUR_MS) {
      for (const e of endpoints) {
        const failed = random() < 0.05 ? 1 : 0;
        rollups.push({
          entity_ref: e.entityRef,
          path: e.path,
          bucket_start: h,
          probes: 120,
          ok: 120 - failed,
          p50_ms: 12,
          p95_ms: 21,
          last_failure_at: failed ? h + 1_000 : null,
          last_failure_status: failed ? 503 : null,
          last_failure_error: failed
            ? 'HTTP 503: no endpoints available'
            : null,
        });
      }
    }
    await knex.batchInsert('api_status_rollups', rollups, 400);
    // and the hours since rolled up, as the hourly task leaves them
    const rolledHours = await store.rollUp(nowMs);
    return {
      raw,
      rollups: rollups.length,
      rolledHours,
      bytes: fs.statSync(file).size,
    };
  } finally {
    await knex.destroy();
  }
}

async function main() {
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  const platform = await loadPlatform(
    path.join(ROOT, 'examples/base-platform'),
  );
  const services = platform.modules.flatMap(m =>
    m.services.map(s => ({
      app: m.slug,
      workload: s.name,
      service: s.serviceName,
    })),
  );
  const upstreams = await startUpstreams(platform);
  const { sandbox, prometheus } = upstreams;
  const ingestionAgents = platform.modules
    .flatMap(m => m.services)
    .filter(s => s.ingestion)
    .map(s => s.name);
  const sqlite = path.join(BENCH_DIR, 'deploy-sqlite');
  fs.rmSync(sqlite, { recursive: true, force: true });
  const overrides = path.join(BENCH_DIR, 'app-config.deploy.yaml');
  fs.writeFileSync(
    overrides,
    stringify({
      ...benchBackendConfig({
        port: PORT,
        token: TOKEN,
        sqliteDir: sqlite,
        clusters: {
          'base-app-layer-dev': sandbox.urls.base,
          'platform-app-layer-dev': sandbox.urls.platform,
        },
        argocdUrl: sandbox.urls.argocd,
      }),
      syncWaves: { cacheTtlSeconds: TTL_SECONDS },
      apiStatus: {
        intervalSeconds: Number(process.env.BENCH_PROBE_INTERVAL ?? 30),
      },
      ingestion: {
        prometheus: { baseUrl: prometheus.url },
        cacheSeconds: TTL_SECONDS,
      },
    }),
  );
  const endpoints = platform.modules.flatMap(m =>
    m.services.flatMap(svc =>
      svc.healthPaths.map(p => ({
        entityRef: `component:default/${svc.name}`,
        path: p,
      })),
    ),
  );
  fs.mkdirSync(sqlite, { recursive: true });
  const t0 = Date.now();
  const seeded = await seedProbeHistory(
    path.join(sqlite, 'api-status.sqlite'),
    endpoints,
    Date.now(),
  );
  log(
    `seeded ${seeded.raw} probes (26 h) and ${
      seeded.rollups
    } hourly roll-ups (29 days) of ${endpoints.length} endpoints in ${(
      (Date.now() - t0) /
      1000
    ).toFixed(0)} s`,
  );
  const backend = await startBackend({
    name: 'portal',
    backendDir: path.join(ROOT, 'packages/backend'),
    configs: [path.join(ROOT, 'app-config.yaml'), overrides],
    port: PORT,
    logFile: path.join(BENCH_DIR, 'backend.deploy.log'),
  });
  const get = (url: string) =>
    httpGet(`http://127.0.0.1:${PORT}${url}`, {
      Authorization: `Bearer ${TOKEN}`,
    });
  const random = () => services[Math.floor(Math.random() * services.length)];
  const targets = {
    ours: () => {
      const s = random();
      return get(
        `/api/sync-waves/applications/${s.app}?workload=${s.workload}&service=${s.service}`,
      );
    },
    roadie: () => get(`/api/argocd/find/name/${random().app}`),
    health: () => get(`/api/api-status/services/default/${random().workload}`),
    ingestion: () =>
      get(
        `/api/ingestion/agents/default/${
          ingestionAgents[Math.floor(Math.random() * ingestionAgents.length)]
        }`,
      ),
    // the floor: the backend's own readiness route (no auth, no plugin) under the same load
    floor: () => get('/.backstage/health/v1/readiness'),
  } as Record<string, () => Promise<boolean>>;
  let probing: Record<string, number> | undefined;
  const rounds: Array<
    LoadResult & { target: string; round: number; upstream: Upstream }
  > = [];
  try {
    // the catalog ingests in the background after readiness; let it finish
    for (let i = 0; i < 120; i++) {
      const res = await fetch(
        `http://127.0.0.1:${PORT}/api/catalog/entities/by-query?limit=1&filter=kind=component,spec.type=service`,
        { headers: { Authorization: `Bearer ${TOKEN}` } },
      ).catch(() => undefined);
      const body = res?.ok ? await res.json() : undefined;
      if ((body?.totalItems ?? 0) >= services.length) break;
      await sleep(1000);
    }
    await sleep(10_000);

    // probing cost: the backend idle but for its schedules
    const pid = backend.child.pid!;
    const cpu0 = cpuSeconds(pid);
    const rss0 = rssMiB(pid);
    const bytes0 = dirBytes(sqlite);
    log(`probing for ${PROBE_SECONDS} s with the backend otherwise idle`);
    await sleep(PROBE_SECONDS * 1000);
    const logText = fs.readFileSync(
      path.join(BENCH_DIR, 'backend.deploy.log'),
      'utf8',
    );
    const runs = [
      ...logText.matchAll(
        /probed (\d+) endpoints of (\d+) services in ([\d.]+) s/g,
      ),
    ];
    const last = runs[runs.length - 1];
    probing = {
      seconds: PROBE_SECONDS,
      cpuShareOfOneCore: (cpuSeconds(pid) - cpu0) / PROBE_SECONDS,
      rssStartMiB: rss0,
      rssEndMiB: rssMiB(pid),
      runs: runs.length,
      endpointsPerRun: last ? Number(last[1]) : 0,
      servicesPerRun: last ? Number(last[2]) : 0,
      runSeconds: last ? Number(last[3]) : NaN,
      rowsPerDay: last ? Number(last[1]) * (86_400 / 30) : 0,
      dbBytesPerDay: ((dirBytes(sqlite) - bytes0) / PROBE_SECONDS) * 86_400,
    };
    log(
      `probing: ${(probing.cpuShareOfOneCore * 100).toFixed(
        1,
      )} % of one core, RSS ${probing.rssStartMiB} → ${
        probing.rssEndMiB
      } MiB, ${probing.endpointsPerRun} endpoints per run`,
    );

    for (let round = 1; round <= ROUNDS; round++) {
      for (const [target, call] of Object.entries(targets)) {
        sandbox.requests.reset();
        const queries0 = await prometheusQueries(prometheus.url);
        const result = await load({ clients: CLIENTS, seconds: SECONDS, call });
        const up = upstream(sandbox.requests.snapshot());
        up.prometheusQueries =
          (await prometheusQueries(prometheus.url)) - queries0;
        rounds.push({ target, round, ...result, upstream: up });
        log(
          `${target} round ${round}: ${result.requests} requests (${
            result.errors
          } errors), p50 ${result.p50Ms.toFixed(
            1,
          )} ms, p95 ${result.p95Ms.toFixed(1)} ms, p99 ${result.p99Ms.toFixed(
            1,
          )} ms; ArgoCD: ${up.lists} lists, ${up.gets} reads, ${
            up.sessions
          } sessions (${up.total} calls); Prometheus: ${
            up.prometheusQueries
          } queries`,
        );
      }
    }
  } finally {
    const rss = rssMiB(backend.child.pid!);
    await backend.stop();
    await upstreams.stop();
    fs.writeFileSync(
      path.join(BENCH_DIR, 'deploy-results.json'),
      JSON.stringify(
        {
          clients: CLIENTS,
          seconds: SECONDS,
          ttlSeconds: TTL_SECONDS,
          services: services.length,
          ingestionAgents: ingestionAgents.length,
          seeded: { ...seeded, endpoints: endpoints.length },
          rssMiB: rss,
          probing,
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
