/*
 * Catalog ingestion benchmark (issue: the BASE catalog).
 *
 * A synthetic platform of BENCH_MODULES modules (default 1,400: 16,800
 * services) goes into PostgreSQL twice, in the same run:
 *  - ours:  the portal's backend, through the base-platform entity provider;
 *  - stock: a stock @backstage/create-app backend of the same release, from a
 *           file location holding the very same entities.
 * Measured for each: seconds from backend readiness until every entity is
 * visible through the catalog API, entities per second, and the latency of
 * the module query (a module's 12 services) at p50/p95.
 *
 * With BENCH_PLATFORM=example the example platform itself (14 modules) is
 * used instead, BENCH_ROUNDS times (ours and stock alternating): backend
 * start to readiness and resident memory with every plugin, against stock.
 * Results go to BENCH_RESULTS (default catalog-results.json).
 *
 * Run by `./portal bench`, which provides PostgreSQL (PORTAL_POSTGRES_URL),
 * the stock app (BENCH_STOCK_DIR) and the output folder (BENCH_DIR).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import {
  median,
  percentile,
  rssMiB,
  sleep,
  startBackend,
  stockCatalogConfig,
  writeStockEntities,
} from './lib';
import { makeSyntheticPlatform } from './syntheticPlatform';

const ROOT = path.resolve(__dirname, '../..');
const BENCH_DIR = process.env.BENCH_DIR ?? path.join(ROOT, '.bench');
const STOCK_DIR = process.env.BENCH_STOCK_DIR ?? path.join(BENCH_DIR, 'stock');
const PG_URL = required('PORTAL_POSTGRES_URL');
const MODULES = Number(process.env.BENCH_MODULES ?? 1400);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 400);
const TIMEOUT_S = Number(process.env.BENCH_TIMEOUT_S ?? 3600);
const TOKEN = crypto.randomBytes(24).toString('hex');
const EXAMPLE = process.env.BENCH_PLATFORM === 'example';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const RESULTS = process.env.BENCH_RESULTS ?? 'catalog-results.json';
/** Unpacked backend bundles (`./portal bench` builds them): run as shipped. */
const BUNDLES = {
  ours: process.env.BENCH_BUNDLE_OURS,
  stock: process.env.BENCH_BUNDLE_STOCK,
};
/**
 * Seconds to leave the backend alone after the queries before its resident
 * memory is sampled once a second for as long again (0: no settled figure).
 */
const SETTLE_S = Number(process.env.BENCH_SETTLE_SECONDS ?? 0);

function required(name: string): string {
  const value = process.env[name];
  if (!value)
    throw new Error(`${name} is not set; run this through ./portal bench`);
  return value;
}

const log = (msg: string) => console.log(`[bench:catalog] ${msg}`);

async function api(port: number, pathAndQuery: string): Promise<any> {
  const res = await fetch(`http://127.0.0.1:${port}${pathAndQuery}`, {
    headers: { Authorization: `Bearer ${TOKEN}` },
  });
  if (!res.ok) throw new Error(`${pathAndQuery}: HTTP ${res.status}`);
  return res.json();
}

interface RunResult {
  target: string;
  entities: number;
  readySeconds: number;
  /** Seconds from readiness until the first module entity is visible. */
  firstVisibleSeconds: number;
  ingestSeconds: number;
  /** Entities per second from the first visible one until all are. */
  processingPerSecond: number;
  entitiesPerSecond: number;
  queryP50Ms: number;
  queryP95Ms: number;
  /** Right after ingestion and the queries. */
  rssMiB: number;
  /** The process's peak resident memory (VmHWM) up to then. */
  peakMiB: number;
  /** Median of the samples after SETTLE_S seconds without requests. */
  settledMiB?: number;
  bundle: boolean;
}

