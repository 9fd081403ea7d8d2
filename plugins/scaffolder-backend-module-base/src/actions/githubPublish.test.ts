/*
 * Production's path: the module the templates render, published as a pull
 * request on the platform repository by publish:github:pull-request (the
 * action the base-module template runs when base.scaffolder.publish is
 * "github"), against an msw-mocked GitHub API.
 */
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createPublishGithubPullRequestAction } from '@backstage/plugin-scaffolder-backend-module-github';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { withDefaults } from '@internal/plugin-base-platform-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { renderModule } from '../render/renderModule';
import { writeFiles } from './files';

const API = 'https://api.github.com';
const REPO = `${API}/repos/vsem-svoim/base-app-layer`;

describe('publishing a new module as a GitHub pull request', () => {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterAll(() => server.close());

  it('opens one pull request against main with every file of the module', async () => {
    const seen = {
      tree: [] as string[],
      ref: undefined as any,
      pull: undefined as any,
      auth: new Set<string>(),
    };
    let blobs = 0;
    server.use(
      http.all(`${API}/*`, ({ request }) => {
        seen.auth.add(request.headers.get('authorization') ?? '');
        return undefined as any; // fall through to the handlers below
      }),
      http.get(REPO, () =>
        HttpResponse.json({
          default_branch: 'main',
          permissions: { push: true },
        }),
      ),
      http.get(`${REPO}/commits`, () =>
        HttpResponse.json([{ sha: 'c0', commit: { tree: { sha: 't0' } } }]),
      ),
      http.post(`${REPO}/git/blobs`, () =>
        HttpResponse.json({ sha: `b${++blobs}` }),
      ),
      http.post(`${REPO}/git/trees`, async ({ request }) => {
        const body = (await request.json()) as any;
        seen.tree.push(...body.tree.map((t: any) => t.path));
        return HttpResponse.json({ sha: 't1' });
      }),
      http.post(`${REPO}/git/commits`, () => HttpResponse.json({ sha: 'c1' })),
      http.post(`${API}/graphql`, () =>
        HttpResponse.json({ data: { repository: { ref: null } } }),
      ),
      http.post(`${REPO}/git/refs`, async ({ request }) => {
        seen.ref = await request.json();
        return HttpResponse.json({ ref: seen.ref.ref });
      }),
      http.post(`${REPO}/pulls`, async ({ request }) => {
        seen.pull = await request.json();
        return HttpResponse.json({
          number: 7,
          html_url: 'https://github.com/vsem-svoim/base-app-layer/pull/7',
          head: { ref: seen.pull.head },
          base: { ref: seen.pull.base },
        });
      }),
    );

    // what base:module:render writes into the workspace
    const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'base-pr-'));
    const files = renderModule(
      withDefaults({
        moduleName: 'risk_analytics',
        domain: 'processing-analytics',
        owner: 'group:default/processing-analytics-team',
      }),
    );
    await writeFiles(workspace, files);

    // the publish-pr step of the template, with the production config's repository
    const template = parse(
      fs.readFileSync(
        path.resolve(
          __dirname,
          '../../../../templates/base-module/template.yaml',
        ),
        'utf8',
      ),
    );
    const step = template.spec.steps.find((s: any) => s.id === 'publish-pr');
    expect(step.action).toBe('publish:github:pull-request');

    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [{ host: 'github.com', token: 'test-token' }] },
      }),
    );
    const action = createPublishGithubPullRequestAction({
      integrations,
      config: new ConfigReader({}),
    });
    const outputs: Record<string, unknown> = {};
    const ctx = createMockActionContext({
      input: {
        repoUrl: 'github.com?owner=vsem-svoim&repo=base-app-layer',
        targetBranchName: 'main',
        branchName: 'add-module-risk_analytics',
        title: 'Add module risk_analytics',
        description: 'New BASE module risk_analytics',
      },
      workspacePath: workspace,
    }) as any;
    ctx.output.mockImplementation((name: string, value: unknown) => {
      outputs[name] = value;
    });
    await action.handler(ctx);

    expect(outputs.remoteUrl).toBe(
      'https://github.com/vsem-svoim/base-app-layer/pull/7',
    );
    expect(seen.pull).toMatchObject({
      title: 'Add module risk_analytics',
      head: 'vsem-svoim:add-module-risk_analytics',
      base: 'main',
    });
    expect(seen.ref).toMatchObject({
      ref: 'refs/heads/add-module-risk_analytics',
      sha: 'c1',
    });
    expect([...seen.tree].sort()).toEqual(files.map(f => f.path).sort());
    expect(seen.auth).toEqual(new Set(['token test-token']));
  });
});
