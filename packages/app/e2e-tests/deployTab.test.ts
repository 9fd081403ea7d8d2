import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';
import { setScenario, needsSandbox, reloadUntil } from './sandbox';

test.afterEach(async ({ request }) => {
  if (process.env.SANDBOX_CONTROL_URL) await setScenario(request, 'healthy');
});

const COLLECTOR =
  '/catalog/default/component/base-data-ingestion-agent-data-collector/deploy';

test("a service's Deploy tab shows its Application synced and healthy, and its own objects", async ({
  page,
}) => {
  // the guest's sync decision, asked of the real policy for the module's System
  const decision = page.waitForResponse(
    res =>
      res.url().includes('/api/permission/authorize') &&
      res.request().postData()?.includes('sync-waves.application.sync') ===
        true,
  );
  await signInAsGuest(page, COLLECTOR);
  const app = page.getByRole('table', { name: 'ArgoCD Application' });
  await expect(app).toContainText('Synced', { timeout: 60_000 });
  await expect(app).toContainText('Healthy');
  await expect(
    app.getByRole('row').filter({ hasText: 'Sync wave' }),
  ).toContainText('4');
  await expect(
    app.getByRole('row').filter({ hasText: 'Revision' }),
  ).toContainText(/[0-9a-f]{12}/);
  await expect(
    page.getByRole('cell', {
      name: 'base-data-collector-service',
      exact: true,
    }),
  ).toBeVisible();
  await expect(
    page.getByRole('cell', { name: 'HorizontalPodAutoscaler', exact: true }),
  ).toBeVisible();

  // Roadie's cards, through Roadie's backend: the Application and its history
  await expect(
    page.getByRole('heading', { name: 'ArgoCD overview' }),
  ).toBeVisible();
  await expect(
    page.getByRole('row', { name: /^data-ingestion argocd Synced Healthy/ }),
  ).toBeVisible({ timeout: 30_000 });
  await expect(
    page.getByRole('heading', { name: 'ArgoCD history' }),
  ).toBeVisible();
  await expect(
    page
      .getByRole('row', {
        name: /^data-ingestion argocd Deployed at .*[0-9a-f]{40}/,
      })
      .first(),
  ).toBeVisible({ timeout: 30_000 });

  // the development guest is a member of platform-team (app-config.yaml):
  // the real policy allows, and Sync is offered (the refusals of everyone
  // else are covered by the policy's and sync-waves' tests)
  const res = await decision;
  expect(JSON.stringify(await res.json())).toContain('ALLOW');
  await expect(
    page.getByRole('button', { name: 'Sync data-ingestion' }),
  ).toBeVisible();
});

test('degraded: the module shows OutOfSync/Degraded and the failing Deployment', async ({
  page,
  request,
}) => {
  needsSandbox();
  await setScenario(request, 'degraded');
  await signInAsGuest(
    page,
    '/catalog/default/component/base-data-quality-agent-anomaly-detector/deploy',
  );
  await reloadUntil(page, () =>
    expect(
      page.getByRole('table', { name: 'ArgoCD Application' }),
    ).toContainText('OutOfSync', { timeout: 5_000 }),
  );
  await expect(
    page.getByRole('table', { name: 'ArgoCD Application' }),
  ).toContainText('Degraded');
  await expect(page.getByText(/CrashLoopBackOff/).first()).toBeVisible();
});

test('down: the Deploy tab still renders and says ArgoCD is unreachable', async ({
  page,
  request,
}) => {
  needsSandbox();
  await setScenario(request, 'down');
  await signInAsGuest(page, COLLECTOR);
  await reloadUntil(page, () =>
    expect(
      page
        .getByText(/ArgoCD at http:\/\/127\.0\.0\.1:\d+ is unreachable/)
        .first(),
    ).toBeVisible({ timeout: 5_000 }),
  );
  // the tab renders the last good data, marked with the error above it
  await expect(
    page.getByText('Application data-ingestion', { exact: true }),
  ).toBeVisible();
  // Roadie's cards still render, each marked with the failure
  await expect(
    page.getByText(/is unreachable.*The card below cannot show current data/),
  ).toHaveCount(2);
});
