import { ConfigSources } from '@backstage/config-loader';
import fs from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../../..');

/** The `--config` arguments of the production image's command. */
function productionConfigArgs(): string[] {
  const dockerfile = fs.readFileSync(
    path.join(repoRoot, 'packages/backend/Dockerfile'),
    'utf8',
  );
  const cmd = dockerfile.match(/^CMD\s+(\[.*\])\s*$/m);
  if (!cmd) throw new Error('No CMD in packages/backend/Dockerfile');
  return JSON.parse(cmd[1]).filter(
    (_arg: string, i: number, all: string[]) => all[i - 1] === '--config',
  );
}

async function loadProductionConfig() {
  const source = ConfigSources.default({
    rootDir: repoRoot,
    argv: productionConfigArgs().flatMap(file => [
      '--config',
      path.join(repoRoot, file),
    ]),
    env: {},
    substitutionFunc: async name => `\${${name}}`,
  });
  return ConfigSources.toConfig(source);
}

describe('production config, as the production image loads it', () => {
  it('loads app-config.production.yaml alone', () => {
    expect(productionConfigArgs()).toEqual(['app-config.production.yaml']);
  });

  it('does not enable guest sign-in', async () => {
    const config = await loadProductionConfig();
    expect(config.getOptionalConfig('auth.providers.guest')).toBeUndefined();
    expect(config.getOptionalConfig('auth.providers')?.keys()).not.toContain(
      'guest',
    );
    expect(config.getString('auth.environment')).toBe('production');
    expect(config.getStringArray('app.signInProviders')).toEqual([
      'oidc',
      'github',
    ]);
    config.close();
  });

  it('signs in through the company IdP and GitHub, refusing people the catalog does not know', async () => {
    const config = await loadProductionConfig();
    const resolvers = (provider: string) =>
      config
        .getConfigArray(
          `auth.providers.${provider}.production.signIn.resolvers`,
        )
        .map(r => r.getString('resolver'));
    expect(config.getConfig('auth.providers').keys().sort()).toEqual([
      'github',
      'oidc',
    ]);
    // resolvers that look the user up in the catalog (no "allow without user")
    expect(resolvers('oidc')).toEqual(['emailMatchingUserEntityProfileEmail']);
    expect(resolvers('github')).toEqual(['usernameMatchingUserEntityName']);
    for (const provider of ['oidc', 'github']) {
      for (const r of config.getConfigArray(
        `auth.providers.${provider}.production.signIn.resolvers`,
      )) {
        expect(
          r.getOptionalBoolean('dangerouslyAllowSignInWithoutUserInCatalog'),
        ).toBeUndefined();
      }
    }
    expect(
      config.getString('auth.providers.oidc.production.clientSecret'),
    ).toBe('${AUTH_OIDC_CLIENT_SECRET}');
    config.close();
  });

  it('serves fin.vsem-svoim.com from PostgreSQL with credentials from the environment', async () => {
    const config = await loadProductionConfig();
    expect(config.getString('app.baseUrl')).toBe('https://fin.vsem-svoim.com');
    expect(config.getString('backend.baseUrl')).toBe(
      'https://fin.vsem-svoim.com',
    );
    expect(config.getString('backend.database.client')).toBe('pg');
    expect(config.getString('backend.database.connection.password')).toBe(
      '${POSTGRES_PASSWORD}',
    );
    config.close();
  });

  it('keeps the development config on SQLite with guest sign-in', async () => {
    const config = await ConfigSources.toConfig(
      ConfigSources.default({
        rootDir: repoRoot,
        argv: ['--config', path.join(repoRoot, 'app-config.yaml')],
        env: {},
        substitutionFunc: async () => 'x',
      }),
    );
    expect(config.getString('backend.database.client')).toBe('better-sqlite3');
    expect(config.getOptionalConfig('auth.providers.guest')).toBeDefined();
    config.close();
  });

  it('marks scaffolder tasks of a dead replica failed (stale-task timeout)', async () => {
    const config = await loadProductionConfig();
    expect(config.getConfig('scaffolder.taskTimeout').get()).toEqual({
      minutes: 2,
    });
    expect(
      config.getConfig('scaffolder.taskTimeoutJanitorFrequency').get(),
    ).toEqual({ minutes: 1 });
    config.close();
  });

  it('builds the image in stages from the repository, without example data', () => {
    const dockerfile = fs.readFileSync(
      path.join(repoRoot, 'packages/backend/Dockerfile'),
      'utf8',
    );
    const stages = dockerfile.match(/^FROM\s+\S+(\s+AS\s+\S+)?$/gm) ?? [];
    expect(stages).toEqual([
      'FROM node:22-bookworm-slim AS base',
      'FROM node:22-bookworm-slim AS packages',
      'FROM base AS build',
      'FROM base',
    ]);
    // the final stage copies the build stage's bundle, nothing from the host build
    const final = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(final).toMatch(/COPY --from=build .*dist\/bundle/);
    const copied = final
      .split('\n')
      .filter(line => line.startsWith('COPY '))
      .join('\n');
    expect(copied).not.toMatch(/examples/);
    expect(copied).not.toMatch(/app-config\.yaml/);
    // TechDocs: Debian's mkdocs in the stage the image is built from, and
    // the docs of the portal entity (catalog-info.yaml's dir:.)
    const first = dockerfile.indexOf('\nFROM ');
    const base = dockerfile.slice(
      first,
      dockerfile.indexOf('\nFROM ', first + 1),
    );
    expect(base).toMatch(/apt-get install [^\n]*\bmkdocs\b/);
    expect(copied).toMatch(/COPY [^\n]*\bmkdocs\.yml\b/);
    expect(copied).toMatch(/COPY [^\n]* docs \.\/docs$/m);
  });

  it('keeps the sources the build stage compiles in the Docker context', () => {
    const ignored = fs
      .readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8')
      .split('\n')
      .map(line => line.trim())
      .filter(line => line && !line.startsWith('#'));
    for (const needed of [
      'plugins',
      'packages/*/src',
      'plugins/*/src',
      'docs',
      'mkdocs.yml',
      'templates',
      'config',
    ]) {
      expect([needed, ignored.includes(needed)]).toEqual([needed, false]);
    }
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.git']));
  });

  it('builds TechDocs with the image’s mkdocs, without the techdocs-core plugin it lacks', async () => {
    const config = await loadProductionConfig();
    expect(config.getConfig('techdocs').get()).toMatchObject({
      builder: 'local',
      generator: { runIn: 'local', mkdocs: { omitTechdocsCorePlugin: true } },
    });
    config.close();
  });
});
