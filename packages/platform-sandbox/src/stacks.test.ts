import path from 'node:path';
import { createSandbox } from './createSandbox';
import { loadPlatform } from './platform/loadPlatform';
import { startPrometheus } from './testing/startPrometheus';

const TREE = path.resolve(__dirname, '../../../examples/base-platform');

/*
 * A first run once failed with EADDRINUSE on a port the harness had just
 * found free. Now the sandbox binds port 0 and reports what it got, and
 * Prometheus (which cannot) starts again on another port when its was taken:
 * two stacks started at the same moment both come up, on distinct ports.
 */
describe('two local stacks at once', () => {
  it('start side by side on ports the OS assigns, none shared', async () => {
    const platform = await loadPlatform(TREE);
    const zero = { control: 0, base: 0, platform: 0, argocd: 0, metrics: 0 };
    const sandboxes = await Promise.all(
      [1, 2].map(() => createSandbox({ platform, ports: zero })),
    );
    const prometheuses = await Promise.all(
      sandboxes.map(s => startPrometheus({ metricsUrl: s.urls.metrics })),
    );
    try {
      const urls = [
        ...sandboxes.flatMap(s => Object.values(s.urls)),
        ...prometheuses.map(p => p.url),
      ];
      const ports = urls.map(u => new URL(u).port);
      expect(ports.every(p => Number(p) > 0)).toBe(true);
      expect(new Set(ports).size).toBe(ports.length);
      for (const s of sandboxes)
        expect((await fetch(`${s.urls.control}/healthz`)).status).toBe(200);
      for (const p of prometheuses)
        expect((await fetch(`${p.url}/-/ready`)).ok).toBe(true);
    } finally {
      await Promise.all(prometheuses.map(p => p.stop()));
      await Promise.all(sandboxes.map(s => s.stop()));
    }
  });
});
