import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';
import { setScenario } from './sandbox';

test.afterEach(async ({ request }) => {
  if (process.env.SANDBOX_CONTROL_URL) await setScenario(request, 'healthy');
});

const COLLECTOR =
  '/catalog/default/component/base-data-ingestion-agent-data-collector/deploy';

test("a service's Deploy tab shows its Application synced and healthy, and its own objects", async ({
  page,
}) => {
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
});

test('degraded: the module shows OutOfSync/Degraded and the failing Deployment', async ({
  page,
  request,
}) => {
  test.skip(
    !process.env.SANDBOX_CONTROL_URL,
    'needs the sandbox started by ./portal test',
  );
  await setScenario(request, 'degraded');
  await signInAsGuest(
    page,
    '/catalog/default/component/base-data-quality-agent-anomaly-detector/deploy',
  );
  await expect(async () => {
    await page.reload();
    await expect(
      page.getByRole('table', { name: 'ArgoCD Application' }),
    ).toContainText('OutOfSync', { timeout: 5_000 });
  }).toPass({ timeout: 60_000, intervals: [5_000] });
  await expect(
    page.getByRole('table', { name: 'ArgoCD Application' }),
  ).toContainText('Degraded');
  await expect(page.getByText(/CrashLoopBackOff/).first()).toBeVisible();
});

test('down: the Deploy tab still renders and says ArgoCD is unreachable', async ({
  page,
  request,
}) => {
  test.skip(
    !process.env.SANDBOX_CONTROL_URL,
    'needs the sandbox started by ./portal test',
  );
  await setScenario(request, 'down');
  await signInAsGuest(page, COLLECTOR);
  await expect(async () => {
    await page.reload();
    await expect(
      page
        .getByText(/ArgoCD at http:\/\/127\.0\.0\.1:\d+ is unreachable/)
        .first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000, intervals: [5_000] });
  // the tab renders the last good data, marked with the error above it
  await expect(
    page.getByText('Application data-ingestion', { exact: true }),
  ).toBeVisible();
});