async function run(options: {
  target: 'ours' | 'stock';
  backendDir: string;
  configs: string[];
  expected: number;
  modules: string[];
}): Promise<RunResult> {
  const port = 17000 + (options.target === 'ours' ? 7 : 8);
  const prefix = `bench_${options.target}_${Date.now()}_`;
  const overrides = path.join(BENCH_DIR, `app-config.${options.target}.yaml`);
  fs.writeFileSync(
    overrides,
    stringify({
      app: { baseUrl: `http://127.0.0.1:${port}` },
      backend: {
        baseUrl: `http://127.0.0.1:${port}`,
        listen: { port },
        auth: {
          externalAccess: [
            { type: 'static', options: { token: TOKEN, subject: 'bench' } },
          ],
        },
        database: { client: 'pg', connection: PG_URL, prefix },
      },
    }),
  );
  const backend = await startBackend({
    name: options.target,
    backendDir: options.backendDir,
    bundleDir: BUNDLES[options.target],
    configs: [...options.configs, overrides],
    // both load their app-config.yaml, whose development sign-in (guest) a
    // production backend of ours refuses to start with
    env: { NODE_ENV: 'development' },
    port,
    logFile: path.join(BENCH_DIR, `backend.${options.target}.log`),
  });
  const { child, started, readyAt } = backend;
  try {
    log(
      `${options.target}: ready after ${((readyAt - started) / 1000).toFixed(
        1,
      )} s; waiting for ${options.expected} entities`,
    );
    let visible = 0;
    let lastLog = 0;
    let firstVisibleAt = 0;
    while (visible < options.expected) {
      if ((Date.now() - readyAt) / 1000 > TIMEOUT_S)
        throw new Error(
          `${options.target}: ${visible}/${options.expected} after ${TIMEOUT_S} s`,
        );
      const body = await api(
        port,
        '/api/catalog/entities/by-query?limit=1&filter=metadata.annotations.base.io/module',
      ).catch(() => ({ totalItems: 0 }));
      visible = body.totalItems ?? 0;
      if (visible > 0 && !firstVisibleAt) firstVisibleAt = Date.now();
      if (Date.now() - lastLog > 30_000) {
        log(
          `${options.target}: ${visible}/${options.expected} visible after ${(
            (Date.now() - readyAt) /
            1000
          ).toFixed(0)} s`,
        );
        lastLog = Date.now();
      }
      if (visible < options.expected) await sleep(1000);
    }
    const doneAt = Date.now();
    const ingestSeconds = (doneAt - readyAt) / 1000;
    const times: number[] = [];
    for (let i = 0; i < QUERIES; i++) {
      const slug = options.modules[
        Math.floor(Math.random() * options.modules.length)
      ].replace(/_/g, '-');
      const t0 = process.hrtime.bigint();
      const body = await api(
        port,
        `/api/catalog/entities/by-query?filter=kind=component,spec.type=service,metadata.annotations.base.io/module=${slug}`,
      );
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (body.items.length !== 12)
        throw new Error(
          `${options.target}: module ${slug} has ${body.items.length} services`,
        );
    }
    times.sort((a, b) => a - b);
    const rss = rssMiB(child.pid!);
    const peakMiB = rssMiB(child.pid!, 'VmHWM');
    let settledMiB: number | undefined;
    if (SETTLE_S > 0) {
      await sleep(SETTLE_S * 1000);
      const samples: number[] = [];
      for (let i = 0; i < SETTLE_S; i++) {
        samples.push(rssMiB(child.pid!));
        await sleep(1000);
      }
      settledMiB = median(samples);
      log(
        `${options.target}: RSS ${rss} MiB after the queries, peak ${peakMiB}, settled ${settledMiB}`,
      );
    }
    return {
      target: options.target,
      entities: options.expected,
      readySeconds: (readyAt - started) / 1000,
      firstVisibleSeconds: (firstVisibleAt - readyAt) / 1000,
      ingestSeconds,
      processingPerSecond:
        options.expected / ((doneAt - firstVisibleAt) / 1000),
      entitiesPerSecond: options.expected / ingestSeconds,
      queryP50Ms: percentile(times, 50),
      queryP95Ms: percentile(times, 95),
      rssMiB: rss,
      peakMiB,
      settledMiB,
      bundle: Boolean(BUNDLES[options.target]),
    };
  } finally {
    await backend.stop();
  }
}

