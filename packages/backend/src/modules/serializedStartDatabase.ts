import {
  coreServices,
  createServiceFactory,
  DatabaseService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { DatabaseManager } from '@backstage/backend-defaults/database';
import { ConfigReader } from '@backstage/config';
import knexFactory, { Knex } from 'knex';
import { parse as parseConnectionString } from 'pg-connection-string';

/**
 * The database service, as Backstage's own, except that on PostgreSQL the
 * replicas of one portal start one at a time.
 *
 * Each plugin migrates its own database when it starts, under knex's
 * migration lock. Two replicas that start at once on an empty database race
 * to create that lock's table: both can insert its row, and from then on every
 * start of the plugin fails with "Migration table is already locked" (knex
 * locks by updating the one row it expects). `scripts/resilience/replicas.ts`
 * met exactly that with two replicas of a Deployment starting together.
 *
 * So a replica holds a PostgreSQL advisory lock, named after the database
 * prefix, from its first plugin's database to the end of its start (the root
 * lifecycle's startup hook): another replica's plugins wait for their
 * database until then. The lock is the session's, so a replica that dies
 * while starting releases it with its connection.
 */
export const serializedStartDatabaseServiceFactory = createServiceFactory({
  service: coreServices.database,
  deps: {
    config: coreServices.rootConfig,
    lifecycle: coreServices.lifecycle,
    logger: coreServices.logger,
    pluginMetadata: coreServices.pluginMetadata,
    rootLifecycle: coreServices.rootLifecycle,
    rootLogger: coreServices.rootLogger,
  },
  async createRootContext({ config, rootLifecycle, rootLogger }) {
    const manager = DatabaseManager.fromConfig(
      config.getOptional('backend.database')
        ? config
        : new ConfigReader({
            backend: {
              database: { client: 'better-sqlite3', connection: ':memory:' },
            },
          }),
      { rootLifecycle, rootLogger },
    );
    if (config.getOptionalString('backend.database.client') !== 'pg') {
      return { manager, started: Promise.resolve() };
    }
    const name = `${
      config.getOptionalString('backend.database.prefix') ?? 'backstage_plugin_'
    }start`;
    const lock = startLock(config);
    const waitFrom = Date.now();
    const started = lock
      .raw('select pg_advisory_lock(hashtext(?))', [name])
      .then(() => {
        const waited = Date.now() - waitFrom;
        if (waited > 1000) {
          rootLogger.info(
            `Waited ${(waited / 1000).toFixed(
              1,
            )} s for another replica's start (advisory lock ${name})`,
          );
        }
      });
    // a rejection is the plugins' to report (their database fails)
    started.catch(() => undefined);
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await lock
        .raw('select pg_advisory_unlock_all()')
        .catch(() => undefined)
        .finally(() => lock.destroy());
    };
    rootLifecycle.addStartupHook(release);
    rootLifecycle.addShutdownHook(release);
    return { manager, started };
  },
  async factory(
    { pluginMetadata, lifecycle, logger },
    { manager, started },
  ): Promise<DatabaseService> {
    const database = manager.forPlugin(pluginMetadata.getId(), {
      lifecycle,
      logger,
    });
    return {
      migrations: database.migrations,
      async getClient() {
        await started;
        return database.getClient();
      },
    };
  },
});

/**
 * One connection, to the server's `postgres` database, as Backstage's own
 * admin connection that creates the plugins' databases.
 */
function startLock(config: RootConfigService): Knex {
  const connection = config.get('backend.database.connection');
  const base =
    typeof connection === 'string'
      ? parseConnectionString(connection)
      : (connection as Record<string, unknown>);
  return knexFactory({
    client: 'pg',
    connection: { ...base, database: 'postgres' } as Knex.PgConnectionConfig,
    pool: { min: 1, max: 1 },
  });
}
