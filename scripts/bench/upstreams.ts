/*
 * The upstreams a benchmark's or the soak's backend reads: the platform
 * sandbox and a Prometheus scraping it (apart from lib.ts, so that the
 * benchmarks without them do not load the sandbox).
 */
import {
  createSandbox,
  type SandboxPlatform,
  startPrometheus,
} from '@internal/platform-sandbox';

/**
 * The platform sandbox (healthy, on free loopback ports, ArgoCD admin /
 * sandbox) and a Prometheus scraping its metrics every 15 s.
 */
export async function startUpstreams(platform: SandboxPlatform) {
  const sandbox = await createSandbox({
    platform,
    host: '127.0.0.1',
    scenario: 'healthy',
    ports: { control: 0, base: 0, platform: 0, argocd: 0, metrics: 0 },
    argocd: { username: 'admin', password: 'sandbox' },
  });
  const prometheus = await startPrometheus({
    metricsUrl: sandbox.urls.metrics,
    intervalSeconds: 15,
  });
  return {
    sandbox,
    prometheus,
    async stop() {
      await prometheus.stop();
      await sandbox.stop();
    },
  };
}
