import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// the repository root, two levels above this package
const ROOT = path.resolve(
  path.dirname(require.resolve('@internal/platform-sandbox/package.json')),
  '../..',
);

/** A Prometheus started for a test; `stop()` ends it and removes its data. */
export interface TestPrometheus {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

const freePort = () =>
  new Promise<number>(resolve => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

/**
 * Debian's Prometheus (as `./portal` runs it) with the repository's config and
 * the recording rules kept in deploy/, scraping a sandbox's ingestion agents
 * every `intervalSeconds` (default 5, to be quick in tests). Resolves once
 * Prometheus is ready.
 */
export async function startPrometheus(options: {
  /** The sandbox's metrics URL, e.g. `sandbox.urls.metrics`. */
  metricsUrl: string;
  intervalSeconds?: number;
  /**
   * The rate() window of the recording rules, instead of their 5m: a test
   * that compares figures cannot wait five minutes for the window to fill.
   */
  ruleWindow?: string;
  /**
   * Rewrites the rules file before Prometheus loads it (after ruleWindow),
   * e.g. to shorten the burn-rate windows of a test.
   */
  rewriteRules?: (rules: string) => string;
}): Promise<TestPrometheus> {
  const interval = `${options.intervalSeconds ?? 5}s`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sandbox-prometheus-'));
  let rulesDir = `${ROOT}/deploy/prometheus/`;
  if (options.ruleWindow || options.rewriteRules) {
    rulesDir = `${dir}/`;
    let rules = fs.readFileSync(
      path.join(ROOT, 'deploy/prometheus/ingestion.rules.yaml'),
      'utf8',
    );
    if (options.ruleWindow)
      rules = rules.replaceAll('[5m]', `[${options.ruleWindow}]`);
    if (options.rewriteRules) rules = options.rewriteRules(rules);
    fs.writeFileSync(path.join(dir, 'ingestion.rules.yaml'), rules);
  }
  const config = fs
    .readFileSync(
      path.join(ROOT, 'packages/platform-sandbox/prometheus.yml'),
      'utf8',
    )
    .replace('http://127.0.0.1:7104/', `${options.metricsUrl}/`)
    .replace('../../deploy/prometheus/', rulesDir)
    .replace(/scrape_interval: 15s/, `scrape_interval: ${interval}`)
    .replace(/evaluation_interval: 15s/, `evaluation_interval: ${interval}`)
    .replace(/refresh_interval: 30s/, `refresh_interval: ${interval}`);
  fs.writeFileSync(path.join(dir, 'prometheus.yml'), config);
  // Prometheus cannot listen on port 0 and say which it got: a port taken
  // between freePort() and its bind makes it exit, and it starts again
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    let stderr = '';
    const child = spawn(
      '/usr/bin/prometheus',
      [
        `--config.file=${dir}/prometheus.yml`,
        `--storage.tsdb.path=${dir}/data`,
        `--web.listen-address=127.0.0.1:${port}`,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr!.on('data', d => {
      stderr = (stderr + String(d)).slice(-4096);
    });
    const exited = new Promise<void>(resolve =>
      child.once('exit', () => resolve()),
    );
    const deadline = Date.now() + 60_000;
    let ready = false;
    while (!ready) {
      if (child.exitCode !== null) break;
      ready = await fetch(`${url}/-/ready`)
        .then(r => r.ok)
        .catch(() => false);
      if (ready) break;
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error('Prometheus did not become ready within 60 s');
      }
      await new Promise(r => setTimeout(r, 250));
    }
    if (!ready) {
      if (/address already in use/i.test(stderr) && attempt < 5) continue;
      throw new Error(
        `Prometheus exited with ${child.exitCode}: ${stderr
          .trim()
          .split('\n')
          .pop()}`,
      );
    }
    return { url, process: child, stop: stopper(child, exited, dir) };
  }
}

function stopper(child: ChildProcess, exited: Promise<void>, dir: string) {
  return async () => {
    if (child.exitCode === null) {
      child.kill('SIGCONT');
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
