/* Helpers shared by the benchmarks of ./portal bench. */
import { spawn, ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { stringify } from 'yaml';
import {
  roadieArgoCdConfig,
  sandboxKubernetesConfig,
} from '@internal/platform-sandbox';
import {
  parsePlatformTree,
  readDirectoryTree,
} from '@internal/plugin-base-platform-node';
import { buildEntities } from '@internal/plugin-catalog-backend-module-base-platform';

export const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

export function percentile(sorted: number[], p: number): number {
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
}

export function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/**
 * Resident memory of a process in MiB (`VmHWM`: its peak so far), NaN when
 * it is gone.
 */
export function rssMiB(
  pid: number,
  field: 'VmRSS' | 'VmHWM' = 'VmRSS',
): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = status.match(new RegExp(`${field}:\\s+(\\d+)`))![1];
    return Math.round(Number(kb) / 1024);
  } catch {
    return NaN;
  }
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/**
 * GET as a browser asks (keep-alive, `Accept-Encoding: gzip`), reading the
 * body as it comes over the wire without inflating it: the load generator
 * shares the machine's two cores with the backend, and what a browser does
 * with the body on its own machine is not the server's latency. True for 2xx.
 */
export function httpGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      {
        agent,
        headers: {
          'accept-encoding': process.env.BENCH_ACCEPT_ENCODING ?? 'gzip',
          ...headers,
        },
      },
      res => {
        res.on('data', () => {});
        res.on('end', () =>
          resolve(res.statusCode! >= 200 && res.statusCode! < 300),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
  });
}

export interface RunningBackend {
  child: ChildProcess;
  started: number;
  readyAt: number;
  stop(): Promise<void>;
}

/**
 * Starts a Backstage backend in its own process group and waits for
 * readiness: from its package folder (src/index.ts through the CLI's
 * transform), or, given `bundleDir`, as the Dockerfile runs it: the
 * unpacked bundle of `backstage-cli package build`, NODE_ENV=production
 * (from its packages/backend, so relative paths in the configs resolve as in
 * the repository).
 */
export async function startBackend(options: {
  name: string;
  backendDir: string;
  bundleDir?: string;
  configs: string[];
  port: number;
  logFile: string;
  env?: Record<string, string>;
}): Promise<RunningBackend> {
  const out = fs.openSync(options.logFile, 'w');
  const started = Date.now();
  const configArgs = options.configs.flatMap(c => ['--config', c]);
  // BENCH_NODE_OPTIONS: e.g. --cpu-prof for a profile of the measured backend
  const nodeOptions =
    process.env.BENCH_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [];
  const child = options.bundleDir
    ? spawn(process.execPath, [...nodeOptions, '.', ...configArgs], {
        cwd: path.join(options.bundleDir, 'packages/backend'),
        stdio: ['ignore', out, out],
        env: { ...process.env, NODE_ENV: 'production', ...options.env },
        detached: true,
      })
    : spawn(
        process.execPath,
        [
          ...nodeOptions,
          '--require',
          require.resolve('@backstage/cli-node/config/nodeTransform.cjs', {
            paths: [options.backendDir],
          }),
          'src/index.ts',
          ...configArgs,
        ],
        {
          cwd: options.backendDir,
          stdio: ['ignore', out, out],
          env: { ...process.env, NODE_ENV: 'development', ...options.env },
          detached: true,
        },
      );
  const stop = async () => {
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      return; // already gone
    }
    await Promise.race([
      new Promise(r => child.once('exit', r)),
      sleep(20_000),
    ]);
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // stopped
    }
  };
  let readyAt = 0;
  while (!readyAt) {
    if (child.exitCode !== null)
      throw new Error(`${options.name} backend exited; see ${options.logFile}`);
    const res = await fetch(
      `http://127.0.0.1:${options.port}/.backstage/health/v1/readiness`,
    ).catch(() => undefined);
    if (res?.ok) readyAt = Date.now();
    else await sleep(500);
  }
  return { child, started, readyAt, stop };
}

