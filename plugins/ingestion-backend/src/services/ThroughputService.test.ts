import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { IngestionAgent } from '@internal/plugin-base-platform-common';
import type {
  PrometheusClient,
  PromSeries,
} from '@internal/plugin-upstream-cache-node';
import { summarizeAgent, ThroughputService } from './ThroughputService';

const agentEntity = (descriptor: string, target?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: `base-data-ingestion-agent-${descriptor}`,
    namespace: 'default',
    annotations: {
      'base.io/module': 'data-ingestion',
      'base.io/descriptor': descriptor,
      ...(target ? { 'base.io/throughput-target-gb-per-hour': target } : {}),
    },
  },
  spec: { type: 'service', owner: 'x', system: 'base-data-ingestion' },
});

// 100 GB/h in bytes per second
const GB_H = 1e9 / 3600;

describe('summarizeAgent', () => {
  const agent: IngestionAgent = {
    entityRef: 'component:default/base-data-ingestion-agent-data-collector',
    module: 'data-ingestion',
    agent: 'data-collector',
    targetGbPerHour: 100,
  };
  const end = 1_000_000 * 300;

  it('works out now, top sources, the 24 h series and the shares on target', () => {
    // two sources; 4 steps: total 60, 100, 130, 110 GB/h
    const steps = [end - 900, end - 600, end - 300, end];
    const series: PromSeries[] = [
      {
        metric: { source: 'bloomberg-bpipe', measure: 'bytes' },
        values: steps.map((t, i) => [t, [40, 70, 90, 80][i] * GB_H]),
      },
      {
        metric: { source: 'sec-edgar', measure: 'bytes' },
        values: steps.map((t, i) => [t, [20, 30, 40, 30][i] * GB_H]),
      },
      {
        metric: { source: 'bloomberg-bpipe', measure: 'records' },
        values: [[end, 1000]],
      },
      {
        metric: { source: 'sec-edgar', measure: 'records' },
        values: [[end, 400]],
      },
    ];
    const result = summarizeAgent(agent, series, end, 'now');
    expect(result.state).toBe('ok');
    expect(result.current?.gbPerHour).toBeCloseTo(110, 6);
    expect(result.current?.recordsPerSecond).toBe(1400);
    expect(result.sources.map(s => s.source)).toEqual([
      'bloomberg-bpipe',
      'sec-edgar',
    ]);
    expect(result.sources[0].gbPerHour).toBeCloseTo(80, 6);
    expect(result.series.map(p => Math.round(p.gbPerHour))).toEqual([
      60, 100, 130, 110,
    ]);
    expect(result.onTarget24h).toEqual({
      share: 0.75,
      coveredSeconds: 1200,
      windowSeconds: 86_400,
    });
  });

  it('says "no data" for an agent without series, not 0 GB/h', () => {
    const result = summarizeAgent(agent, [], end, 'now');
    expect(result.state).toBe('no-data');
    expect(result.current).toBeUndefined();
    expect(result.onTarget24h).toBeUndefined();
    expect(result.onTarget7d).toBeUndefined();
  });

  it('has no current figure when the agent stopped reporting', () => {
    const result = summarizeAgent(
      agent,
      [
        {
          metric: { source: 'a', measure: 'bytes' },
          values: [[end - 3600, 120 * GB_H]],
        },
      ],
      end,
      'now',
    );
    expect(result.state).toBe('ok');
    expect(result.current).toBeUndefined();
    expect(result.series).toHaveLength(1);
  });
});

describe('ThroughputService', () => {
  function setup(query: jest.Mock) {
    let now = 1_700_000_000_000;
    const prometheus = {
      queryRange: query,
      query,
    } as unknown as PrometheusClient;
    const service = new ThroughputService({
      prometheus,
      catalog: catalogServiceMock({
        entities: [
          agentEntity('data-collector', '100'),
          agentEntity('data-converter', '50'),
          agentEntity('not-ingestion'),
        ],
      }),
      auth: mockServices.auth(),
      cacheMs: 60_000,
      query: { recordingRules: true, rateWindow: '5m' },
      now: () => now,
    });
    return { service, advance: (ms: number) => (now += ms) };
  }
  const answer: PromSeries[] = [
    {
      metric: { source: 'bloomberg-bpipe', measure: 'bytes' },
      values: [[1_700_000_000, 120 * GB_H]],
    },
  ];

  it('asks Prometheus once per agent per cache period, however many ask', async () => {
    const query = jest.fn(async () => answer);
    const { service, advance } = setup(query);
    const ref = 'component:default/base-data-ingestion-agent-data-collector';
    const results = await Promise.all(
      Array.from({ length: 50 }, () => service.agent(ref)),
    );
    expect(query).toHaveBeenCalledTimes(1);
    expect(results[49].current?.gbPerHour).toBeCloseTo(120, 6);
    await service.agent(ref);
    expect(query).toHaveBeenCalledTimes(1);
    advance(60_000);
    await service.agent(ref);
    expect(query).toHaveBeenCalledTimes(2);
  });

  it('reads the target from the entity and refuses entities that are not ingestion agents', async () => {
    const { service } = setup(jest.fn(async () => answer));
    const converter = await service.agent(
      'component:default/base-data-ingestion-agent-data-converter',
    );
    expect(converter.targetGbPerHour).toBe(50);
    await expect(
      service.agent(
        'component:default/base-data-ingestion-agent-not-ingestion',
      ),
    ).rejects.toThrow(/is not an ingestion agent/);
  });

  it('serves the last good figures with the error when Prometheus fails, and says so with none', async () => {
    const query = jest.fn(async () => answer);
    const { service, advance } = setup(query);
    const ref = 'component:default/base-data-ingestion-agent-data-collector';
    const good = await service.agent(ref);
    expect(good.error).toBeUndefined();
    query.mockRejectedValue(
      new Error('Prometheus at http://p:9090 did not answer within 5 s'),
    );
    advance(60_000);
    const stale = await service.agent(ref);
    expect(stale.current?.gbPerHour).toBeCloseTo(120, 6);
    expect(stale.readAt).toBe(good.readAt);
    expect(stale.error).toMatch(/Prometheus at http:\/\/p:9090/);

    const { service: fresh } = setup(
      jest.fn(async () => {
        throw new Error(
          'Prometheus at http://p:9090 is unreachable (ECONNREFUSED)',
        );
      }),
    );
    await expect(fresh.agent(ref)).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(/unreachable/),
    });
  });

  it('lists a module’s ingestion agents and the platform total from one query', async () => {
    const query = jest.fn(async (expr: string) =>
      expr.startsWith('sum by (module, agent)')
        ? [
            {
              metric: { module: 'data-ingestion', agent: 'data-collector' },
              values: [[1, 120 * GB_H]] as Array<[number, number]>,
            },
          ]
        : answer,
    );
    const { service } = setup(query);
    const module = await service.module('system:default/base-data-ingestion');
    expect(module.agents.map(a => a.agent)).toEqual([
      'data-collector',
      'data-converter',
    ]);
    const platform = await service.platformThroughput();
    expect(platform.totalGbPerHour).toBeCloseTo(120, 6);
    expect(platform.agents[0]).toMatchObject({
      agent: 'data-collector',
      targetGbPerHour: 100,
    });
    expect(platform.agents[1].gbPerHour).toBeUndefined();
  });

  it('has no platform total while no agent reports, rather than 0 GB/h', async () => {
    const { service } = setup(jest.fn(async () => []));
    const platform = await service.platformThroughput();
    expect(platform.totalGbPerHour).toBeUndefined();
    expect(platform.agents.every(a => a.gbPerHour === undefined)).toBe(true);
  });
});
