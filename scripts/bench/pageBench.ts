/*
 * First load and navigation in Debian's Chromium (issue: bench and
 * resilience): milliseconds until each page's data is visible, and the
 * JavaScript bytes transferred, for the portal and for a stock create-app
 * of the same release serving the same example entities.
 *
 * Pages: Home, the Catalog filtered to the 168 services, a service's
 * Overview, Deploy and Health tabs, a module's Overview, Services, Deploy,
 * Health and Capacity tabs (the stock app has the Catalog and the service
 * Overview). Each is measured
 *  - first load: a fresh browser context, signed in as guest, the browser
 *    cache cleared, then `goto` until the data is visible;
 *  - navigation: inside the running app (history push, no reload) from the
 *    previous page until the data is visible.
 * BENCH_PAGE_ROUNDS rounds (default 5), ours and stock alternating, each
 * backend started afresh per round; min / median / max.
 *
 * Run by `./portal bench` after it built both frontends (BENCH_DIR).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../chromium';
import {
  dataVisible,
  navigateInApp,
  SERVICES_FILTER,
  signInAsGuest,
} from '../pageReady';
import { stringify } from 'yaml';
import { loadPlatform } from '@internal/platform-sandbox';
import {
  benchBackendConfig,
  median,
  startBackend,
  stockCatalogConfig,
  writeStockEntities,
} from './lib';
import { startUpstreams } from './upstreams';

const ROOT = path.resolve(__dirname, '../..');
const BENCH_DIR = process.env.BENCH_DIR ?? path.join(ROOT, '.bench');
const STOCK_DIR = process.env.BENCH_STOCK_DIR ?? path.join(BENCH_DIR, 'stock');
const ROUNDS = Number(process.env.BENCH_PAGE_ROUNDS ?? 5);
const SERVICE = 'base-data-ingestion-agent-data-collector';
const ENTITY = `/catalog/default/component/${SERVICE}`;
const MODULE = '/catalog/default/system/base-data-ingestion';
const log = (msg: string) => console.log(`[bench:pages] ${msg}`);

interface PageSpec {
  name: string;
  url: string;
  /** Where the stock app has it, when elsewhere (its catalog index is its home page). */
  stockUrl?: string;
  /** Resolves when the page's data is visible. */
  visible: (page: Page) => Promise<void>;
  stock: boolean;
}

const PAGES: PageSpec[] = [
  { name: 'Home', url: '/', stock: false, visible: dataVisible.home },
  {
    name: 'Catalog (168 services)',
    url: `/catalog?${SERVICES_FILTER}`,
    stockUrl: `/?${SERVICES_FILTER}`,
    stock: true,
    visible: dataVisible.catalogServices,
  },
  {
    name: 'Service Overview',
    url: ENTITY,
    stock: true,
    visible: dataVisible.overview,
  },
  {
    name: 'Deploy tab',
    url: `${ENTITY}/deploy`,
    stock: false,
    visible: dataVisible.deploy,
  },
  {
    name: 'Health tab',
    url: `${ENTITY}/health`,
    stock: false,
    visible: dataVisible.health,
  },
  {
    name: 'Module Overview',
    url: MODULE,
    stock: false,
    visible: dataVisible.moduleOverview,
  },
  {
    name: 'Module Services',
    url: `${MODULE}/services`,
    stock: false,
    visible: dataVisible.module,
  },
  {
    name: 'Module Deploy',
    url: `${MODULE}/deploy`,
    stock: false,
    visible: dataVisible.deploy,
  },
  {
    name: 'Module Health',
    url: `${MODULE}/health`,
    stock: false,
    visible: dataVisible.moduleHealth,
  },
  {
    name: 'Module Capacity',
    url: `${MODULE}/capacity`,
    stock: false,
    visible: dataVisible.moduleCapacity,
  },
];

interface Sample {
  target: string;
  round: number;
  page: string;
  firstLoadMs: number;
  jsBytes: number;
  navigationMs?: number;
}

async function measure(
  target: string,
  base: string,
  pages: PageSpec[],
  round: number,
): Promise<Sample[]> {
  const browser = await chromium.launch(chromiumLaunchOptions);
  const samples: Sample[] = [];
  let previous: Page | undefined;
  try {
    for (const spec of pages) {
      // first load: signed in, cold cache
      const context = await browser.newContext();
      const page = await context.newPage();
      await signInAsGuest(page, `${base}/`);
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.clearBrowserCache');
      const scripts = new Set<string>();
      let jsBytes = 0;
      cdp.on('Network.responseReceived', (e: any) => {
        if (e.type === 'Script') scripts.add(e.requestId);
      });
      cdp.on('Network.loadingFinished', (e: any) => {
        if (scripts.has(e.requestId)) jsBytes += e.encodedDataLength;
      });
      const t0 = Date.now();
      await page.goto(`${base}${spec.url}`);
      await spec.visible(page);
      const firstLoadMs = Date.now() - t0;
      await context.close();

      // navigation: in the running app of the previous page, no reload
      let navigationMs: number | undefined;
      if (previous) {
        const t1 = Date.now();
        await navigateInApp(previous, spec.url);
        await spec.visible(previous);
        navigationMs = Date.now() - t1;
      } else {
        const c = await browser.newContext();
        previous = await c.newPage();
        await signInAsGuest(previous, `${base}/`);
        await previous.goto(`${base}${spec.url}`);
        await spec.visible(previous);
      }
      samples.push({
        target,
        round,
        page: spec.name,
        firstLoadMs,
        jsBytes,
        navigationMs,
      });
      log(
        `${target} round ${round} ${
          spec.name
        }: first load ${firstLoadMs} ms (${Math.round(
          jsBytes / 1024,
        )} KiB of JavaScript)${
          navigationMs !== undefined ? `, navigation ${navigationMs} ms` : ''
        }`,
      );
    }
  } finally {
    await previous?.context().close();
    await browser.close();
  }
  return samples;
}

