import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { ProbeRow, ProbeStore } from './ProbeStore';

jest.setTimeout(60_000);

const DAY = 86_400_000;

describe('ProbeStore', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15'],
  });

  async function createStore(databaseId: string) {
    const knex = await databases.init(databaseId as any);
    const store = await ProbeStore.create(
      mockServices.database({ knex, migrations: { skip: false } }),
    );
    return { knex, store };
  }

  const probe = (
    entity: string,
    path: string,
    checkedAt: number,
    ok: boolean,
  ): ProbeRow => ({
    entityRef: `component:default/${entity}`,
    path,
    checkedAt,
    ok,
    statusCode: ok ? 200 : 503,
    responseMs: ok ? 10 : undefined,
    error: ok ? undefined : 'HTTP 503: down',
  });

  it.each(databases.eachSupportedId())(
    'migrates, stores and queries probes, %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      expect(await knex.schema.hasTable('api_status_probes')).toBe(true);
      const now = 40 * DAY;
      await store.insert([
        probe('a', '/health/live', now - 31 * DAY, false), // outside every window
        probe('a', '/health/live', now - 3 * DAY, false),
        probe('a', '/health/live', now - 2_000, true),
        probe('a', '/health/live', now - 1_000, true),
        probe('a', '/health/ready', now - 1_000, false),
        probe('b', '/health/live', now - 1_000, true),
      ]);

      const history = await store.history('component:default/a', now - DAY);
      expect(history.map(r => [r.path, r.ok])).toEqual([
        ['/health/live', true],
        ['/health/live', true],
        ['/health/ready', false],
      ]);
      expect(typeof history[0].checkedAt).toBe('number');

      const week = await store.counts(['component:default/a'], now - 7 * DAY);
      expect(week.sort((x, y) => x.path.localeCompare(y.path))).toEqual([
        {
          entityRef: 'component:default/a',
          path: '/health/live',
          probes: 3,
          ok: 2,
        },
        {
          entityRef: 'component:default/a',
          path: '/health/ready',
          probes: 1,
          ok: 0,
        },
      ]);

      const latest = await store.latest(
        ['component:default/a', 'component:default/b'],
        now - DAY,
      );
      expect(
        latest
          .map(r => `${r.entityRef} ${r.path} ${r.ok} ${now - r.checkedAt}`)
          .sort(),
      ).toEqual([
        'component:default/a /health/live true 1000',
        'component:default/a /health/ready false 1000',
        'component:default/b /health/live true 1000',
      ]);

      expect(
        await store.lastFailure('component:default/a', '/health/live'),
      ).toMatchObject({ checkedAt: now - 3 * DAY, error: 'HTTP 503: down' });
      expect(await store.lastProbeAt()).toBe(now - 1_000);
    },
  );

  it.each(databases.eachSupportedId())(
    'deletes probes past the retention, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const now = 100 * DAY;
      await store.insert([
        probe('a', '/health/live', now - 31 * DAY, true),
        probe('a', '/health/live', now - 29 * DAY, true),
        probe('a', '/health/live', now, true),
      ]);
      expect(await store.prune(now - 30 * DAY)).toBe(1);
      expect(await store.size()).toBe(2);
      expect(await store.prune(now - 30 * DAY)).toBe(0);
    },
  );
});
