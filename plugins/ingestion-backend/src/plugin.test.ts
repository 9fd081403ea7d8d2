/*
 * The backend against a real Prometheus (Debian's, as ./portal runs it)
 * scraping the platform sandbox's ingestion agents: its figures must match
 * the rate the sandbox emits within 5 %.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createSandbox,
  loadPlatform,
  Sandbox,
  startPrometheus,
  TestPrometheus,
} from '@internal/platform-sandbox';
import type { AgentThroughput } from '@internal/plugin-ingestion-common';
import net from 'node:net';
import path from 'node:path';
import request from 'supertest';
import { ingestionPlugin } from './plugin';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../../..');

interface Emitted {
  module: string;
  agent: string;
  targetGbPerHour: number;
  gbPerHour: number;
  bytesPerSecondBySource: Record<string, number>;
}

describe('ingestion backend with Prometheus scraping the sandbox', () => {
  let sandbox: Sandbox;
  let prometheus: TestPrometheus;
  let entities: Entity[];

  beforeAll(async () => {
    const platform = await loadPlatform(
      path.join(ROOT, 'examples/base-platform'),
    );
    sandbox = await createSandbox({
      platform,
      ports: { control: 0, base: 0, platform: 0, argocd: 0, metrics: 0 },
    });
    prometheus = await startPrometheus({
      metricsUrl: sandbox.urls.metrics,
      intervalSeconds: 2,
      ruleWindow: '20s',
    });
    entities = platform.modules
      .flatMap(m => m.services)
      .filter(s => s.ingestion)
      .map(s => ({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: s.name,
          namespace: 'default',
          annotations: {
            'base.io/module': s.module,
            'base.io/descriptor': s.descriptor,
            'base.io/throughput-target-gb-per-hour': String(
              s.ingestion!.targetGbPerHour,
            ),
          },
        },
        spec: { type: 'service', owner: 'x', system: `base-${s.module}` },
      }));
  });

  afterAll(async () => {
    await prometheus?.stop();
    await sandbox?.stop();
  });

  /** The plugin with the sandbox's agents in the catalog; `ingestion` config as given. */
  const backendWith = (ingestion?: JsonObject) =>
    startTestBackend({
      features: [
        ingestionPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: ingestion ? { ingestion } : {},
        }),
      ],
    });
  const backend = (extra: JsonObject) =>
    backendWith({
      prometheus: { baseUrl: prometheus.url, timeoutSeconds: 5 },
      cacheSeconds: 1,
      ...extra,
    });

  const emitted = async (): Promise<Emitted[]> =>
    (await fetch(`${sandbox.urls.control}/emitted`)).json();

  /** Polls until the window of rate() has filled: the first minute underestimates. */
  async function settled(
    server: any,
    name: string,
    expected: () => Promise<number>,
  ): Promise<{ body: AgentThroughput; expected: number }> {
    const deadline = Date.now() + 120_000;
    let last: { body: AgentThroughput; expected: number } | undefined;
    while (Date.now() < deadline) {
      const res = await request(server).get(
        `/api/ingestion/agents/default/${name}`,
      );
      expect(res.status).toBe(200);
      last = { body: res.body, expected: await expected() };
      const now = last.body.current?.gbPerHour;
      if (now !== undefined && Math.abs(now / last.expected - 1) <= 0.05) {
        return last;
      }
      await new Promise(r => setTimeout(r, 2000));
    }
    return last!;
  }

  it.each([
    ['the recording rules of deploy/', { recordingRules: true }],
    ['rate() over raw counters', { recordingRules: false, rateWindow: '20s' }],
  ])('matches the emitted rate within 5 %% through %s', async (_, extra) => {
    const { server } = await backend(extra);
    for (const agent of ['data-collector', 'data-converter']) {
      const name = `base-data-ingestion-agent-${agent}`;
      const expected = async () =>
        (await emitted()).find(e => e.agent === agent)!;
      const { body } = await settled(
        server,
        name,
        async () => (await expected()).gbPerHour,
      );
      const truth = await expected();
      expect(body.state).toBe('ok');
      expect(body.targetGbPerHour).toBe(truth.targetGbPerHour);
      expect(body.current!.gbPerHour / truth.gbPerHour).toBeGreaterThan(0.95);
      expect(body.current!.gbPerHour / truth.gbPerHour).toBeLessThan(1.05);
      // every source within 5 %, and records at the sandbox's 2 KiB a record
      expect(body.sources).toHaveLength(6);
      for (const source of body.sources) {
        const bytes = truth.bytesPerSecondBySource[source.source];
        expect(source.gbPerHour / ((bytes * 3600) / 1e9)).toBeGreaterThan(0.95);
        expect(source.gbPerHour / ((bytes * 3600) / 1e9)).toBeLessThan(1.05);
        expect(source.recordsPerSecond / (bytes / 2048)).toBeGreaterThan(0.95);
        expect(source.recordsPerSecond / (bytes / 2048)).toBeLessThan(1.05);
      }
      expect(body.series.length).toBeGreaterThan(0);
      expect(body.onTarget24h?.coveredSeconds).toBeGreaterThan(0);
    }
    // the MCP tool (through the actions registry): the card's figures
    const tool = await request(server)
      .post(
        '/api/ingestion/.backstage/actions/v1/actions/ingestion:get-agent-throughput/invoke',
      )
      .send({ agent: 'base-data-ingestion-agent-data-collector' });
    expect(tool.status).toBe(200);
    const truth = (await emitted()).find(e => e.agent === 'data-collector')!;
    expect(tool.body.output).toMatchObject({
      entityRef: 'component:default/base-data-ingestion-agent-data-collector',
      state: 'ok',
      targetGbPerHour: truth.targetGbPerHour,
    });
    expect(
      tool.body.output.current.gbPerHour / truth.gbPerHour,
    ).toBeGreaterThan(0.95);
    expect(tool.body.output.current.gbPerHour / truth.gbPerHour).toBeLessThan(
      1.05,
    );
    expect(tool.body.output.sources).toHaveLength(5);
    const platform = await request(server).get('/api/ingestion/platform');
    expect(platform.status).toBe(200);
    const truthTotal = (await emitted()).reduce((s, e) => s + e.gbPerHour, 0);
    expect(platform.body.totalGbPerHour / truthTotal).toBeGreaterThan(0.95);
    expect(platform.body.totalGbPerHour / truthTotal).toBeLessThan(1.05);
    expect(platform.body.agents).toHaveLength(6);
  });

  it('answers 401 without a token and 404 for entities that are not ingestion agents', async () => {
    const { server } = await backend({});
    const anonymous = await request(server)
      .get('/api/ingestion/platform')
      .set('authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    const notAgent = await request(server).get(
      '/api/ingestion/agents/default/base-data-quality-agent-validator',
    );
    expect(notAgent.status).toBe(404);
    expect(notAgent.body.error.message).toMatch(/not an ingestion agent/);
  });

  it('says Prometheus is unreachable, naming it, when it is', async () => {
    // a port nothing listens on
    const closed = await new Promise<number>(resolve => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(port));
      });
    });
    const { server } = await backendWith({
      prometheus: { baseUrl: `http://127.0.0.1:${closed}` },
    });
    const res = await request(server).get(
      '/api/ingestion/agents/default/base-data-ingestion-agent-data-collector',
    );
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(
      new RegExp(
        `^Prometheus at http://127.0.0.1:${closed} is unreachable \\(ECONNREFUSED\\)`,
      ),
    );
  });

  it('says "not configured" without ingestion.prometheus', async () => {
    const { server } = await backendWith(undefined);
    const res = await request(server).get('/api/ingestion/platform');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/Prometheus is not configured/);
  });
});
