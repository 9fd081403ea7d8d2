/*
 * `./portal check` on the synthetic platform (BENCH_MODULES modules, default
 * 1,400): wall seconds and peak resident memory of the CLI, BENCH_ROUNDS
 * times (default 3), as `./portal check DIR --json` runs it. Results go to
 * BENCH_DIR/check-results.json.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { makeSyntheticPlatform } from './syntheticPlatform';

const ROOT = path.resolve(__dirname, '../..');
const BENCH_DIR = process.env.BENCH_DIR ?? path.join(ROOT, '.bench');
const MODULES = Number(process.env.BENCH_MODULES ?? 1400);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const log = (msg: string) => console.log(`[bench:check] ${msg}`);

function main() {
  const dir = path.join(BENCH_DIR, 'check-platform');
  makeSyntheticPlatform(dir, MODULES);
  // counted here: `find`'s list of every path passes execFileSync's 1 MiB buffer
  const files = fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile()).length;
  log(`${MODULES} modules, ${files} files in ${dir}`);
  const rounds: Array<{
    seconds: number;
    peakMiB: number;
    modules: number;
    services: number;
    findings: number;
  }> = [];
  for (let i = 0; i < ROUNDS; i++) {
    const out = path.join(BENCH_DIR, 'check-output.json');
    // GNU time: wall seconds and maximum resident set size (KiB) of the CLI process
    const timing = execFileSync(
      'bash',
      [
        '-c',
        `/usr/bin/time -f '%e %M' node --require @backstage/cli-node/config/nodeTransform.cjs plugins/base-platform-node/src/check/cli.ts "$0" --json > "$1" 2> "$1.time"; tail -n 1 "$1.time"`,
        dir,
        out,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    ).trim();
    const [seconds, kib] = timing.split(' ').map(Number);
    const report = JSON.parse(fs.readFileSync(out, 'utf8'));
    rounds.push({
      seconds,
      peakMiB: Math.round(kib / 1024),
      modules: report.summary.modules,
      services: report.summary.services,
      findings: report.summary.findings,
    });
    log(
      `round ${i + 1}: ${seconds} s, ${Math.round(kib / 1024)} MiB, ${
        report.summary.modules
      } modules, ${report.summary.services} services`,
    );
  }
  fs.writeFileSync(
    path.join(BENCH_DIR, 'check-results.json'),
    JSON.stringify(
      { measuredAt: new Date().toISOString(), modules: MODULES, files, rounds },
      null,
      2,
    ),
  );
}

main();
