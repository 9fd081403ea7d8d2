import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { recordingNotifier } from '../__testUtils__/notifier';
import { BurnRateAlerts } from './BurnRateAlerts';
import { DEFAULT_POLICY } from './errorBudget';
import { ProbeRow, ProbeStore } from './ProbeStore';

jest.setTimeout(60_000);

const MINUTE = 60_000;
const COLLECTOR = 'component:default/base-data-ingestion-agent-data-collector';
const VALIDATOR = 'component:default/base-data-quality-agent-data-validator';
const OWNERS: Record<string, string> = {
  [COLLECTOR]: 'group:default/data-foundation-team',
  [VALIDATOR]: 'data-foundation-team',
};

describe('BurnRateAlerts', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

  async function setUp(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const database = mockServices.database({
      knex,
      migrations: { skip: false },
    });
    const store = await ProbeStore.create(database);
    const { notifier, sent } = recordingNotifier(OWNERS);
    const alerts = () =>
      new BurnRateAlerts({
        store,
        notifier,
        logger: mockServices.logger.mock(),
        policy: DEFAULT_POLICY,
        evaluateSeconds: 60,
      });
    return { store, sent, alerts };
  }

  /** Probes of three endpoints every 30 s from `from` for `minutes`, failing or not. */
  const probes = (
    entityRef: string,
    from: number,
    minutes: number,
    ok: boolean,
  ): ProbeRow[] =>
    Array.from({ length: minutes * 2 }, (_, i) =>
      ['/health/live', '/health/ready', '/health/startup'].map(path => ({
        entityRef,
        path,
        checkedAt: from + i * 30_000,
        ok,
      })),
    ).flat();

  it.each(databases.eachSupportedId())(
    'tells the owner group once per incident, and once when it ends, %p',
    async databaseId => {
      const { store, sent, alerts } = await setUp(databaseId);
      const start = Date.UTC(2026, 11, 2, 6);
      // 6 h healthy for both, then the collector fails for 10 minutes
      await store.insert(probes(COLLECTOR, start, 360, true));
      await store.insert(probes(VALIDATOR, start, 370, true));
      const down = start + 360 * MINUTE;
      await store.insert(probes(COLLECTOR, down, 10, false));

      const first = alerts();
      expect(await first.evaluate(down + 10 * MINUTE)).toEqual({
        opened: [COLLECTOR],
        updated: [],
        resolved: [],
      });
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({
        recipients: {
          type: 'entity',
          entityRef: 'group:default/data-foundation-team',
        },
        payload: {
          severity: 'critical',
          topic: 'error-budget',
          scope: `api-status:error-budget:${COLLECTOR}`,
          link: 'https://fin.vsem-svoim.com/catalog/default/component/base-data-ingestion-agent-data-collector/health',
        },
      });
      expect(sent[0].payload.title).toMatch(
        /^base-data-ingestion-agent-data-collector: error budget burning \d+\.\d× \(fast burn\)$/,
      );

      // the next run, or another replica's: the incident is open, nothing is sent again
      expect(await alerts().evaluate(down + 11 * MINUTE)).toEqual({
        opened: [],
        updated: [],
        resolved: [],
      });
      expect(sent).toHaveLength(1);

      // recovery: 40 good minutes clear both short windows
      await store.insert(probes(COLLECTOR, down + 10 * MINUTE, 40, true));
      const after = down + 50 * MINUTE;
      // 10 minutes later the fast rule's 5-minute window is clean, the slow
      // rule's 30-minute one is not: the same incident, its notification updated
      expect(await first.evaluate(down + 20 * MINUTE)).toEqual({
        opened: [],
        updated: [COLLECTOR],
        resolved: [],
      });
      expect((await first.evaluate(after)).resolved).toEqual([COLLECTOR]);
      expect(sent.map(s => [s.payload.severity, s.payload.scope])).toEqual([
        ['critical', `api-status:error-budget:${COLLECTOR}`],
        ['high', `api-status:error-budget:${COLLECTOR}`],
        ['low', `api-status:error-budget:${COLLECTOR}`],
      ]);
      expect(sent[1].payload.title).toMatch(/\(slow burn\)$/);
      expect(sent[sent.length - 1].payload.title).toMatch(/^Resolved: /);
      const [incident] = await store.incidents(COLLECTOR);
      expect(incident.resolvedAt).toBe(after);
      // the healthy validator was never notified
      expect(sent.filter(s => s.payload.scope.includes('validator'))).toEqual(
        [],
      );
    },
  );

  it.each(databases.eachSupportedId())(
    "gives the Health tab the 30-day budget and each rule's burn rates, %p",
    async databaseId => {
      const { store, alerts } = await setUp(databaseId);
      const start = Date.UTC(2026, 11, 2, 6);
      await store.insert(probes(COLLECTOR, start, 600, true));
      await store.insert(probes(COLLECTOR, start + 600 * MINUTE, 3, false));
      const budget = await alerts().budget(COLLECTOR, start + 603 * MINUTE);
      // 3,618 probes, 18 failed, 3.6 allowed: the budget is overspent
      expect(budget.probes).toBe(3618);
      expect(budget.failures).toBe(18);
      expect(budget.remaining).toBeLessThan(0);
      expect(budget.rules.map(r => [r.name, r.firing])).toEqual([
        ['fast burn', true],
        ['slow burn', true],
      ]);
    },
  );
});