/** Starts a backend, lets its catalog settle and its first probes run, measures its pages once, stops it. */
async function measureBackend(
  target: string,
  backend: { backendDir: string; configs: string[]; port: number },
  pages: PageSpec[],
  round: number,
): Promise<Sample[]> {
  const running = await startBackend({
    name: target,
    ...backend,
    logFile: path.join(BENCH_DIR, `backend.pages-${target}.log`),
  });
  try {
    await new Promise(r => setTimeout(r, 45_000));
    return await measure(
      target,
      `http://127.0.0.1:${backend.port}`,
      pages,
      round,
    );
  } finally {
    await running.stop();
  }
}

async function main() {
  const platform = await loadPlatform(
    path.join(ROOT, 'examples/base-platform'),
  );
  // the stock app reads the same entities from one file
  const stockEntities = path.join(BENCH_DIR, 'entities-pages.yaml');
  await writeStockEntities(
    path.join(ROOT, 'examples/base-platform'),
    stockEntities,
  );
  const upstreams = await startUpstreams(platform);
  const { sandbox, prometheus } = upstreams;
  const samples: Sample[] = [];
  try {
    // ours
    const oursPort = 17041;
    const sqlite = path.join(BENCH_DIR, 'pages-sqlite');
    fs.rmSync(sqlite, { recursive: true, force: true });
    const oursConfig = path.join(BENCH_DIR, 'app-config.pages.yaml');
    fs.writeFileSync(
      oursConfig,
      stringify({
        ...benchBackendConfig({
          port: oursPort,
          token: crypto.randomBytes(24).toString('hex'),
          sqliteDir: sqlite,
          clusters: {
            'base-app-layer-dev': sandbox.urls.base,
            'platform-app-layer-dev': sandbox.urls.platform,
          },
          argocdUrl: sandbox.urls.argocd,
        }),
        ingestion: { prometheus: { baseUrl: prometheus.url } },
        apiStatus: {
          toolHealthUrls: {
            argocd: `${sandbox.urls.argocd}/api/version`,
            prometheus: `${prometheus.url}/-/healthy`,
          },
        },
      }),
    );
    // stock: the same entities from one file
    const stockPort = 17042;
    const stockConfig = path.join(BENCH_DIR, 'app-config.stock-pages.yaml');
    fs.writeFileSync(
      stockConfig,
      stringify({
        app: { baseUrl: `http://127.0.0.1:${stockPort}` },
        backend: {
          baseUrl: `http://127.0.0.1:${stockPort}`,
          listen: { port: stockPort },
        },
        ...stockCatalogConfig(stockEntities),
      }),
    );
    // ours and stock alternating, one round each per start, so that drift
    // over the run falls on both
    for (let round = 1; round <= ROUNDS; round++) {
      samples.push(
        ...(await measureBackend(
          'ours',
          {
            backendDir: path.join(ROOT, 'packages/backend'),
            configs: [path.join(ROOT, 'app-config.yaml'), oursConfig],
            port: oursPort,
          },
          PAGES,
          round,
        )),
        ...(await measureBackend(
          'stock',
          {
            backendDir: path.join(STOCK_DIR, 'packages/backend'),
            configs: [path.join(STOCK_DIR, 'app-config.yaml'), stockConfig],
            port: stockPort,
          },
          PAGES.filter(p => p.stock).map(p => ({
            ...p,
            url: p.stockUrl ?? p.url,
          })),
          round,
        )),
      );
    }
  } finally {
    await upstreams.stop();
    fs.writeFileSync(
      path.join(BENCH_DIR, 'page-results.json'),
      JSON.stringify({ rounds: ROUNDS, samples }, null, 2),
    );
  }
  const summary = [...new Set(samples.map(s => `${s.target}|${s.page}`))].map(
    key => {
      const [target, page] = key.split('|');
      const of = samples.filter(s => s.target === target && s.page === page);
      return `${target} ${page}: first load median ${median(
        of.map(s => s.firstLoadMs),
      )} ms`;
    },
  );
  log(summary.join('; '));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
