/*
 * The throughput budget end to end below the browser: the sandbox's six
 * ingestion agents, scraped by a real Prometheus that evaluates the rules
 * of deploy/prometheus, and the relay telling the agents' owners. The test
 * cannot wait hours, so its copy of the rules evaluates every second with
 * windows of seconds, and the session is always open (the sandbox's agents
 * are pinned to a Tuesday 11:00 in New York); the rules' arithmetic at real
 * sizes is promtool's test in packages/backend.
 */
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { PrometheusClient } from '@internal/plugin-upstream-cache-node';
import {
  createSandbox,
  loadPlatform,
  type Sandbox,
  startPrometheus,
  type TestPrometheus,
} from '@internal/platform-sandbox';
import path from 'node:path';
import { recordingNotifier } from '../__testUtils__/notifier';
import { ProbeStore } from './ProbeStore';
import fs from 'node:fs';
import { parse } from 'yaml';
import { THROUGHPUT_RULES, ThroughputAlerts } from './ThroughputAlerts';

jest.setTimeout(240_000);

const ROOT = path.resolve(__dirname, '../../../..');
const AGENTS = [
  'data-collector',
  'data-connector',
  'data-converter',
  'data-fetch-retry',
  'data-merger',
  'data-scheduler',
].map(a => `component:default/base-data-ingestion-agent-${a}`);
const OWNER = 'group:default/data-foundation-team';

/** The shipped rules at test speed; throws when a part to rewrite is gone. */
function fastRules(rules: string): string {
  const rewrites: Array<[RegExp, string]> = [
    [/interval: 30s/g, 'interval: 1s'],
    [/\[5m\]/g, '[4s]'],
    [/\[30m\]|\[1h\]/g, '[6s]'],
    [/\[6h\]/g, '[12s]'],
    [/>= 30\b/g, '>= 2'],
    [/>= 180\b/g, '>= 4'],
    [
      /(- record: base:market_open\n\s+expr: )>-\n(?:\s{10}.*\n)+/,
      '$1vector(1)\n',
    ],
  ];
  return rewrites.reduce((text, [pattern, by]) => {
    if (!pattern.test(text))
      throw new Error(`the rules no longer have ${pattern}`);
    pattern.lastIndex = 0;
    return text.replace(pattern, by);
  }, rules);
}

