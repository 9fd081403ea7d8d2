/*
 * Resilience: 50 users browse the portal for 10 minutes on PostgreSQL
 * (issue: bench and resilience) — no errors, memory growth under 15 %.
 *
 * What a user does is taken from the real frontend: Debian's Chromium signs
 * in and walks Home, the Catalog of services, a module page, a service's
 * Overview, Deploy and Health tabs and the Capacity page, each until its
 * data is visible, while every API request the pages make is recorded —
 * once through an agent with an ingestion card, once through a service
 * without. Then SOAK_USERS (50) users, each signed in as guest, repeat the
 * walk for SOAK_SECONDS (600) over random services of the 168 (the walk of
 * their kind, the recorded service's names replaced by theirs): per page its
 * requests at once, as the browser sends them, then 1–3 s of reading.
 *
 * Checked: every page's data became visible while recording; no request
 * failed (HTTP ≥ 400 or no answer); every user kept browsing; the backend's
 * resident memory over the last minute is less than 15 % above the second
 * minute's (the first minute fills caches and JIT); the backend still ready.
 *
 * Needs PORTAL_POSTGRES_URL, the frontend built (packages/app/dist),
 * Chromium and Prometheus. Run by `./portal test` (stage "soak").
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadPlatform } from '@internal/platform-sandbox';
import {
  benchBackendConfig,
  freePort,
  median,
  percentile,
  rssMiB,
  sleep,
  startBackend,
  until,
} from '../bench/lib';
import { startUpstreams } from '../bench/upstreams';
import { checkList, guestToken } from './checks';
import {
  instantiate,
  namesOf,
  PAGES,
  record,
  type RecordedPage,
  resentCount,
  send,
} from './walks';

const ROOT = path.resolve(__dirname, '../..');
const WORK = fs.mkdtempSync(
  path.join(process.env.TEST_DIR ?? os.tmpdir(), 'soak-'),
);
const PG = process.env.PORTAL_POSTGRES_URL;
const USERS = Number(process.env.SOAK_USERS ?? 50);
const SECONDS = Number(process.env.SOAK_SECONDS ?? 600);
const SAMPLE_MS = 5000;
const MAX_GROWTH = 0.15;
const SAMPLE_SERVICE = 'base-data-ingestion-agent-data-collector';
const log = (msg: string) => console.log(`[soak] ${msg}`);

const { check, run } = checkList('soak');

async function main() {
  if (!PG) throw new Error('PORTAL_POSTGRES_URL is not set');
  const platform = await loadPlatform(
    path.join(ROOT, 'examples/base-platform'),
  );
  const services = platform.modules.flatMap(m =>
    m.services.map(s => ({ s, m })),
  );
  // two walks: an agent with an ingestion card on its pages, a service without
  const samples = [
    services.find(x => x.s.name === SAMPLE_SERVICE)!,
    services.find(x => x.m.slug === 'data-ingestion' && !x.s.ingestion)!,
  ];
  const upstreams = await startUpstreams(platform);
  const { sandbox, prometheus } = upstreams;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = path.join(WORK, 'app-config.soak.yaml');
  const bench = benchBackendConfig({
    port,
    token: crypto.randomBytes(24).toString('hex'),
    sqliteDir: path.join(WORK, 'sqlite'),
    clusters: {
      'base-app-layer-dev': sandbox.urls.base,
      'platform-app-layer-dev': sandbox.urls.platform,
    },
    argocdUrl: sandbox.urls.argocd,
  });
  fs.writeFileSync(
    config,
    stringify({
      ...bench,
      backend: {
        ...bench.backend,
        database: {
          client: 'pg',
          connection: PG,
          prefix: `soak${crypto.randomBytes(3).toString('hex')}_`,
        },
      },
      ingestion: { prometheus: { baseUrl: prometheus.url } },
      apiStatus: {
        toolHealthUrls: {
          argocd: `${sandbox.urls.argocd}/api/version`,
          prometheus: `${prometheus.url}/-/healthy`,
        },
      },
      catalog: {
        providers: {
          basePlatform: {
            directory: path.join(ROOT, 'examples/base-platform'),
            schedule: {
              frequency: { seconds: 30 },
              timeout: { minutes: 2 },
              initialDelay: { seconds: 1 },
            },
          },
        },
      },
    }),
  );
  const backend = await startBackend({
    name: 'portal',
    backendDir: path.join(ROOT, 'packages/backend'),
    configs: [path.join(ROOT, 'app-config.yaml'), config],
    port,
    logFile: path.join(WORK, 'backend.log'),
  });
  const pid = backend.child.pid!;
  try {
    const first = await guestToken(base);
    await until('the catalog', 180, async () => {
      const res = await fetch(
        `${base}/api/catalog/entities/by-query?limit=1&filter=kind=component,spec.type=service`,
        { headers: { Authorization: `Bearer ${first}` } },
      );
      const n = res.ok ? (await res.json()).totalItems : 0;
      return n >= 168 ? n : undefined;
    });
    // the first probe run (every 30 s) and Prometheus' first scrapes
    await sleep(35_000);

    const walks: Record<'ingestion' | 'other', RecordedPage[]> = {
      ingestion: [],
      other: [],
    };
    for (const sample of samples) {
      const pages = await record(base, sample, (page, error) =>
        check(`${page}: data visible while recording`, false, String(error)),
      );
      walks[sample.s.ingestion ? 'ingestion' : 'other'] = pages;
      check(
        `the walk through ${sample.s.name} recorded: ${pages.length} of ${PAGES.length} pages`,
        pages.length === PAGES.length,
        pages.map(p => `${p.name} ${p.requests.length} requests`).join(', '),
      );
      fs.writeFileSync(
        path.join(WORK, `walk-${sample.s.name}.json`),
        JSON.stringify(pages, null, 2),
      );
    }

    // 50 users, each signed in, browsing random services
    const tokens = await Promise.all(
      Array.from({ length: USERS }, () => guestToken(base)),
    );
    const idleMiB = rssMiB(pid);
    const rssSamples: Array<{ at: number; rss: number }> = [];
    const start = Date.now();
    const end = start + SECONDS * 1000;
    const sampler = setInterval(
      () => rssSamples.push({ at: Date.now() - start, rss: rssMiB(pid) }),
      SAMPLE_MS,
    );
    let requests = 0;
    const failures = new Map<string, number>();
    const pageMs: number[] = [];
    // per recorded request (its templated path): how long its answers took
    const requestMs = new Map<string, number[]>();
    const walksPerUser = new Array(USERS).fill(0);
    await Promise.all(
      tokens.map(async (token, user) => {
        // users start within the first 5 s, not all at once
        await sleep(Math.random() * 5000);
        while (Date.now() < end) {
          const pick = services[Math.floor(Math.random() * services.length)];
          const names = namesOf(pick.s, pick.m);
          for (const p of walks[pick.s.ingestion ? 'ingestion' : 'other']) {
            if (Date.now() >= end) break;
            const t0 = Date.now();
            const statuses = await Promise.all(
              p.requests.map(r => {
                const sent = Date.now();
                return send(base, token, {
                  method: r.method,
                  path: instantiate(r.path, names),
                  body: r.body && instantiate(r.body, names),
                }).then(status => {
                  const key = `${p.name}: ${r.method} ${r.path.split('?')[0]}`;
                  const times = requestMs.get(key) ?? [];
                  times.push(Date.now() - sent);
                  requestMs.set(key, times);
                  return { status, r };
                });
              }),
            );
            pageMs.push(Date.now() - t0);
            for (const { status, r } of statuses) {
              requests++;
              if (typeof status !== 'number' || status >= 400) {
                const key = `${status} ${r.method} ${p.name}: ${r.path}`;
                failures.set(key, (failures.get(key) ?? 0) + 1);
              }
            }
            await sleep(1000 + Math.random() * 2000);
          }
          walksPerUser[user]++;
        }
      }),
    );
    clearInterval(sampler);
    const errors = [...failures.values()].reduce((a, b) => a + b, 0);
    pageMs.sort((a, b) => a - b);
    const slowest = [...requestMs.entries()]
      .map(([key, times]) => {
        times.sort((a, b) => a - b);
        return {
          request: key,
          count: times.length,
          p50Ms: percentile(times, 50),
          p95Ms: percentile(times, 95),
        };
      })
      .sort((a, b) => b.p95Ms - a.p95Ms);
    for (const r of slowest.slice(0, 8))
      log(
        `slowest: ${r.request} — p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms (${r.count}×)`,
      );
    log(
      `${USERS} users, ${SECONDS} s: ${requests} requests, ${
        pageMs.length
      } pages, page p50 ${percentile(pageMs, 50)} ms, p95 ${percentile(
        pageMs,
        95,
      )} ms, ${errors} errors; ${resentCount()} sent again after the server closed an idle kept-alive socket as it was reused`,
    );
    check(
      'no request failed',
      requests > 0 && errors === 0,
      `${errors} of ${requests}${
        failures.size
          ? `: ${[...failures.entries()]
              .slice(0, 5)
              .map(([k, n]) => `${n}× ${k}`)
              .join('; ')}`
          : ''
      }`,
    );
    const fewest = Math.min(...walksPerUser);
    check(
      'every user kept browsing (at least 3 walks of every page each)',
      fewest >= 3,
      `walks per user: fewest ${fewest}, median ${median(walksPerUser)}`,
    );
    const window = (from: number, to: number) =>
      median(rssSamples.filter(x => x.at >= from && x.at < to).map(x => x.rss));
    const warm = window(60_000, 120_000);
    const last = window((SECONDS - 60) * 1000, SECONDS * 1000 + SAMPLE_MS);
    const growth = (last - warm) / warm;
    const peak = Math.max(...rssSamples.map(x => x.rss));
    check(
      `memory growth under ${MAX_GROWTH * 100} %`,
      SECONDS >= 180 && Number.isFinite(growth) && growth < MAX_GROWTH,
      `RSS idle ${idleMiB} MiB, second minute ${warm} MiB, last minute ${last} MiB (${(
        growth * 100
      ).toFixed(1)} %), peak ${peak} MiB`,
    );
    const ready = await fetch(`${base}/.backstage/health/v1/readiness`)
      .then(r => r.ok)
      .catch(() => false);
    check(
      'the backend is still ready, never restarted',
      ready && backend.child.exitCode === null,
    );
    fs.writeFileSync(
      path.join(WORK, 'soak-results.json'),
      JSON.stringify(
        {
          users: USERS,
          seconds: SECONDS,
          requests,
          errors,
          resent: resentCount(),
          pages: pageMs.length,
          pageP50Ms: percentile(pageMs, 50),
          pageP95Ms: percentile(pageMs, 95),
          perRequest: slowest,
          rss: { idleMiB, warm, last, peak, growth, samples: rssSamples },
          walks,
        },
        null,
        2,
      ),
    );
  } finally {
    await backend.stop();
    await upstreams.stop();
  }
}

run(main, WORK);
