import { test, expect, Page } from '@playwright/test';
import { signInAsGuest } from './signIn';
import { setScenario, needsSandbox, reloadUntil } from './sandbox';

/*
 * Resilience: ArgoCD and both clusters answer only after 6 s (the sandbox's
 * `slow`), past every 5 s timeout of the portal. Each page still renders,
 * each affected card says which upstream did not answer in time, unaffected
 * cards keep working, and everything recovers by itself.
 */
test.setTimeout(360_000);

test.afterEach(async ({ request }) => {
  if (process.env.SANDBOX_CONTROL_URL) await setScenario(request, 'healthy');
});

const COLLECTOR =
  '/catalog/default/component/base-data-ingestion-agent-data-collector';
const TIMED_OUT = 'did not answer within 5 s';

/** Reloads until a card says the dev cluster did not answer in time. */
const clusterTimedOut = (page: Page) =>
  reloadUntil(
    page,
    () =>
      expect(
        page
          .getByText(
            new RegExp(`cluster base-app-layer-dev: GET .* ${TIMED_OUT}`),
          )
          .first(),
      ).toBeVisible({ timeout: 15_000 }),
    90_000,
  );

test('slow: every page renders, each affected card names the upstream that timed out, and all recovers', async ({
  page,
  request,
}) => {
  needsSandbox();
  await signInAsGuest(page, `${COLLECTOR}/deploy`);
  await expect(page.getByText('Application data-ingestion')).toBeVisible({
    timeout: 30_000,
  });
  await setScenario(request, 'slow');

  // Deploy: ArgoCD named, the last good Application kept under the error
  await reloadUntil(
    page,
    () =>
      expect(
        page
          .getByText(
            new RegExp(`ArgoCD at http://127\\.0\\.0\\.1:\\d+ ${TIMED_OUT}`),
          )
          .first(),
      ).toBeVisible({ timeout: 15_000 }),
    90_000,
  );
  await expect(
    page.getByText('Application data-ingestion', { exact: true }),
  ).toBeVisible();

  // Health: the warning-events card names the cluster
  await page.goto(`${COLLECTOR}/health`);
  await clusterTimedOut(page);
  await expect(page.getByText('API status', { exact: true })).toBeVisible();

  // Capacity: the cluster named, the page still drawn
  await page.goto('/capacity?cluster=base-app-layer-dev');
  await clusterTimedOut(page);

  // Throughput reads Prometheus, which is not slow: it keeps working
  await page.goto(COLLECTOR);
  await expect(
    page
      .getByRole('region', { name: 'Throughput', exact: true })
      .getByLabel('GB per hour now'),
  ).toContainText('GB/h', { timeout: 30_000 });

  // back to healthy: the Deploy tab recovers without anyone doing anything
  await setScenario(request, 'healthy');
  await page.goto(`${COLLECTOR}/deploy`);
  await reloadUntil(page, async () => {
    await expect(
      page.getByRole('table', { name: 'ArgoCD Application' }),
    ).toContainText('Synced', { timeout: 10_000 });
    await expect(page.getByText(new RegExp(TIMED_OUT))).toHaveCount(0);
  });
});