describe('ThroughputAlerts', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let sandbox: Sandbox;
  let prometheus: TestPrometheus;

  beforeAll(async () => {
    sandbox = await createSandbox({
      platform: await loadPlatform(path.join(ROOT, 'examples/base-platform')),
      ports: { control: 0, base: 0, platform: 0, argocd: 0, metrics: 0 },
      marketTime: () => new Date('2026-12-01T16:00:00Z'),
    });
    prometheus = await startPrometheus({
      metricsUrl: sandbox.urls.metrics,
      intervalSeconds: 1,
      rewriteRules: fastRules,
    });
  });

  afterAll(async () => {
    await prometheus?.stop();
    await sandbox?.stop();
  });

  async function setUp() {
    const knex = await databases.init('SQLITE_3');
    const store = await ProbeStore.create(
      mockServices.database({ knex, migrations: { skip: false } }),
    );
    const { notifier, sent } = recordingNotifier(
      Object.fromEntries(AGENTS.map(a => [a, OWNER])),
    );
    const relay = (prometheusUrl = prometheus.url) =>
      new ThroughputAlerts({
        store,
        notifier,
        logger: mockServices.logger.mock(),
        prometheus: new PrometheusClient(prometheusUrl, 3000),
        evaluateSeconds: 60,
      });
    return { store, sent, relay };
  }

  /** Polls until `read` gives a value, for up to 90 s. */
  async function until<T>(
    what: string,
    read: () => Promise<T | undefined>,
  ): Promise<T> {
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const value = await read().catch(() => undefined);
      if (value !== undefined) return value;
      await new Promise(r => setTimeout(r, 1000));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it('opens one incident per agent under target, tells its owner once, and resolves it when Prometheus stops firing', async () => {
    const { store, sent, relay } = await setUp();
    // every agent at 1.15× target and recorded, and the first seconds of
    // each series (rate() of a series just begun runs low) out of the
    // windows: nothing fires
    await until('the agents on target', async () => {
      if ((await relay().firing()).size > 0) return undefined;
      const res = await fetch(
        `${prometheus.url}/api/v1/query?query=${encodeURIComponent(
          'count(base:ingestion_under_target:agent == 0)',
        )}`,
      ).then(r => r.json());
      return Number(res.data.result[0]?.value[1]) === 6 ? true : undefined;
    });
    expect(await relay().evaluate()).toEqual({
      opened: [],
      updated: [],
      resolved: [],
    });

    // under-target: the agents run at 0.46× target; both burn alerts fire,
    // the incident is the fast burn's
    sandbox.scenario.set('under-target');
    await until('the fast burn firing for all six', async () => {
      const firing = await relay().firing();
      return [...firing.values()].filter(a => a.rule === 'fast burn').length ===
        6
        ? true
        : undefined;
    });
    const first = await relay().evaluate();
    expect(first.opened.sort()).toEqual(AGENTS);
    expect(sent).toHaveLength(6);
    for (const n of sent) {
      expect(n.recipients).toEqual({ type: 'entity', entityRef: OWNER });
      expect(n.payload).toMatchObject({
        severity: 'critical',
        topic: 'throughput-budget',
        title: expect.stringMatching(
          /^data-[a-z-]+ of data-ingestion burns its throughput budget 14\.4× too fast$/,
        ),
        link: expect.stringMatching(
          /^https:\/\/fin\.vsem-svoim\.com\/catalog\/default\/component\/base-data-ingestion-agent-[a-z-]+\/health$/,
        ),
      });
      expect(n.payload.description).toMatch(/Firing in Prometheus since /);
    }
    expect(new Set(sent.map(n => n.payload.scope)).size).toBe(6);

    // the Health tab's view of the collector: Prometheus' burn rates, its
    // firing alerts and the open incident
    const view = await relay().budget(AGENTS[0], {
      module: 'data-ingestion',
      agent: 'data-collector',
    });
    const fast = view.rules.find(r => r.name === 'fast burn')!;
    expect(fast.firing).toBe(true);
    expect(fast.longBurn).toBeGreaterThan(14.4);
    expect(fast.shortBurn).toBeGreaterThan(14.4);
    expect(view.incident).toMatchObject({
      rule: 'fast burn',
      severity: 'critical',
    });
    expect(view.underMinutes).toBeGreaterThan(0);
    expect(view.remaining).toBeLessThan(1);

    // another replica, or this one a minute later: nothing is sent twice
    expect((await relay().evaluate()).opened).toEqual([]);
    expect(sent).toHaveLength(6);

    // Prometheus unreachable: an unknown state is no recovery
    await expect(relay('http://127.0.0.1:9').evaluate()).rejects.toThrow(
      /Prometheus at http:\/\/127\.0\.0\.1:9 is unreachable/,
    );
    expect((await store.openIncidents('throughput')).size).toBe(6);
    // the availability budget's incidents are apart
    expect((await store.openIncidents('availability')).size).toBe(0);

    // healthy again: Prometheus stops firing, each incident resolves once
    sandbox.scenario.set('healthy');
    await until('no throughput alert firing', async () =>
      (await relay().firing()).size === 0 ? true : undefined,
    );
    const last = await relay().evaluate();
    expect(last.resolved.sort()).toEqual(AGENTS);
    const resolving = sent.slice(6);
    expect(resolving).toHaveLength(6);
    for (const n of resolving) {
      expect(n.payload.severity).toBe('low');
      expect(n.payload.title).toMatch(
        /^Resolved: base-data-ingestion-agent-[a-z-]+ is back on its throughput target \(fast burn\)$/,
      );
    }
    expect((await relay().evaluate()).resolved).toEqual([]);
  });

  it('knows the alerts, factors and windows of deploy/prometheus as they are', () => {
    const groups = parse(
      fs.readFileSync(
        path.join(ROOT, 'deploy/prometheus/ingestion.rules.yaml'),
        'utf8',
      ),
    ).groups.flatMap((g: any) => g.rules);
    const expr = (name: string) =>
      groups.find((r: any) => r.record === name || r.alert === name)?.expr;
    const window = (minutes: number) =>
      minutes % 60 === 0 ? `[${minutes / 60}h]` : `[${minutes}m]`;
    for (const r of THROUGHPUT_RULES) {
      expect(expr(r.alert)).toContain(`${r.long} > ${r.factor} * 0.01`);
      expect(expr(r.alert)).toContain(`${r.short} > ${r.factor} * 0.01`);
      expect(groups.find((g: any) => g.alert === r.alert).labels.severity).toBe(
        r.severity,
      );
      expect(expr(r.long)).toContain(window(r.longMinutes));
      expect(expr(r.short)).toContain(window(r.shortMinutes));
    }
  });
});