async function main() {
  fs.mkdirSync(BENCH_DIR, { recursive: true });
  let platformDir = path.join(BENCH_DIR, `platform-${MODULES}`);
  let modules: string[];
  if (EXAMPLE) {
    platformDir = path.join(ROOT, 'examples/base-platform');
    modules = fs
      .readdirSync(platformDir, { withFileTypes: true })
      .filter(d => d.isDirectory())
      .map(d => d.name);
    log(`the example platform: ${modules.length} modules`);
  } else {
    log(
      `generating a synthetic platform of ${MODULES} modules in ${platformDir}`,
    );
    modules = makeSyntheticPlatform(platformDir, MODULES);
  }
  // The same entities as one file for the stock app's file location.
  const entitiesFile = path.join(
    BENCH_DIR,
    `entities-${EXAMPLE ? 'example' : MODULES}.yaml`,
  );
  const entities = await writeStockEntities(platformDir, entitiesFile);
  const moduleEntities = entities.filter(
    e => e.metadata.annotations?.['base.io/module'],
  );
  const services = moduleEntities.filter(
    e => e.spec?.type === 'service',
  ).length;
  log(
    `${entities.length} entities (${moduleEntities.length} of modules, ${services} services)`,
  );

  // Both index the catalog for search once, at their start (the stock app's
  // default is every 10 minutes): a run measured with that default put ours'
  // second indexing of all 46,200 entities over its module queries (p50
  // 63.7 ms) and stock's after its queries (6.7 ms).
  const search = {
    collators: {
      catalog: {
        schedule: {
          frequency: { hours: 2 },
          timeout: { minutes: 15 },
          initialDelay: { seconds: 3 },
        },
      },
    },
  };
  const stockConfig = path.join(BENCH_DIR, 'app-config.stock-catalog.yaml');
  fs.writeFileSync(
    stockConfig,
    stringify({ search, ...stockCatalogConfig(entitiesFile) }),
  );
  const oursConfig = path.join(BENCH_DIR, 'app-config.ours-catalog.yaml');
  fs.writeFileSync(
    oursConfig,
    stringify({
      search,
      catalog: {
        locations: [],
        providers: {
          basePlatform: {
            directory: platformDir,
            schedule: {
              frequency: { hours: 1 },
              timeout: { minutes: 30 },
              initialDelay: { seconds: 1 },
            },
          },
        },
      },
    }),
  );

  const results: Array<RunResult & { round: number }> = [];
  for (let round = 1; round <= ROUNDS; round++) {
    const ours = await run({
      target: 'ours',
      backendDir: path.join(ROOT, 'packages/backend'),
      configs: [path.join(ROOT, 'app-config.yaml'), oursConfig],
      expected: moduleEntities.length,
      modules,
    });
    log(JSON.stringify(ours));
    const stock = await run({
      target: 'stock',
      backendDir: path.join(STOCK_DIR, 'packages/backend'),
      configs: [path.join(STOCK_DIR, 'app-config.yaml'), stockConfig],
      expected: moduleEntities.length,
      modules,
    });
    log(JSON.stringify(stock));
    results.push({ ...ours, round }, { ...stock, round });
  }
  fs.writeFileSync(
    path.join(BENCH_DIR, RESULTS),
    JSON.stringify(
      {
        platform: EXAMPLE ? 'example' : 'synthetic',
        modules: modules.length,
        entities: entities.length,
        services,
        queries: QUERIES,
        results,
      },
      null,
      2,
    ),
  );
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
