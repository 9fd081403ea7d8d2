/*
 * Resilience with replicas (issue: scale out): two replicas of the portal's
 * backend, each its own process, on one PostgreSQL behind a round-robin
 * proxy with readiness gates (roundRobin.ts), as production runs them behind
 * their Service. Users browse through the proxy all along (the soak's walk,
 * recorded in Chromium), while one replica is SIGKILLed three times:
 *
 *  1. during an ingestion: a commit adds REPLICAS_ADDED modules to the tree
 *     and the replica that reads it is killed once the first of them are in
 *     the catalog — the other finishes it: every entity of the tree visible,
 *     none twice, none of another tree;
 *  2. during a scaffolder run: the replica that executes it is killed in the
 *     run's wait step — the other marks it failed (its heartbeat stopped) and
 *     nothing of the module is in the tree (the run is failed, not resumed);
 *  3. during a probe run: the replica that probes is killed mid-run — the
 *     other runs the next one, once (each run's probes are one per interval).
 *
 * Counted and printed: entities expected/visible, the probe runs per window,
 * the task's outcome, and the browsing requests that failed against those
 * lost in flight on a killed replica (the only failures allowed).
 *
 * Needs PORTAL_POSTGRES_URL, the frontend built, Chromium and Prometheus.
 * Run by `./portal test` (stage "resilience with replicas").
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { loadPlatform } from '@internal/platform-sandbox';
import {
  parsePlatformTree,
  platformLocation,
  readDirectoryTree,
} from '@internal/plugin-base-platform-node';
import { buildEntities } from '@internal/plugin-catalog-backend-module-base-platform';
import {
  benchBackendConfig,
  freePort,
  RunningBackend,
  sleep,
  startBackend,
  until,
} from '../bench/lib';
import { startUpstreams } from '../bench/upstreams';
import { makeSyntheticPlatform } from '../bench/syntheticPlatform';
import { checkList, guestToken, slowRunConfig } from './checks';
import { startRoundRobin } from './roundRobin';
import { instantiate, namesOf, record, type RecordedPage, send } from './walks';

const ROOT = path.resolve(__dirname, '../..');
const WORK = fs.mkdtempSync(
  path.join(process.env.TEST_DIR ?? os.tmpdir(), 'replicas-'),
);
const PG = process.env.PORTAL_POSTGRES_URL;
const INITIAL = Number(process.env.REPLICAS_MODULES ?? 40);
const ADDED = Number(process.env.REPLICAS_ADDED ?? 80);
const USERS = Number(process.env.REPLICAS_USERS ?? 8);
const PROBE_INTERVAL_S = 10;
const MODULE = 'replicas_probe';
const log = (msg: string) => console.log(`[replicas] ${msg}`);

const { check, run } = checkList('replicas');

interface Replica {
  name: string;
  starts: number;
  /** Why each start that exited before it was ready failed. */
  failedStarts: string[];
  backend?: RunningBackend;
  port?: number;
  logFiles: string[];
}

/** The lines of a replica's logs (every start), without colours. */
function logLines(replica: Replica): string[] {
  return replica.logFiles.flatMap(file =>
    fs.existsSync(file)
      ? fs
          .readFileSync(file, 'utf8')
          // eslint-disable-next-line no-control-regex
          .replace(/\u001b\[[0-9;]*m/g, '')
          .split('\n')
      : [],
  );
}

const lineTime = (line: string) => Date.parse(line.slice(0, 24));

/** PORTAL_POSTGRES_URL as a connection object, so a replica can add its name. */
function pgConnection(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
  };
}

/**
 * The production overlay's replicas and the one more a rolling update adds,
 * from the rendered manifests (kubectl kustomize).
 */
function productionPods() {
  const rendered = execFileSync(
    'kubectl',
    ['kustomize', path.join(ROOT, 'deploy/overlays/prod')],
    { encoding: 'utf8' },
  );
  const deployment = parseAllDocuments(rendered)
    .map(d => d.toJS())
    .find(
      o => o?.kind === 'Deployment' && o.metadata.name === 'developer-portal',
    );
  const replicas: number = deployment.spec.replicas;
  const surge = deployment.spec.strategy?.rollingUpdate?.maxSurge ?? '25%';
  const surged =
    typeof surge === 'string' && surge.endsWith('%')
      ? Math.ceil((replicas * parseFloat(surge)) / 100)
      : Number(surge);
  return { replicas, surged };
}

