import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';
import { setScenario, needsSandbox, reloadUntil } from './sandbox';

test.afterEach(async ({ request }) => {
  if (process.env.SANDBOX_CONTROL_URL) await setScenario(request, 'healthy');
});

test('the wave board shows waves 0-7 synced and healthy', async ({ page }) => {
  await signInAsGuest(page, '/sync-waves');
  await expect(
    page.getByRole('heading', { name: 'Sync waves', level: 1 }),
  ).toBeVisible();
  for (const wave of [0, 1, 2, 3, 4, 5, 6, 7]) {
    await expect(
      page.getByRole('region', { name: `Wave ${wave}` }),
    ).toBeVisible();
  }
  await expect(page.getByRole('region', { name: 'Wave 4' })).toContainText(
    'data-ingestion: Synced / Healthy',
  );
  await expect(page.getByText(/Blocked by wave/)).toHaveCount(0);
});

test('with wave-blocked, the board names the blocked waves and their blocker', async ({
  page,
  request,
}) => {
  needsSandbox();
  await setScenario(request, 'wave-blocked');
  await signInAsGuest(page, '/sync-waves');
  // the backend serves one list per TTL: reload until the next read shows
  await reloadUntil(page, () =>
    expect(page.getByRole('region', { name: 'Wave 5' })).toContainText(
      'Blocked by wave 4: data-ingestion',
      { timeout: 5_000 },
    ),
  );
  await expect(page.getByRole('region', { name: 'Wave 4' })).toContainText(
    'data-ingestion: OutOfSync / Degraded',
  );
});

test('with ArgoCD down, the board says ArgoCD is unreachable', async ({
  page,
  request,
}) => {
  needsSandbox();
  await setScenario(request, 'down');
  await signInAsGuest(page, '/sync-waves');
  await reloadUntil(page, () =>
    expect(
      page
        .getByText(/ArgoCD at http:\/\/127\.0\.0\.1:\d+ is unreachable/)
        .first(),
    ).toBeVisible({ timeout: 5_000 }),
  );
});