export interface LoadResult {
  requests: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  /** Requests per second over the whole run. */
  throughput: number;
}

/** `clients` concurrent loops calling `call` for `seconds`; latencies of the successful calls. */
export async function load(options: {
  clients: number;
  seconds: number;
  call: () => Promise<boolean>;
}): Promise<LoadResult> {
  const times: number[] = [];
  let errors = 0;
  const end = Date.now() + options.seconds * 1000;
  const t0 = Date.now();
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      while (Date.now() < end) {
        const start = process.hrtime.bigint();
        const ok = await options.call().catch(() => false);
        if (ok) times.push(Number(process.hrtime.bigint() - start) / 1e6);
        else errors++;
      }
    }),
  );
  times.sort((a, b) => a - b);
  return {
    requests: times.length + errors,
    errors,
    p50Ms: percentile(times, 50),
    p95Ms: percentile(times, 95),
    p99Ms: percentile(times, 99),
    throughput: (times.length + errors) / ((Date.now() - t0) / 1000),
  };
}

/**
 * The app-config a benchmark's backend runs with: loopback on `port`, a static
 * token for the load generator, its own SQLite folder, the sandbox's clusters.
 */
export function benchBackendConfig(options: {
  port: number;
  token: string;
  sqliteDir: string;
  clusters: Record<string, string>;
  /** The sandbox's ArgoCD, for Roadie's backend and sync-waves. */
  argocdUrl?: string;
}) {
  const url = `http://127.0.0.1:${options.port}`;
  return {
    ...(options.argocdUrl && {
      argocd: roadieArgoCdConfig(options.argocdUrl),
    }),
    app: { baseUrl: url },
    backend: {
      baseUrl: url,
      listen: { port: options.port },
      auth: {
        externalAccess: [
          {
            type: 'static',
            options: { token: options.token, subject: 'bench' },
          },
        ],
      },
      database: {
        client: 'better-sqlite3',
        connection: { directory: options.sqliteDir },
      },
    },
    kubernetes: sandboxKubernetesConfig(options.clusters),
  };
}

/**
 * The entities the base-platform provider builds from the tree at
 * `platformDir`, written to `file` as the stock app's one file location
 * reads them (without the provider's location annotations).
 */
export async function writeStockEntities(
  platformDir: string,
  file: string,
): Promise<Entity[]> {
  const entities = buildEntities(
    parsePlatformTree(await readDirectoryTree(platformDir)),
    'url:bench',
  );
  fs.writeFileSync(
    file,
    entities
      .map(e => {
        const copy = JSON.parse(JSON.stringify(e));
        delete copy.metadata.annotations['backstage.io/managed-by-location'];
        delete copy.metadata.annotations[
          'backstage.io/managed-by-origin-location'
        ];
        return stringify(copy);
      })
      .join('---\n'),
  );
  return entities;
}

/**
 * The stock app's catalog config: the kinds it allows, and `entitiesFile`
 * (the same entities our provider emits) as its one location.
 */
export const stockCatalogConfig = (entitiesFile: string) => ({
  catalog: {
    rules: [
      {
        allow: [
          'Component',
          'System',
          'API',
          'Resource',
          'Location',
          'Domain',
          'Group',
          'User',
        ],
      },
    ],
    locations: [{ type: 'file', target: entitiesFile }],
  },
});

/** Polls `read` every 500 ms until it returns a value; errors are retried and named on timeout. */
export async function until<T>(
  what: string,
  seconds: number,
  read: () => Promise<T | undefined>,
): Promise<T> {
  const end = Date.now() + seconds * 1000;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const value = await read();
      if (value !== undefined) return value;
    } catch (e) {
      last = e;
    }
    await sleep(500);
  }
  throw new Error(
    `timed out after ${seconds} s waiting for ${what}${
      last ? `: ${last}` : ''
    }`,
  );
}

/** A free loopback port. */
export function freePort(): Promise<number> {
  return new Promise(resolve => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
