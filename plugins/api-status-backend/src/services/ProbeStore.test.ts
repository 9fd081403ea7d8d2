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
    'keeps every raw probe while nothing is rolled up yet, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const now = 100 * DAY;
      await store.insert([
        probe('a', '/health/live', now - 3 * DAY, true),
        probe('a', '/health/live', now - 60_000, false),
      ]);
      expect(await store.rolledUntil()).toBeUndefined();
      expect(await store.prune(now, now - 30 * DAY)).toEqual({
        probes: 0,
        rollups: 0,
      });
      expect(await store.size()).toBe(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'rolls whole hours up, then deletes raw probes past their retention and roll-ups past theirs, %p',
    async databaseId => {
      const { knex, store } = await createStore(databaseId);
      const HOUR = 3_600_000;
      const now = 100 * DAY + 30 * 60_000; // half past an hour
      const rows: ProbeRow[] = [];
      // three days of one probe a minute on /health/live, one failure a day
      for (let t = now - 3 * DAY; t < now; t += 60_000) {
        const fail = (t - (now - 3 * DAY)) % DAY === 0;
        rows.push({
          ...probe('a', '/health/live', t, !fail),
          responseMs: fail ? undefined : 10 + ((t / 60_000) % 10),
        });
      }
      await store.insert(rows);
      const before = await store.counts(['component:default/a'], now - 7 * DAY);

      // every whole hour before now, and no hour twice
      const hours = await store.rollUp(now);
      expect(hours).toBe(72);
      expect(await store.rollUp(now)).toBe(0);
      expect(await store.rolledUntil()).toBe(now - 30 * 60_000);
      expect(await store.rollupRows()).toBe(72);
      const hour = await knex('api_status_rollups')
        .where('bucket_start', now - 30 * 60_000 - HOUR)
        .first();
      expect([hour.probes, hour.ok, hour.p50_ms, hour.p95_ms]).toEqual([
        60, 60, 14, 19,
      ]);

      // the counts are the same, whether from roll-ups or raw probes
      expect(
        await store.counts(['component:default/a'], now - 7 * DAY),
      ).toEqual(before);
      expect(before[0]).toMatchObject({ probes: 3 * 1440, ok: 3 * 1440 - 3 });

      // raw probes past 48 h go, the counts and the last failure stay
      const removed = await store.prune(now - 48 * HOUR, now - 30 * DAY);
      expect(removed).toEqual({ probes: 24 * 60, rollups: 0 });
      expect(
        await store.counts(['component:default/a'], now - 7 * DAY),
      ).toEqual(before);
      const oldest = now - 3 * DAY;
      await knex('api_status_probes').where('ok', false).delete();
      expect(
        await store.lastFailure('component:default/a', '/health/live'),
      ).toMatchObject({ checkedAt: oldest + 2 * DAY, statusCode: 503 });

      // raw probes not rolled up yet are kept whatever their age
      expect(await store.prune(now, now - 30 * DAY)).toEqual({
        probes: 48 * 60 - 3 + 1 - 30, // every rolled-up one
        rollups: 0,
      });
      expect(await store.size()).toBe(30);

      // roll-ups past their retention go: the hours that start before it
      // (the first hour starts half an hour before the third day)
      expect((await store.prune(now - 48 * HOUR, now - 2 * DAY)).rollups).toBe(
        25,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'counts every window of the burn rates in one pass, the same before and after the roll-ups, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const MIN = 60_000;
      const HOUR = 60 * MIN;
      const now = 20 * DAY + 25 * MIN;
      const rows: ProbeRow[] = [];
      // 8 hours of two services on two paths; b fails every 7th minute
      for (let t = now - 8 * HOUR; t < now; t += MIN) {
        const m = Math.round(t / MIN);
        rows.push(probe('a', '/health/live', t, true));
        rows.push(probe('a', '/health/ready', t, m % 11 !== 0));
        rows.push(probe('b', '/health/live', t, m % 7 !== 0));
      }
      await store.insert(rows);
      const windows = [5 * MIN, 30 * MIN, HOUR, 6 * HOUR, 7 * HOUR + 13 * MIN];
      const sinces = windows.map(w => now - w);
      // what each window holds, counted from the rows themselves
      const expected = new Map(
        sinces.map(since => {
          const counts = new Map<string, { probes: number; ok: number }>();
          for (const r of rows.filter(x => x.checkedAt >= since)) {
            const c = counts.get(r.entityRef) ?? { probes: 0, ok: 0 };
            c.probes++;
            if (r.ok) c.ok++;
            counts.set(r.entityRef, c);
          }
          return [since, counts] as const;
        }),
      );
      expect(await store.serviceCountsSince(sinces)).toEqual(expected);

      // seven whole hours rolled up: the long windows take them from there
      expect(await store.rollUp(now)).toBe(8);
      expect(await store.rolledUntil()).toBe(now - 25 * MIN);
      expect(await store.serviceCountsSince(sinces)).toEqual(expected);

      // one service only
      const b = await store.serviceCountsSince(sinces, 'component:default/b');
      for (const since of sinces)
        expect([...b.get(since)!.keys()]).toEqual(['component:default/b']);
      expect(b.get(sinces[3])).toEqual(
        new Map([
          [
            'component:default/b',
            expected.get(sinces[3])!.get('component:default/b'),
          ],
        ]),
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'marks an hour without probes as rolled up, %p',
    async databaseId => {
      const { store } = await createStore(databaseId);
      const HOUR = 3_600_000;
      const now = 10 * DAY;
      await store.insert([probe('a', '/health/live', now - 3 * HOUR, true)]);
      expect(await store.rollUp(now)).toBe(3);
      expect(await store.rolledUntil()).toBe(now);
      expect(await store.counts(['component:default/a'], now - DAY)).toEqual([
        {
          entityRef: 'component:default/a',
          path: '/health/live',
          probes: 1,
          ok: 1,
        },
      ]);
    },
  );
});
