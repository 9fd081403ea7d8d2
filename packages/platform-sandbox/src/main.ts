/* Runs the platform sandbox: `yarn workspace @internal/platform-sandbox start`. */
import fs from 'node:fs';
import path from 'node:path';
import { createSandbox } from './createSandbox';
import { loadPlatform } from './platform/loadPlatform';
import { isScenario } from './scenarios';

async function main() {
  // relative to the working directory: ./portal runs it from the repository root
  const directory = path.resolve(
    process.env.BASE_PLATFORM_DIR ?? 'examples/base-platform',
  );
  const scenario = process.env.SANDBOX_SCENARIO ?? 'healthy';
  if (!isScenario(scenario))
    throw new Error(`SANDBOX_SCENARIO: unknown scenario "${scenario}"`);
  const port = (name: string, fallback: number) =>
    Number(process.env[name] ?? fallback);
  const platform = await loadPlatform(directory);
  // a bigger base cluster, e.g. for benchmarks: SANDBOX_NODES=500 SANDBOX_PODS=5000
  const size = (name: string) => {
    const value = process.env[name];
    if (value === undefined) return undefined;
    if (!/^[1-9]\d*$/.test(value))
      throw new Error(`${name}: "${value}" is not a positive whole number`);
    return Number(value);
  };
  const sandbox = await createSandbox({
    platform,
    host: process.env.SANDBOX_HOST ?? '127.0.0.1',
    scenario,
    scale: { nodes: size('SANDBOX_NODES'), pods: size('SANDBOX_PODS') },
    ports: {
      control: port('SANDBOX_CONTROL_PORT', 7100),
      base: port('SANDBOX_BASE_CLUSTER_PORT', 7101),
      platform: port('SANDBOX_PLATFORM_CLUSTER_PORT', 7102),
      argocd: port('SANDBOX_ARGOCD_PORT', 7103),
      metrics: port('SANDBOX_METRICS_PORT', 7104),
    },
    argocd: {
      username: process.env.SANDBOX_ARGOCD_USERNAME ?? 'admin',
      password: process.env.SANDBOX_ARGOCD_PASSWORD ?? 'sandbox',
    },
    reload: () => loadPlatform(directory),
  });
  // modules the scaffolder adds to the tree appear after the next refresh
  const refresh = setInterval(
    () =>
      sandbox
        .reload()
        .catch(error =>
          console.error(`could not read ${directory} again: ${error}`),
        ),
    Number(process.env.SANDBOX_REFRESH_SECONDS ?? 30) * 1000,
  );
  refresh.unref();
  // with ports 0 the OS picks them; whoever started the sandbox reads them here
  if (process.env.SANDBOX_PORTS_FILE) {
    const ports = Object.fromEntries(
      Object.entries(sandbox.urls).map(([k, v]) => [
        k,
        Number(new URL(v).port),
      ]),
    );
    const tmp = `${process.env.SANDBOX_PORTS_FILE}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(ports));
    fs.renameSync(tmp, process.env.SANDBOX_PORTS_FILE);
  }
  const urls = Object.entries(sandbox.urls).map(
    ([k, v]) => `  ${k.padEnd(9)} ${v}`,
  );
  console.log(
    [
      `platform sandbox: ${platform.modules.length} modules from ${directory}; scenario ${scenario}`,
      ...urls,
    ].join('\n'),
  );
  const stop = () => sandbox.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
