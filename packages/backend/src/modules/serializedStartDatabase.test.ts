import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { ConfigReader } from '@backstage/config';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import knexFactory from 'knex';
import { serializedStartDatabaseServiceFactory } from './serializedStartDatabase';

jest.setTimeout(120_000);

// `./portal test` starts a throw-away PostgreSQL and names it; without it
// these tests fail rather than being skipped
const postgresId = process.env.PORTAL_TEST_POSTGRES_ID ?? 'POSTGRES_15';
const url =
  process.env[
    `BACKSTAGE_TEST_DATABASE_${postgresId.replace('_', '')}_CONNECTION_STRING`
  ];

/** The server's database `name`. */
const database = (name: string) => {
  const u = new URL(url!);
  u.pathname = `/${name}`;
  return u.toString();
};

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

/** A replica of a backend whose one plugin reads its database when it starts. */
function replica(prefix: string, started: string[], name: string) {
  return startTestBackend({
    features: [
      serializedStartDatabaseServiceFactory,
      catalogPlugin,
      createBackendPlugin({
        pluginId: 'reader',
        register(reg) {
          reg.registerInit({
            deps: { db: coreServices.database },
            async init({ db }) {
              const client = await db.getClient();
              await client.raw('select 1');
              started.push(name);
            },
          });
        },
      }),
      mockServices.rootConfig.factory({
        data: {
          backend: { database: { client: 'pg', connection: url, prefix } },
          catalog: { rules: [{ allow: ['Component'] }] },
        },
      }),
    ],
  });
}

describe('serializedStartDatabaseServiceFactory', () => {
  beforeAll(() => {
    if (!url) throw new Error(`no PostgreSQL for ${postgresId}`);
  });

  it("waits for another replica's start lock before any plugin has its database", async () => {
    const prefix = `serial${crypto.randomBytes(3).toString('hex')}_`;
    // advisory locks are per database: the factory's is in `postgres`
    const lock = knexFactory({
      client: 'pg',
      connection: database('postgres'),
      pool: { min: 1, max: 1 },
    });
    try {
      await lock.raw('select pg_advisory_lock(hashtext(?))', [
        `${prefix}start`,
      ]);
      const started: string[] = [];
      let ready = false;
      const backend = replica(prefix, started, 'a').then(b => {
        ready = true;
        return b;
      });
      await sleep(3000);
      expect(started).toEqual([]);
      expect(ready).toBe(false);

      await lock.raw('select pg_advisory_unlock(hashtext(?))', [
        `${prefix}start`,
      ]);
      const running = await backend;
      expect(started).toEqual(['a']);
      // released once started: another replica could take it now
      const free = await lock.raw(
        'select pg_try_advisory_lock(hashtext(?)) as taken',
        [`${prefix}start`],
      );
      expect(free.rows[0].taken).toBe(true);
      await running.stop();
    } finally {
      await lock.destroy();
    }
  });

  it('two replicas starting at once on an empty database both start, and the catalog migrates once', async () => {
    const prefix = `serial${crypto.randomBytes(3).toString('hex')}_`;
    const started: string[] = [];
    const backends = await Promise.all([
      replica(prefix, started, 'a'),
      replica(prefix, started, 'b'),
    ]);
    expect(started.sort()).toEqual(['a', 'b']);
    const catalog = knexFactory({
      client: 'pg',
      connection: database(`${prefix}catalog`),
    });
    try {
      // knex's lock table holds one row; two would lock every later start
      const rows = await catalog('knex_migrations_lock').select();
      expect(rows).toEqual([{ index: 1, is_locked: 0 }]);
    } finally {
      await catalog.destroy();
      for (const b of backends) await b.stop();
    }
  });
});

describe('the production database settings', () => {
  it('bound every plugin pool at 4 connections, the catalog at 10, closing idle ones', async () => {
    if (!url) throw new Error(`no PostgreSQL for ${postgresId}`);
    const production = parse(
      fs.readFileSync(
        path.resolve(__dirname, '../../../../app-config.production.yaml'),
        'utf8',
      ),
    ).backend.database;
    // as production has them, on the test server
    const manager = DatabaseManager.fromConfig(
      new ConfigReader({
        backend: {
          database: {
            ...production,
            connection: url,
            prefix: `prodpool${crypto.randomBytes(3).toString('hex')}_`,
          },
        },
      }),
    );
    const pool = async (pluginId: string) => {
      const knex = await manager
        .forPlugin(pluginId, {
          logger: mockServices.logger.mock(),
          lifecycle: mockServices.lifecycle.mock(),
        })
        .getClient();
      const { min, max, idleTimeoutMillis } = (knex.client as any).pool;
      await knex.destroy();
      return { min, max, idleTimeoutMillis };
    };
    expect(await pool('catalog')).toEqual({
      min: 0,
      max: 10,
      idleTimeoutMillis: 30000,
    });
    expect(await pool('api-status')).toEqual({
      min: 0,
      max: 4,
      idleTimeoutMillis: 30000,
    });
  });
});
