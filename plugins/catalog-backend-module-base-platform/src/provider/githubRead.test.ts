/*
 * The production read path: the provider reads the platform repository at a
 * GitHub URL through the UrlReader (GithubUrlReader: commit status, then the
 * tarball), against an msw-served GitHub API holding the example tree.
 */
import { mockServices } from '@backstage/backend-test-utils';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ConfigReader } from '@backstage/config';
import type { EntityProviderConnection } from '@backstage/plugin-catalog-node';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { BasePlatformEntityProvider } from './BasePlatformEntityProvider';

const SHA = 'e70a99e0000000000000000000000000000000aa';
const API = 'https://api.github.com/repos/vsem-svoim/base-app-layer';
const EXAMPLE = path.resolve(__dirname, '../../../../examples/base-platform');

/** The example tree as GitHub's tarball serves it: one top folder `<owner>-<repo>-<sha>/`. */
function tarball(truncate = false): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gh-archive-'));
  const top = `vsem-svoim-base-app-layer-${SHA.slice(0, 7)}`;
  fs.cpSync(EXAMPLE, path.join(dir, top), { recursive: true });
  const archive = path.join(dir, 'archive.tar.gz');
  execFileSync('tar', ['-czf', archive, '-C', dir, top]);
  const bytes = fs.readFileSync(archive);
  fs.rmSync(dir, { recursive: true, force: true });
  return truncate ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes;
}

describe('reading the platform repository from GitHub', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const serve = (archive: () => Response) =>
    server.use(
      http.get(`${API}/commits/main/status`, () =>
        HttpResponse.json({
          sha: SHA,
          repository: {
            full_name: 'vsem-svoim/base-app-layer',
            archive_url: `${API}/{archive_format}{/ref}`,
          },
        }),
      ),
      http.get(`${API}/tarball/${SHA}`, archive),
    );

  function provider() {
    const config = new ConfigReader({
      integrations: { github: [{ host: 'github.com', token: 'test-token' }] },
    });
    const reader = UrlReaders.default({
      config,
      logger: mockServices.logger.mock(),
    });
    const connection: jest.Mocked<EntityProviderConnection> = {
      applyMutation: jest.fn(),
      refresh: jest.fn(),
    };
    const p = new BasePlatformEntityProvider({
      config: {
        source: {
          type: 'url',
          url: 'https://github.com/vsem-svoim/base-app-layer/tree/main',
        },
        schedule: { frequency: { minutes: 2 }, timeout: { minutes: 5 } },
        parse: {},
      },
      logger: mockServices.logger.mock(),
      reader,
      taskRunner: { run: jest.fn() },
    });
    return { p, connection };
  }

  it('applies the whole platform in one full mutation', async () => {
    const bytes = tarball();
    serve(
      () =>
        new HttpResponse(bytes, {
          headers: { 'content-type': 'application/x-gzip' },
        }) as any,
    );
    const { p, connection } = provider();
    await p.connect(connection);
    const result = await p.refresh();
    expect(connection.applyMutation).toHaveBeenCalledTimes(1);
    const { entities } = connection.applyMutation.mock.calls[0][0] as any;
    const services = entities.filter(
      (e: any) =>
        e.entity.kind === 'Component' &&
        e.entity.spec.type === 'service' &&
        e.entity.metadata.annotations['base.io/module'],
    );
    expect(services).toHaveLength(168);
    const collector = services.find(
      (e: any) =>
        e.entity.metadata.name === 'base-data-ingestion-agent-data-collector',
    ).entity;
    expect(collector.metadata.annotations).toMatchObject({
      'base.io/health-paths': '/health/live,/health/ready,/health/startup',
      'base.io/spec-file':
        'data_ingestion/agents/base-data-ingestion-agent-data-collector.yaml',
      'backstage.io/managed-by-location':
        'url:https://github.com/vsem-svoim/base-app-layer/tree/main',
    });
    expect(result.findings).toBe(10);
  });

  it('applies nothing when GitHub fails or the archive is cut short', async () => {
    serve(() => new HttpResponse('upstream error', { status: 502 }) as any);
    const failing = provider();
    await failing.p.connect(failing.connection);
    await expect(failing.p.refresh()).rejects.toThrow();
    expect(failing.connection.applyMutation).not.toHaveBeenCalled();

    const half = tarball(true);
    serve(
      () =>
        new HttpResponse(half, {
          headers: { 'content-type': 'application/x-gzip' },
        }) as any,
    );
    const partial = provider();
    await partial.p.connect(partial.connection);
    await expect(partial.p.refresh()).rejects.toThrow();
    expect(partial.connection.applyMutation).not.toHaveBeenCalled();
  });
});
