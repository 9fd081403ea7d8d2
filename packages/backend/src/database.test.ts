import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import path from 'node:path';
import request from 'supertest';

jest.setTimeout(120_000);

// `./portal test` starts a throw-away PostgreSQL and names it here; without
// it the PostgreSQL case fails rather than being skipped.
const postgresId = (process.env.PORTAL_TEST_POSTGRES_ID ??
  'POSTGRES_15') as TestDatabaseId;
const databases = TestDatabases.create({ ids: [postgresId, 'SQLITE_3'] });

const repoRoot = path.resolve(__dirname, '../../..');

describe('the backend database', () => {
  it.each(databases.eachSupportedId())(
    'runs the catalog on %p: migrations, ingestion and queries',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          catalogPlugin,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                processingInterval: { seconds: 1 },
                rules: [{ allow: ['Component', 'Group', 'User', 'Location'] }],
                locations: [
                  {
                    type: 'file',
                    target: path.join(repoRoot, 'catalog-info.yaml'),
                  },
                  {
                    type: 'file',
                    target: path.join(repoRoot, 'examples/org.yaml'),
                  },
                ],
              },
            },
          }),
        ],
      });

      const entityPath =
        '/api/catalog/entities/by-name/component/default/base-developer-portal';
      let response = await request(server)
        .get(entityPath)
        .set('Authorization', mockCredentials.none.header());
      expect(response.status).toBe(401);

      const deadline = Date.now() + 60_000;
      do {
        response = await request(server)
          .get(entityPath)
          .set('Authorization', mockCredentials.user.header());
        if (response.status === 200) break;
        await new Promise(resolve => setTimeout(resolve, 500));
      } while (Date.now() < deadline);

      expect(response.status).toBe(200);
      expect(response.body.metadata.title).toBe('BASE Developer Portal');
      expect(response.body.spec.owner).toBe('group:default/platform-team');

      const tables = await knex('refresh_state').count({ n: '*' });
      expect(Number(tables[0].n)).toBeGreaterThanOrEqual(3);
    },
  );
});
