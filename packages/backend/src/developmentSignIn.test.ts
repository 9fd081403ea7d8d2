/*
 * The guest cannot reach production: a backend with NODE_ENV=production and a
 * development sign-in (guest, member) refuses to start, also with the usual
 * invocation that merges app-config.yaml and app-config.production.yaml; in
 * development, `member` signs in as an ordinary person of the catalog.
 */
import { ConfigSources } from '@backstage/config-loader';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import path from 'node:path';
import request from 'supertest';
import {
  assertNoDevelopmentSignIn,
  developmentSignInModule,
} from './modules/developmentSignIn';

jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../../..');

/** The config the given files make, merged as `--config a --config b` does. */
async function load(...files: string[]) {
  const config = await ConfigSources.toConfig(
    ConfigSources.default({
      rootDir: ROOT,
      argv: files.flatMap(f => ['--config', path.join(ROOT, f)]),
      env: {},
      substitutionFunc: async name => `x-${name}`,
    }),
  );
  const data = config.get<Record<string, any>>();
  config.close();
  return data;
}

const withNodeEnv = async <T>(value: string, fn: () => Promise<T>) => {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = value;
  try {
    return await fn();
  } finally {
    process.env.NODE_ENV = before;
  }
};

describe('development sign-in', () => {
  it('is refused in production, also with both config files merged', async () => {
    const merged = await load('app-config.yaml', 'app-config.production.yaml');
    expect(Object.keys(merged.auth.providers)).toEqual(
      expect.arrayContaining(['guest', 'member', 'oidc', 'github']),
    );
    // the production database settings aside (placeholders here)
    delete merged.backend.database;
    await withNodeEnv('production', async () => {
      await expect(
        startTestBackend({
          features: [
            authPlugin,
            guestProvider,
            developmentSignInModule,
            mockServices.rootConfig.factory({ data: merged }),
          ],
        }),
      ).rejects.toThrow(
        /Refusing to start: auth.providers.guest, auth.providers.member is a development sign-in and NODE_ENV is production/,
      );
    });
  });

  it('leaves production alone without it, and development with it', async () => {
    const production = await load('app-config.production.yaml');
    expect(() =>
      assertNoDevelopmentSignIn(
        Object.keys(production.auth.providers),
        'production',
      ),
    ).not.toThrow();
    expect(() =>
      assertNoDevelopmentSignIn(['guest', 'member'], 'development'),
    ).not.toThrow();
    expect(() => assertNoDevelopmentSignIn(['guest'], 'production')).toThrow(
      /auth.providers.guest/,
    );
  });

  it('has no guest that would work outside development (no dangerouslyAllowOutsideDevelopment)', async () => {
    const development = await load('app-config.yaml');
    expect(
      development.auth.providers.guest.dangerouslyAllowOutsideDevelopment,
    ).toBeUndefined();
  });

  const startMember = (nodeEnv: string) =>
    withNodeEnv(nodeEnv, () =>
      startTestBackend({
        features: [
          authPlugin,
          catalogPlugin,
          developmentSignInModule,
          mockServices.rootConfig.factory({
            data: {
              app: { baseUrl: 'http://localhost:3000' },
              auth: {
                providers: {
                  member: { userEntityRef: 'user:default/boris.petrov' },
                },
              },
              catalog: {
                rules: [{ allow: ['User', 'Group'] }],
                locations: [
                  {
                    type: 'file',
                    target: path.join(ROOT, 'examples/org.yaml'),
                  },
                ],
              },
            },
          }),
        ],
      }),
    );
  const refresh = (server: any) =>
    request(server)
      .get('/api/auth/member/refresh')
      .set('X-Requested-With', 'XMLHttpRequest');

  it('signs member in as an ordinary person of the catalog in development', async () => {
    const backend = await startMember('development');
    const { server } = backend;
    try {
      let res = await refresh(server);
      // the catalog reads org.yaml in the background
      for (let i = 0; i < 60 && res.status !== 200; i++) {
        await new Promise(r => setTimeout(r, 500));
        res = await refresh(server);
      }
      expect(res.status).toBe(200);
      expect(res.body.backstageIdentity.identity).toEqual({
        type: 'user',
        userEntityRef: 'user:default/boris.petrov',
        ownershipEntityRefs: expect.arrayContaining([
          'group:default/data-foundation-team',
          'user:default/boris.petrov',
        ]),
      });
      expect(
        res.body.backstageIdentity.identity.ownershipEntityRefs,
      ).not.toContain('group:default/platform-team');
    } finally {
      await backend.stop();
    }
  });

  it('refuses the member sign-in outside development', async () => {
    const backend = await startMember('test');
    const { server } = backend;
    try {
      const res = await refresh(server);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/development only/);
    } finally {
      await backend.stop();
    }
  });
});
