import { test, expect, APIRequestContext } from '@playwright/test';
import { validateRendered } from '@internal/platform-sandbox';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';
import { reloadUntil } from './sandbox';
import { signInAsGuest } from './signIn';

const exec = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');

// a module run, the catalog and the sandbox picking it up
test.setTimeout(180_000);

async function authorization(request: APIRequestContext) {
  const res = await request.get('/api/auth/guest/refresh?env=development', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  return {
    Authorization: `Bearer ${(await res.json()).backstageIdentity.token}`,
  };
}

const template = (name: string) =>
  parse(
    fs.readFileSync(path.join(ROOT, `templates/${name}/template.yaml`), 'utf8'),
  );

/** Writes a dry run's files to a folder. */
function writeOut(contents: Array<{ path: string; base64Content: string }>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dry-run-'));
  for (const f of contents) {
    fs.mkdirSync(path.dirname(path.join(dir, f.path)), { recursive: true });
    fs.writeFileSync(
      path.join(dir, f.path),
      Buffer.from(f.base64Content, 'base64'),
    );
  }
  return dir;
}

const OWNER = 'group:default/processing-analytics-team';

test('dry run of base-module: its files by the convention, rendered by kustomize, every object valid', async ({
  request,
}) => {
  const res = await request.post('/api/scaffolder/v2/dry-run', {
    headers: await authorization(request),
    data: {
      template: template('base-module'),
      values: {
        moduleName: 'dry_run_check',
        domain: 'distribution-control',
        owner: OWNER,
      },
      secrets: {},
      directoryContents: [],
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  const body = await res.json();
  const files: string[] = body.directoryContents.map((f: any) => f.path).sort();
  // API callers get the standard components without naming them
  expect(
    files.filter(f =>
      /^dry_run_check\/agents\/base-dry-run-check-agent-[a-z-]+\.yaml$/.test(f),
    ),
  ).toHaveLength(6);
  expect(
    files.filter(f =>
      /^dry_run_check\/prompts\/base-dry-run-check-prompt-[a-z-]+\.yaml$/.test(
        f,
      ),
    ),
  ).toHaveLength(6);
  expect(files).toContain('dry_run_check/kustomization.yaml');
  const APPLICATIONSET =
    'platform-services-v2/automation/gitops/applicationsets/base-layer-apps.yaml';
  expect(files).toContain(APPLICATIONSET);
  const dir = writeOut(body.directoryContents);
  const { stdout } = await exec('kubectl', [
    'kustomize',
    path.join(dir, 'dry_run_check'),
  ]);
  // the base.io/v1 custom resources have no schema here; the rest is validated
  const objects = validateRendered(stdout, [
    'Model',
    'Orchestrator',
    'Workflow',
    'Config',
  ]);
  expect(objects.filter(o => o.kind === 'Deployment')).toHaveLength(12);
  // the module's element of the module ApplicationSet, in its domain's wave
  const set = parse(fs.readFileSync(path.join(dir, APPLICATIONSET), 'utf8'));
  expect(
    set.spec.generators[0].list.elements.find(
      (e: any) => e.module === 'dry_run_check',
    )?.wave,
  ).toBe('7');
  // nothing was published: the dry run skips the publisher
  expect(JSON.stringify(body.log)).toContain('base:publish:local');
});

test('dry run of base-component: an agent added to data_ingestion, its kustomization updated in place', async ({
  request,
}) => {
  const res = await request.post('/api/scaffolder/v2/dry-run', {
    headers: await authorization(request),
    data: {
      template: template('base-component'),
      values: {
        module: 'system:default/base-data-ingestion',
        componentType: 'agent',
        descriptor: 'dry-run-agent',
      },
      secrets: {},
      directoryContents: [],
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  const body = await res.json();
  const files: string[] = body.directoryContents.map((f: any) => f.path).sort();
  // the agent's own multi-document manifest and its folder's kustomization
  expect(files).toEqual([
    'data_ingestion/agents/base-data-ingestion-agent-dry-run-agent.yaml',
    'data_ingestion/agents/kustomization.yaml',
  ]);
  // laid over the platform tree's agents folder, it builds: the six agents and the new one
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dry-run-tree-'));
  fs.cpSync(
    path.join(process.env.PLATFORM_DIR!, 'data_ingestion/agents'),
    path.join(dir, 'data_ingestion/agents'),
    { recursive: true },
  );
  for (const f of body.directoryContents)
    fs.writeFileSync(
      path.join(dir, f.path),
      Buffer.from(f.base64Content, 'base64'),
    );
  const kustomization = parse(
    fs.readFileSync(
      path.join(dir, 'data_ingestion/agents/kustomization.yaml'),
      'utf8',
    ),
  );
  expect(kustomization.resources).toContain(
    'base-data-ingestion-agent-dry-run-agent.yaml',
  );
  expect(kustomization.resources).toHaveLength(7);
  const { stdout } = await exec('kubectl', [
    'kustomize',
    path.join(dir, 'data_ingestion/agents'),
  ]);
  const deployments = validateRendered(stdout)
    .filter(o => o.kind === 'Deployment')
    .map(o => o.metadata.name);
  expect(deployments).toHaveLength(7);
  expect(deployments).toContain('base-data-ingestion-agent-dry-run-agent');
});

test.describe('refused with the reason through the scaffolder API', () => {
  const cases: Array<[string, Record<string, unknown>, RegExp]> = [
    [
      'upper case',
      { moduleName: 'Risk_Analytics' },
      /moduleName: use lower case only/,
    ],
    [
      'a "-"',
      { moduleName: 'risk-analytics' },
      /contains "-": module folders use "_"/,
    ],
    ['a space', { moduleName: 'risk analytics' }, /contains a space/],
    ['a path', { moduleName: '../x' }, /"\.\.\/x" must not contain/],
    [
      'an object name over 63 characters',
      { moduleName: 'risk_analytics_and_exposure_management_for_trading' },
      /Kubernetes object names are at most 63/,
    ],
    [
      'an existing module',
      { moduleName: 'data_ingestion' },
      /system:default\/base-data-ingestion already exists in the catalog/,
    ],
    [
      'a duplicate descriptor',
      { moduleName: 'risk_analytics', agents: ['collector', 'collector'] },
      /duplicate agent descriptor "collector"/,
    ],
  ];
  for (const [what, values, message] of cases) {
    test(what, async ({ request }) => {
      const headers = await authorization(request);
      const created = await request.post('/api/scaffolder/v2/tasks', {
        headers,
        data: {
          templateRef: 'template:default/base-module',
          values: { domain: 'processing-analytics', owner: OWNER, ...values },
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      const { id } = await created.json();
      let task: any;
      await expect(async () => {
        task = await (
          await request.get(`/api/scaffolder/v2/tasks/${id}`, { headers })
        ).json();
        expect(task.status).toBe('failed');
      }).toPass({ timeout: 30_000 });
      const events = await (
        await request.get(`/api/scaffolder/v2/tasks/${id}/events`, { headers })
      ).json();
      const log = events.map((e: any) => e.body?.message ?? '').join('\n');
      expect(log).toMatch(message);
      // refused at the first step: nothing written
      expect(log).not.toContain('Write the module');
    });
  }
});

test('New BASE module in the browser: refused names in the form, then risk_analytics lands in the catalog and the sandbox', async ({
  page,
  request,
}, testInfo) => {
  // a retry cannot make risk_analytics again: the first attempt may have
  const folder = testInfo.retry
    ? `risk_analytics_r${testInfo.retry}`
    : 'risk_analytics';
  const slug = folder.replace(/_/g, '-');
  const title = testInfo.retry
    ? `Risk Analytics R${testInfo.retry}`
    : 'Risk Analytics';
  await signInAsGuest(page, '/create/templates/default/base-module');
  await page.getByLabel('Domain').click();
  await page
    .getByRole('option', { name: 'Processing & Analytics (wave 5)' })
    .click();
  await page.getByLabel('Owner').fill('processing');
  await page
    .getByRole('option', { name: /processing-analytics-team|Processing/ })
    .first()
    .click();
  const name = page.getByLabel('Module name');
  await name.fill('Risk-Analytics');
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(page.getByText('use lower case only').first()).toBeVisible();
  await expect(
    page.getByText(/contains "-": module folders use "_"/).first(),
  ).toBeVisible();
  await name.fill('data_ingestion');
  await page.getByRole('button', { name: 'Review' }).click();
  await expect(
    page
      .getByText(
        'system:default/base-data-ingestion already exists in the catalog',
      )
      .first(),
  ).toBeVisible();
  await name.fill(folder);
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('The new module')).toBeVisible({
    timeout: 60_000,
  });
  await page.getByText('The new module').click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/system/base-${slug}`),
  );
  // the catalog processes the new entities in a few seconds; the page does not refetch
  await reloadUntil(
    page,
    () =>
      expect(page.getByRole('heading', { name: title }).first()).toBeVisible(),
    90_000,
  );

  // 12 services: 6 agents, 5 orchestrators and the model server
  const headers = await authorization(request);
  await expect(async () => {
    const res = await request.get(
      `/api/catalog/entities/by-query?filter=kind=component,spec.type=service,spec.system=base-${slug}&limit=50`,
      { headers },
    );
    expect((await res.json()).totalItems).toBe(12);
  }).toPass({ timeout: 60_000 });

  if (process.env.SANDBOX_CONTROL_URL) {
    const reload = await request.post(
      `${process.env.SANDBOX_CONTROL_URL}/control/reload`,
    );
    expect((await reload.json()).modules).toBeGreaterThanOrEqual(15);
  }

  // New component: an agent in the new module
  await page.goto('/create/templates/default/base-component');
  await page.getByLabel('Module').fill(title);
  await page.getByRole('option', { name: title }).first().click();
  await page.getByLabel('Descriptor').fill('exposure-calculator');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('The new component')).toBeVisible({
    timeout: 60_000,
  });
  await expect(async () => {
    const res = await request.get(
      `/api/catalog/entities/by-name/component/default/base-${slug}-agent-exposure-calculator`,
      { headers },
    );
    expect(res.status()).toBe(200);
  }).toPass({ timeout: 60_000 });
});
