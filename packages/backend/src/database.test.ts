import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabaseId,
  TestDatabases,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import basePlatformModule from '@internal/plugin-catalog-backend-module-base-platform';
import path from 'node:path';
import request from 'supertest';

jest.setTimeout(240_000);

// `./portal test` starts a throw-away PostgreSQL and names it here; without
// it the PostgreSQL case fails rather than being skipped.
const postgresId = (process.env.PORTAL_TEST_POSTGRES_ID ??
  'POSTGRES_15') as TestDatabaseId;
const databases = TestDatabases.create({ ids: [postgresId, 'SQLITE_3'] });

const repoRoot = path.resolve(__dirname, '../../..');

describe('the backend database', () => {
  it.each(databases.eachSupportedId())(
    'runs the catalog on %p: migrations, the BASE platform provider and queries',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const { server } = await startTestBackend({
        features: [
          catalogPlugin,
          basePlatformModule,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              catalog: {
                processingInterval: { seconds: 1 },
                providers: {
                  basePlatform: {
                    directory: path.join(repoRoot, 'examples/base-platform'),
                    schedule: {
                      frequency: { minutes: 10 },
                      timeout: { minutes: 2 },
                    },
                  },
                },
                rules: [
                  {
                    allow: [
                      'Component',
                      'Group',
                      'User',
                      'Location',
                      'System',
                      'Domain',
                      'Resource',
                    ],
                  },
                ],
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

      // The BASE platform through the provider: the counts of the architecture.
      const count = async (filter: string) => {
        const res = await request(server)
          .get(`/api/catalog/entities/by-query?limit=1&filter=${filter}`)
          .set('Authorization', mockCredentials.user.header());
        return res.body.totalItems as number;
      };
      const services =
        'kind=component,spec.type=service,metadata.annotations.base.io/module';
      const stitched = Date.now() + 120_000;
      while ((await count(services)) < 168 && Date.now() < stitched) {
        await new Promise(resolve => setTimeout(resolve, 1000));
      }
      expect({
        domains: await count('kind=domain'),
        systems: await count('kind=system,metadata.annotations.base.io/module'),
        services: await count(services),
        models: await count('kind=component,spec.type=ml-model'),
        workflows: await count('kind=component,spec.type=workflow'),
        configs: await count('kind=resource,spec.type=config'),
        prompts: await count('kind=resource,spec.type=prompt'),
      }).toEqual({
        domains: 4,
        systems: 14,
        services: 168,
        models: 70,
        workflows: 70,
        configs: 56,
        prompts: 84,
      });
    },
  );
});
