/*
 * A real Prometheus (Debian's, as ./portal runs it) scraping the sandbox's
 * ingestion agents through its HTTP service discovery, with the repository's
 * recording rules.
 */
import path from 'node:path';
import { createSandbox, Sandbox } from './createSandbox';
import { loadPlatform } from './platform/loadPlatform';
import { startPrometheus, TestPrometheus } from './testing/startPrometheus';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../../..');

describe('Prometheus scraping the sandbox', () => {
  let sandbox: Sandbox;
  let prometheus: TestPrometheus;
  let url: string;

  beforeAll(async () => {
    sandbox = await createSandbox({
      platform: await loadPlatform(path.join(ROOT, 'examples/base-platform')),
      ports: { control: 0, base: 0, platform: 0, argocd: 0, metrics: 0 },
    });
    prometheus = await startPrometheus({ metricsUrl: sandbox.urls.metrics });
    url = prometheus.url;
  });

  afterAll(async () => {
    await prometheus?.stop();
    await sandbox?.stop();
  });

  async function query(expr: string): Promise<any[]> {
    const res = await fetch(
      `${url}/api/v1/query?query=${encodeURIComponent(expr)}`,
    );
    const body = await res.json();
    if (body.status !== 'success') throw new Error(body.error);
    return body.data.result;
  }

  async function eventually(
    expr: string,
    predicate: (r: any[]) => boolean,
  ): Promise<any[]> {
    const deadline = Date.now() + 120_000;
    let last: any[] = [];
    while (Date.now() < deadline) {
      last = await query(expr).catch(() => []);
      if (predicate(last)) return last;
      await new Promise(r => setTimeout(r, 2000));
    }
    return last;
  }

  it('returns rate(base_ingestion_bytes_total[5m]) for the six ingestion agents', async () => {
    const result = await eventually(
      'sum by (agent) (rate(base_ingestion_bytes_total[5m]))',
      r => r.length >= 6,
    );
    expect(result.map(r => r.metric.agent).sort()).toEqual([
      'data-collector',
      'data-connector',
      'data-converter',
      'data-fetch-retry',
      'data-merger',
      'data-scheduler',
    ]);
    for (const r of result) expect(Number(r.value[1])).toBeGreaterThan(0);
  });

  it('evaluates the recording rules kept in deploy/', async () => {
    const result = await eventually(
      'base:ingestion_gb_per_hour:agent',
      r => r.length >= 6,
    );
    expect(result).toHaveLength(6);
    const collector = result.find(r => r.metric.agent === 'data-collector');
    expect(collector.metric.module).toBe('data-ingestion');
  });

  it("takes each agent's target from what it exports (the converter's 50 GB/h)", async () => {
    const result = await eventually(
      'base:ingestion_target_gb_per_hour:agent',
      r => r.length >= 6,
    );
    const targets = Object.fromEntries(
      result.map(r => [r.metric.agent, Number(r.value[1])]),
    );
    expect(targets['data-converter']).toBe(50);
    expect(targets['data-collector']).toBe(100);
  });
});
