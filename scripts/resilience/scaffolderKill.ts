/*
 * Resilience: the backend is killed (SIGKILL) during a scaffolder run and
 * started again, on PostgreSQL (issue: bench and resilience).
 *
 * Checked: the run is marked failed with its log kept; nothing of the new
 * module is in the platform tree (no folder, no staging folder, no commit,
 * a clean git status); the catalog and the probe history are as before.
 *
 * Needs PORTAL_POSTGRES_URL (./portal test starts a throw-away PostgreSQL).
 * Run by `./portal test` (stage "resilience").
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { freePort, RunningBackend, startBackend, until } from '../bench/lib';
import { checkList, guestToken, slowRunConfig } from './checks';

const ROOT = path.resolve(__dirname, '../..');
const WORK = fs.mkdtempSync(
  path.join(process.env.TEST_DIR ?? os.tmpdir(), 'resilience-'),
);
const PG = process.env.PORTAL_POSTGRES_URL;
const SERVICE = 'base-data-ingestion-agent-data-collector';
const MODULE = 'resilience_probe';

const { check, run } = checkList('resilience');

async function main() {
  if (!PG) throw new Error('PORTAL_POSTGRES_URL is not set');
  // the platform tree as its own git repository, as in production's checkout
  const platform = path.join(WORK, 'platform');
  fs.cpSync(path.join(ROOT, 'examples/base-platform'), platform, {
    recursive: true,
  });
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', platform, ...args], { encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git(
    '-c',
    'user.name=resilience',
    '-c',
    'user.email=test@localhost',
    'commit',
    '-q',
    '-m',
    'example platform',
  );

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = path.join(WORK, 'app-config.resilience.yaml');
  fs.writeFileSync(
    config,
    stringify({
      app: { baseUrl: base },
      backend: {
        baseUrl: base,
        listen: { port },
        database: {
          client: 'pg',
          connection: PG,
          // databases of their own on the shared test server
          prefix: `resilience${crypto.randomBytes(3).toString('hex')}_`,
        },
      },
      catalog: {
        providers: {
          basePlatform: {
            directory: platform,
            schedule: {
              frequency: { seconds: 30 },
              timeout: { minutes: 2 },
              initialDelay: { seconds: 1 },
            },
          },
        },
        locations: slowRunConfig.locations,
      },
      scaffolder: slowRunConfig.scaffolder,
      kubernetes: {
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'base-app-layer-dev',
                url: 'http://127.0.0.1:1',
                authProvider: 'serviceAccount',
                serviceAccountToken: 'none',
              },
            ],
          },
        ],
      },
      // probes (failing here: no cluster) every 5 s make a history to keep
      apiStatus: { intervalSeconds: 5, jitterSeconds: 1 },
    }),
  );
  const start = (n: number) =>
    startBackend({
      name: `portal (start ${n})`,
      backendDir: path.join(ROOT, 'packages/backend'),
      configs: [path.join(ROOT, 'app-config.yaml'), config],
      port,
      logFile: path.join(WORK, `backend.${n}.log`),
    });

  let backend: RunningBackend | undefined = await start(1);
  try {
    const token = () => guestToken(base);
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
    const services = async () =>
      (
        await api(
          '/api/catalog/entities/by-query?limit=1&filter=kind=component,spec.type=service',
        )
      ).totalItems as number;
    const probes = async () => {
      const health = await api(`/api/api-status/services/default/${SERVICE}`);
      return health.endpoints[0]?.availability[0]?.probes ?? 0;
    };

    const servicesBefore = await until('the catalog', 180, async () => {
      const n = await services();
      return n >= 168 ? n : undefined;
    });
    await until('the template', 60, () =>
      api(
        '/api/catalog/entities/by-name/template/default/resilience-slow-module',
      ),
    );
    // the module's owner must be a Group of the catalog (base:module:validate checks it)
    await until('the owner group from examples/org.yaml', 180, () =>
      api('/api/catalog/entities/by-name/group/default/platform-team'),
    );
    const probesBefore = await until('probes of the service', 60, async () => {
      const n = await probes();
      return n >= 2 ? n : undefined;
    });
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
    // kill while the run is in flight: rendered, waiting before publishing
    await until('the run to reach its wait step', 60, async () => {
      const events = await api(`/api/scaffolder/v2/tasks/${id}/events`);
      return events.some(
        (e: any) =>
          e.body?.stepId === 'wait' && e.body?.status === 'processing',
      )
        ? true
        : undefined;
    });
    process.kill(-backend.child.pid!, 'SIGKILL');
    await new Promise(r => backend!.child.once('exit', r));
    backend = undefined;
    check(
      'the backend was killed (SIGKILL) during the run',
      true,
      `task ${id}`,
    );

    const leftovers = fs.readdirSync(platform).filter(f => f.includes(MODULE));
    check(
      'nothing of the module in the platform tree (folder or staging folder)',
      leftovers.length === 0,
      leftovers.join(', ') || 'none',
    );
    const status = git('status', '--porcelain').trim();
    check(
      'the platform tree is clean (git status)',
      status === '',
      status || 'clean',
    );
    check(
      'no commit was made',
      git('rev-list', '--count', 'HEAD').trim() === commitsBefore,
      `${commitsBefore} commits`,
    );

    backend = await start(2);
    const task = await until('the run to be marked failed', 120, async () => {
      const t = await api(`/api/scaffolder/v2/tasks/${id}`);
      return t.status === 'failed' ? t : undefined;
    }).catch(e => ({ status: String(e) }));
    check(
      'after the restart the run is marked failed',
      task.status === 'failed',
      task.status,
    );
    const events = await api(`/api/scaffolder/v2/tasks/${id}/events`);
    const rendered = events.some(
      (e: any) => e.body?.stepId === 'render' && e.body?.status === 'completed',
    );
    const stale = events.find((e: any) =>
      /marked as stale|lost connection/.test(e.body?.message ?? ''),
    );
    check(
      'its log is kept: the steps before the kill and why it failed',
      rendered && !!stale,
      `${events.length} events${stale ? `; "${stale.body.message}"` : ''}`,
    );
    check(
      'nothing of the module in the platform tree after the restart',
      fs.readdirSync(platform).filter(f => f.includes(MODULE)).length === 0 &&
        git('status', '--porcelain').trim() === '',
    );
    const servicesAfter = await services();
    check(
      'the catalog is intact (PostgreSQL)',
      servicesAfter === servicesBefore,
      `${servicesBefore} → ${servicesAfter} services`,
    );
    const probesAfter = await probes();
    check(
      'the probe history is intact (PostgreSQL)',
      probesAfter >= probesBefore,
      `${probesBefore} → ${probesAfter} probes of ${SERVICE} in 24 h`,
    );
  } finally {
    await backend?.stop();
  }
}

run(main, WORK);