async function main() {
  if (!PG) throw new Error('PORTAL_POSTGRES_URL is not set');
  const platformDir = path.join(WORK, 'platform');
  const grownDir = path.join(WORK, 'grown');
  const folders = makeSyntheticPlatform(grownDir, INITIAL + ADDED);
  makeSyntheticPlatform(platformDir, INITIAL);
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', platformDir, ...args], { encoding: 'utf8' });
  const commit = (message: string) => {
    git('add', '-A');
    git(
      '-c',
      'user.name=replicas',
      '-c',
      'user.email=test@localhost',
      'commit',
      '-q',
      '-m',
      message,
    );
  };
  git('init', '-q', '-b', 'main');
  commit('synthetic platform');
  const location = platformLocation({ type: 'directory', path: platformDir });
  /** The refs of the provider's entities for the tree as it is, and how many are of modules. */
  const expectedOf = async () => {
    const entities = buildEntities(
      parsePlatformTree(await readDirectoryTree(platformDir)),
      location,
    );
    return {
      refs: entities.map(e => stringifyEntityRef(e)),
      modules: entities.filter(e => e.metadata.annotations?.['base.io/module'])
        .length,
    };
  };

  // the sandbox serves the grown platform, so the added modules run too
  const platform = await loadPlatform(grownDir);
  const upstreams = await startUpstreams(platform);
  const { sandbox, prometheus } = upstreams;
  const proxy = await startRoundRobin(['a', 'b']);
  const base = proxy.url;
  const prefix = `replicas${crypto.randomBytes(3).toString('hex')}_`;
  const bench = benchBackendConfig({
    port: 0,
    token: crypto.randomBytes(24).toString('hex'),
    sqliteDir: path.join(WORK, 'sqlite'),
    clusters: {
      'base-app-layer-dev': sandbox.urls.base,
      'platform-app-layer-dev': sandbox.urls.platform,
    },
    argocdUrl: sandbox.urls.argocd,
  });
  const production = parse(
    fs.readFileSync(path.join(ROOT, 'app-config.production.yaml'), 'utf8'),
  ).backend.database;
  const config = path.join(WORK, 'app-config.replicas.yaml');
  fs.writeFileSync(
    config,
    stringify({
      ...bench,
      // the replicas' one address, as the Service's is in production
      app: { baseUrl: base },
      backend: {
        ...bench.backend,
        baseUrl: base,
        // the production pools (app-config.production.yaml), so that what
        // a replica opens is checked against the ceilings production sets
        database: {
          client: 'pg',
          connection: pgConnection(PG),
          prefix,
          knexConfig: production.knexConfig,
          plugin: production.plugin,
        },
      },
      ingestion: { prometheus: { baseUrl: prometheus.url } },
      apiStatus: {
        intervalSeconds: PROBE_INTERVAL_S,
        jitterSeconds: 1,
        toolHealthUrls: {
          argocd: `${sandbox.urls.argocd}/api/version`,
          prometheus: `${prometheus.url}/-/healthy`,
        },
      },
      catalog: {
        providers: {
          basePlatform: {
            directory: platformDir,
            schedule: {
              frequency: { seconds: 15 },
              timeout: { minutes: 1 },
              initialDelay: { seconds: 1 },
            },
          },
        },
        locations: slowRunConfig.locations,
      },
      scaffolder: slowRunConfig.scaffolder,
    }),
  );

  const replicas: Replica[] = ['a', 'b'].map(name => ({
    name,
    starts: 0,
    failedStarts: [],
    logFiles: [],
  }));
  const start = async (replica: Replica) => {
    for (let attempt = 1; ; attempt++) {
      replica.starts++;
      // its own port, for the plugins' calls to their own replica (as a
      // pod's localhost:7007); the proxy is everyone else's address
      const port = await freePort();
      const own = path.join(WORK, `app-config.${replica.name}.yaml`);
      // its connections named after it (pg_stat_activity.application_name)
      fs.writeFileSync(
        own,
        stringify({
          backend: {
            listen: { port },
            database: {
              connection: {
                application_name: `portal-replica-${replica.name}`,
              },
            },
          },
        }),
      );
      const logFile = path.join(
        WORK,
        `backend.${replica.name}.${replica.starts}.log`,
      );
      replica.logFiles.push(logFile);
      try {
        replica.backend = await startBackend({
          name: `replica ${replica.name} (start ${replica.starts})`,
          backendDir: path.join(ROOT, 'packages/backend'),
          configs: [path.join(ROOT, 'app-config.yaml'), config, own],
          port,
          logFile,
        });
        replica.port = port;
        break;
      } catch (error) {
        const output = fs.readFileSync(logFile, 'utf8');
        // taken between choosing and binding it: started again on another
        if (attempt < 5 && output.includes('EADDRINUSE')) {
          log(`port ${port} was taken before replica ${replica.name} bound it`);
          continue;
        }
        // a plugin's start failed and the process exited: restarted, as the
        // kubelet restarts a container, and said (two replicas starting at
        // once on an empty database can lock each other's migrations)
        if (attempt < 3 && output.includes('Backend startup failed')) {
          const cause =
            output.match(/caused by ([^\n]*)/)?.[1] ?? 'see the log';
          replica.failedStarts.push(cause);
          log(
            `replica ${replica.name}'s start failed (${cause}); started again`,
          );
          continue;
        }
        throw error;
      }
    }
    const port = replica.port!;
    proxy.setPort(replica.name, port);
    await until(
      `replica ${replica.name} ready behind the proxy`,
      30,
      async () =>
        proxy.upstreams.find(u => u.name === replica.name)!.ready
          ? true
          : undefined,
    );
    log(`replica ${replica.name} listens on :${port}`);
  };
  const kill = async (replica: Replica, why: string) => {
    const { backend } = replica;
    if (!backend) throw new Error(`replica ${replica.name} is not running`);
    const inFlight = proxy.upstreams.find(
      u => u.name === replica.name,
    )!.inFlight;
    process.kill(-backend.child.pid!, 'SIGKILL');
    await new Promise(r => backend.child.once('exit', r));
    replica.backend = undefined;
    proxy.setPort(replica.name, 0);
    log(
      `SIGKILL replica ${replica.name} (${why}); ${inFlight} requests of it in flight`,
    );
    return Date.now();
  };
  const other = (r: Replica) => replicas.find(x => x !== r)!;

  const tokens = new Map<string, { token: string; at: number }>();
  const token = async (who = 'script') => {
    const hit = tokens.get(who);
    if (hit && Date.now() - hit.at < 30 * 60_000) return hit.token;
    const t = await guestToken(base);
    tokens.set(who, { token: t, at: Date.now() });
    return t;
  };
  const api = async (p: string, init: RequestInit = {}) => {
    const res = await fetch(`${base}${p}`, {
      ...init,
      headers: {
        Authorization: `Bearer ${await token()}`,
        'Content-Type': 'application/json',
        ...init.headers,
      },
    });
    if (!res.ok)
      throw new Error(
        `${init.method ?? 'GET'} ${p}: ${res.status} ${await res.text()}`,
      );
    return res.json();
  };
  const moduleEntities = async () =>
    (
      await api(
        '/api/catalog/entities/by-query?limit=1&filter=metadata.annotations.base.io/module',
      )
    ).totalItems as number;
  /** Every entity of the provider's location, by ref, with how often it is listed. */
  const listed = async () => {
    const counts = new Map<string, number>();
    let cursor: string | undefined;
    do {
      const page = await api(
        `/api/catalog/entities/by-query?limit=1000&fields=kind,metadata.name,metadata.namespace,metadata.annotations${
          cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
        }`,
      );
      for (const e of page.items) {
        if (
          e.metadata.annotations?.['backstage.io/managed-by-location'] !==
          location
        )
          continue;
        const ref = stringifyEntityRef(e);
        counts.set(ref, (counts.get(ref) ?? 0) + 1);
      }
      cursor = page.pageInfo?.nextCursor;
    } while (cursor);
    return counts;
  };
  const compare = (expected: string[], counts: Map<string, number>) => {
    const want = new Set(expected);
    return {
      missing: expected.filter(r => !counts.has(r)),
      twice: [...counts].filter(([, n]) => n > 1).map(([r]) => r),
      extra: [...counts.keys()].filter(r => !want.has(r)),
    };
  };

  const [a, b] = replicas;
  // each replica's open connections, once a second, and the most seen
  const admin = knexFactory({ client: 'pg', connection: PG });
  const peakConnections = new Map<string, number>();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const rows: Array<{ application_name: string; n: string }> = await admin
        .raw(
          `select application_name, count(*) as n from pg_stat_activity
           where application_name like 'portal-replica-%' group by 1`,
        )
        .then(r => r.rows)
        .catch(() => []);
      for (const row of rows) {
        const n = Number(row.n);
        if (n > (peakConnections.get(row.application_name) ?? 0))
          peakConnections.set(row.application_name, n);
      }
      await sleep(1000);
    }
  })();
  let soak: Promise<void> | undefined;
  let browsing = true;
  const failures = new Map<string, number>();
  let requests = 0;
  try {
    // both at once on the empty database, as a Deployment of two starts
    await Promise.all([start(a), start(b)]);
    const failedStarts = [a, b].flatMap(r =>
      r.failedStarts.map(cause => `replica ${r.name}: ${cause}`),
    );
    log(
      failedStarts.length
        ? `both replicas ready on the empty database after ${
            failedStarts.length
          } restart(s): ${failedStarts.join('; ')}`
        : 'both replicas ready on the empty database, neither restarted',
    );
    const initial = await expectedOf();
    await until('the initial tree in the catalog', 300, async () => {
      const counts = await listed();
      return compare(initial.refs, counts).missing.length === 0
        ? counts
        : undefined;
    });
    await until('the owner group and the template', 120, async () => {
      await api('/api/catalog/entities/by-name/group/default/platform-team');
      return api(
        '/api/catalog/entities/by-name/template/default/resilience-slow-module',
      );
    });
    log(
      `${initial.refs.length} entities of ${INITIAL} modules visible through the proxy`,
    );

    // the soak's walk, recorded through the proxy, replayed by USERS users
    const initialPlatform = await loadPlatform(platformDir);
    const services = initialPlatform.modules.flatMap(m =>
      m.services.map(s => ({ s, m })),
    );
    const walks: Record<'ingestion' | 'other', RecordedPage[]> = {
      ingestion: [],
      other: [],
    };
    for (const kind of ['ingestion', 'other'] as const) {
      const sample = services.find(
        x =>
          x.s.type === 'agent' &&
          (kind === 'ingestion' ? !!x.s.ingestion : !x.s.ingestion),
      )!;
      walks[kind] = await record(
        base,
        sample,
        (page, error) =>
          check(`${page}: data visible while recording`, false, String(error)),
        services.filter(x => x.s.type !== 'platform-service').length,
      );
    }
    log(
      `walks recorded: ${walks.ingestion.length} and ${walks.other.length} pages`,
    );
    soak = Promise.all(
      Array.from({ length: USERS }, async (_, user) => {
        // a sign-in that fails counts, and is tried again
        let t: string | undefined;
        while (!t && browsing) {
          requests++;
          t = await token(`user ${user}`).catch(error => {
            const key = `${String(error.message ?? error)} (sign-in)`;
            failures.set(key, (failures.get(key) ?? 0) + 1);
            return undefined;
          });
          if (!t) await sleep(1000);
        }
        while (browsing && t) {
          const pick = services[Math.floor(Math.random() * services.length)];
          const names = namesOf(pick.s, pick.m);
          for (const p of walks[pick.s.ingestion ? 'ingestion' : 'other']) {
            if (!browsing) break;
            const statuses = await Promise.all(
              p.requests.map(r =>
                send(base, t, {
                  method: r.method,
                  path: instantiate(r.path, names),
                  body: r.body && instantiate(r.body, names),
                }).then(status => ({ status, r })),
              ),
            );
            for (const { status, r } of statuses) {
              requests++;
              if (typeof status !== 'number' || status >= 400) {
                const key = `${status} ${r.method} ${p.name}: ${
                  r.path.split('?')[0]
                }`;
                failures.set(key, (failures.get(key) ?? 0) + 1);
              }
            }
            await sleep(1000 + Math.random() * 2000);
          }
        }
      }),
    ).then(() => undefined);

    // 1. a commit adds modules; the replica that reads it dies mid-ingestion
    const added = folders.slice(INITIAL);
    for (const folder of added)
      fs.cpSync(path.join(grownDir, folder), path.join(platformDir, folder), {
        recursive: true,
      });
    const appSets = 'platform-services-v2/automation/gitops/applicationsets';
    fs.cpSync(path.join(grownDir, appSets), path.join(platformDir, appSets), {
      recursive: true,
    });
    commit(`add ${ADDED} modules`);
    const committedAt = Date.now();
    const expected = await expectedOf();
    const readerLine = (r: Replica) =>
      logLines(r).find(
        l =>
          l.includes(`Adding the tree's ${INITIAL + ADDED} modules`) &&
          lineTime(l) >= committedAt - 1000,
      );
    const reader = await until(
      'a replica to read the new tree',
      120,
      async () => replicas.find(r => readerLine(r)),
    );
    await until('the first added modules in the catalog', 120, async () =>
      (await moduleEntities()) > initial.modules ? true : undefined,
    );
    const appliedBeforeKill = logLines(reader).some(
      l =>
        l.includes(`Read ${INITIAL + ADDED} modules`) &&
        lineTime(l) >= committedAt,
    );
    const visibleAtKill = await moduleEntities();
    const killedAt = await kill(reader, 'it was reading the new tree');
    check(
      `replica ${reader.name}, reading the tree, SIGKILLed mid-ingestion`,
      visibleAtKill < expected.modules,
      `${visibleAtKill} module entities of ${
        expected.modules
      } visible; its full mutation ${
        appliedBeforeKill ? 'applied' : 'not applied yet'
      }`,
    );
    const counts = await until(
      'every entity of the grown tree',
      420,
      async () => {
        const c = await listed();
        return compare(expected.refs, c).missing.length === 0 ? c : undefined;
      },
    ).catch(async () => listed());
    const diff = compare(expected.refs, counts);
    check(
      `the other replica (${
        other(reader).name
      }) finished the ingestion: every entity visible, none twice, none lost`,
      diff.missing.length === 0 &&
        diff.twice.length === 0 &&
        diff.extra.length === 0,
      `expected ${expected.refs.length}, visible ${counts.size}, missing ${
        diff.missing.length
      }, twice ${diff.twice.length}, not of the tree ${diff.extra.length}; ${(
        (Date.now() - killedAt) /
        1000
      ).toFixed(0)} s after the kill`,
    );
    const reread = logLines(other(reader)).some(
      l =>
        l.includes(`Read ${INITIAL + ADDED} modules`) &&
        lineTime(l) >= killedAt,
    );
    log(
      `after the kill, replica ${other(reader).name} ${
        reread
          ? 'read and applied the tree again'
          : 'processed what was applied'
      }`,
    );
    await start(reader);

    // 2. a scaffolder run; the replica that executes it dies in its wait step
    const commitsBefore = git('rev-list', '--count', 'HEAD').trim();
    const { id } = await api('/api/scaffolder/v2/tasks', {
      method: 'POST',
      body: JSON.stringify({
        templateRef: 'template:default/resilience-slow-module',
        values: {
          moduleName: MODULE,
          domain: 'data-foundation',
          owner: 'group:default/platform-team',
        },
      }),
    });
    await until('the run to reach its wait step', 90, async () => {
      const events = await api(`/api/scaffolder/v2/tasks/${id}/events`);
      return events.some(
        (e: any) =>
          e.body?.stepId === 'wait' && e.body?.status === 'processing',
      )
        ? true
        : undefined;
    });
    const executor = replicas.find(r =>
      logLines(r).some(
        l => l.includes('"actionType":"execution"') && l.includes(id),
      ),
    );
    check(
      'the replica executing the run is known from its log',
      !!executor,
      executor ? `replica ${executor.name}` : `task ${id} in no log`,
    );
    if (executor) {
      const at = await kill(executor, `it was executing task ${id}`);
      const task = await until('the run to be marked failed', 120, async () => {
        const t = await api(`/api/scaffolder/v2/tasks/${id}`);
        return t.status === 'failed' ? t : undefined;
      }).catch(e => ({ status: String(e) }));
      const events = await api(`/api/scaffolder/v2/tasks/${id}/events`);
      const stale = events.find((e: any) =>
        /marked as stale|lost connection/.test(e.body?.message ?? ''),
      );
      check(
        `the other replica (${
          other(executor).name
        }) marked the run failed, with why`,
        task.status === 'failed' && !!stale,
        `${task.status} ${((Date.now() - at) / 1000).toFixed(
          0,
        )} s after the kill${stale ? `; "${stale.body.message}"` : ''}`,
      );
      check(
        'nothing of the module in the tree: no folder, no commit, git status clean',
        fs.readdirSync(platformDir).filter(f => f.includes(MODULE)).length ===
          0 &&
          git('status', '--porcelain').trim() === '' &&
          git('rev-list', '--count', 'HEAD').trim() === commitsBefore,
      );
      await start(executor);
    }

    // 3. the replica that probes dies mid-run
    const probing = (r: Replica) => {
      const lines = logLines(r);
      const started = lines.findLastIndex(l => /probing \d+ services/.test(l));
      const ended = lines.findLastIndex(l => /probed \d+ endpoints/.test(l));
      return started > ended ? true : undefined;
    };
    const prober = await until('a probe run in flight', 120, async () => {
      for (const r of replicas) if (r.backend && probing(r)) return r;
      await sleep(50); // until() waits 500 ms between reads
      for (const r of replicas) if (r.backend && probing(r)) return r;
      return undefined;
    });
    const probeKilledAt = await kill(prober, 'it was probing');
    const survivor = other(prober);
    const ranAfter = () =>
      logLines(survivor).filter(
        l => /probed \d+ endpoints/.test(l) && lineTime(l) > probeKilledAt,
      ).length;
    // the killed run's claim lapses after its timeout (4 intervals)
    await until('two probe runs of the other replica', 120, async () =>
      ranAfter() >= 2 ? true : undefined,
    ).catch(() => undefined);
    await sleep(PROBE_INTERVAL_S * 1000);

    const db = knexFactory({
      client: 'pg',
      connection: (() => {
        const url = new URL(PG);
        url.pathname = `/${prefix}api-status`;
        return url.toString();
      })(),
    });
    try {
      const sampleRef = `component:default/${services[0].s.name}`;
      const rows: Array<{ checked_at: string }> = await db('api_status_probes')
        .where({ entity_ref: sampleRef, path: services[0].s.healthPaths[0] })
        .orderBy('checked_at')
        .select('checked_at');
      const runs = rows.map(r => Number(r.checked_at));
      const gaps = runs.slice(1).map((t, i) => t - runs[i]);
      const closest = Math.min(...gaps);
      // every run of every replica, from its "probing" line to its
      // "probed" line (a run without an end was killed)
      const spans = replicas.flatMap(r => {
        const out: Array<{ replica: string; from: number; to: number }> = [];
        let from: number | undefined;
        for (const line of logLines(r)) {
          if (/probing \d+ services/.test(line)) from = lineTime(line);
          else if (/probed \d+ endpoints/.test(line) && from !== undefined) {
            out.push({ replica: r.name, from, to: lineTime(line) });
            from = undefined;
          }
        }
        return out;
      });
      spans.sort((x, y) => x.from - y.from);
      const overlaps = spans.filter(
        (span, i) => i > 0 && span.from < spans[i - 1].to,
      );
      // a replica that starts registers the task again and may bring the
      // next run forward to its initial delay (the scheduler keeps the
      // earlier of the two): such a run is early, not a second one
      const starts = replicas.flatMap(r =>
        r.logFiles
          .map(f => logLines({ ...r, logFiles: [f] })[0])
          .filter(Boolean)
          .map(lineTime),
      );
      // every run's start, of every replica (killed runs too): a start
      // sooner than half an interval after the one before is explained
      // when a replica started just before (brought forward), or when the
      // run before was late — the killed run's claim lapsed — since the
      // scheduler keeps to its cadence: next = greatest(due + interval, now)
      const interval = PROBE_INTERVAL_S * 1000;
      const runStarts = replicas
        .flatMap(r =>
          logLines(r)
            .filter(l => /probing \d+ services/.test(l))
            .map(lineTime),
        )
        .sort((x, y) => x - y);
      const startGaps = runStarts.slice(1).map((t, i) => t - runStarts[i]);
      let early = 0;
      let afterLate = 0;
      let unexplained = 0;
      startGaps.forEach((gap, i) => {
        if (gap >= interval / 2) return;
        const t = runStarts[i + 1];
        if (starts.some(st => t > st && t - st < 60_000)) early++;
        else if (i > 0 && startGaps[i - 1] > 1.5 * interval) afterLate++;
        else unexplained++;
      });
      check(
        'exactly one replica runs each probe run (no two runs at once)',
        spans.length >= 5 && overlaps.length === 0 && unexplained === 0,
        `${runStarts.length} runs started on ${
          new Set(spans.map(x => x.replica)).size
        } replicas, ${overlaps.length} overlapping; closest two starts ${(
          Math.min(...startGaps) / 1000
        ).toFixed(
          1,
        )} s apart (interval ${PROBE_INTERVAL_S} s): ${early} brought forward by a replica's start, ${afterLate} after a late run, ${unexplained} unexplained; ${
          runs.length
        } probes stored for ${sampleRef}, closest two ${(
          closest / 1000
        ).toFixed(1)} s apart`,
      );
      const afterKill = runs.filter(t => t > probeKilledAt);
      const window = (Date.now() - probeKilledAt) / 1000;
      check(
        `after the kill the other replica (${survivor.name}) probes, each run once`,
        afterKill.length >= 2 && ranAfter() === afterKill.length,
        `${afterKill.length} runs in ${window.toFixed(
          0,
        )} s after the kill, the first ${(
          ((afterKill[0] ?? NaN) - probeKilledAt) /
          1000
        ).toFixed(0)} s after it (the killed run's claim lapses after ${
          4 * PROBE_INTERVAL_S
        } s); ${ranAfter()} "probed" lines of replica ${survivor.name}`,
      );
    } finally {
      await db.destroy();
    }

    // the database a replica needs at most: every plugin database's pool
    // ceiling, plus the two admin pools (one connection each) that create
    // databases; deploy/README.md must ask for that times the pods of a
    // rolling update
    const pluginIds: string[] = (
      await admin.raw(
        `select datname from pg_database where datname like '${prefix}%'`,
      )
    ).rows.map((r: { datname: string }) => r.datname.slice(prefix.length));
    const poolMax = (id: string): number =>
      production.plugin?.[id]?.knexConfig?.pool?.max ??
      production.knexConfig.pool.max;
    const ceiling = pluginIds.reduce((n, id) => n + poolMax(id), 2);
    const pods = productionPods();
    const needed = (pods.replicas + pods.surged) * ceiling;
    const stated = fs
      .readFileSync(path.join(ROOT, 'deploy/README.md'), 'utf8')
      .match(/at least \*\*(\d+) connections\*\*/)?.[1];
    const peaks = replicas.map(
      r => peakConnections.get(`portal-replica-${r.name}`) ?? 0,
    );
    check(
      "each replica stays within the production pools' ceiling, and deploy/README.md asks for it",
      peaks.every(n => n > 0 && n <= ceiling) && Number(stated) === needed,
      `${
        pluginIds.length
      } plugin databases; ceiling ${ceiling} connections a replica (${
        production.knexConfig.pool.max
      } a plugin, ${Object.entries(production.plugin ?? {})
        .map(([id, c]: [string, any]) => `${id} ${c.knexConfig?.pool?.max}`)
        .join(', ')}, 2 admin); most open at once: ${replicas
        .map((r, i) => `${r.name} ${peaks[i]}`)
        .join(', ')}; production runs ${pods.replicas} + ${
        pods.surged
      } in a rolling update = ${needed} needed, deploy/README.md says ${
        stated ?? 'nothing'
      }`,
    );

    browsing = false;
    await soak;
    const errors = [...failures.values()].reduce((x, y) => x + y, 0);
    const lost = proxy.upstreams.reduce((n, u) => n + u.lost, 0);
    // lost in flight: the proxy's 502, or the answer cut off (no status)
    const notLost = [...failures.entries()]
      .filter(([k]) => /^\d+ /.test(k) && !k.startsWith('502 '))
      .reduce((n, [, v]) => n + v, 0);
    log(
      `browsing: ${USERS} users, ${requests} requests, ${errors} failed; the proxy lost ${lost} in flight on killed replicas (${proxy.upstreams
        .map(u => `${u.name}: ${u.lost} lost, ${u.served} served`)
        .join('; ')}), ${proxy.unavailable()} found no ready replica`,
    );
    check(
      'browsing through the proxy failed only where a killed replica had the request in flight',
      requests > 0 && notLost === 0 && errors <= lost,
      `${errors} of ${requests} failed, ${lost} lost in flight${
        failures.size
          ? `: ${[...failures.entries()]
              .slice(0, 5)
              .map(([k, n]) => `${n}× ${k}`)
              .join('; ')}`
          : ''
      }`,
    );
  } finally {
    browsing = false;
    await soak?.catch(() => undefined);
    for (const r of replicas) await r.backend?.stop();
    sampling = false;
    await sampler;
    await admin.destroy();
    await proxy.close();
    await upstreams.stop();
  }
}

run(main, WORK);
