import { test, expect, Page } from '@playwright/test';
import { signInAsMember } from './signIn';
import { needsSandbox, reloadUntil, setScenario } from './sandbox';

/*
 * The availability budget's alert reaching its owner in the browser. The
 * end-to-end config shortens the fast-burn rule's windows to 2 and 1
 * minutes (apiStatus.errorBudget in scripts/portal-test.sh), so an incident
 * opens and ends within the test; the arithmetic at real sizes is the
 * table tests' (errorBudget.test.ts, BurnRateAlerts.test.ts). With such
 * windows the earlier tests' scenarios (down, slow) notify too, so the
 * notifications page is filtered to the service, as a person would.
 */
test.describe.configure({ timeout: 300_000 });

test.afterEach(async ({ request }) => {
  if (process.env.SANDBOX_CONTROL_URL) await setScenario(request, 'healthy');
});

const DETECTOR = 'base-data-quality-agent-anomaly-detector';

/** The notifications page filtered to the detector, until `text` shows. */
const untilNotified = (page: Page, text: string, timeout: number) =>
  reloadUntil(
    page,
    async () => {
      await page.getByPlaceholder('Filter').fill(DETECTOR);
      await expect(page.getByText(text)).toBeVisible({ timeout: 3_000 });
    },
    timeout,
  );

test("degraded: the module's owner group is notified of the burning budget, then of its end", async ({
  page,
  request,
}) => {
  needsSandbox();
  // boris.petrov is in data-foundation-team, which owns data-quality
  await signInAsMember(page, '/notifications');
  await setScenario(request, 'degraded');
  await untilNotified(page, `${DETECTOR}: error budget burning`, 150_000);
  // one notification per incident: no second one while it lasts
  await expect(page.getByText(`${DETECTOR}: error budget burning`)).toHaveCount(
    1,
  );

  await setScenario(request, 'healthy');
  await untilNotified(
    page,
    `Resolved: ${DETECTOR}'s error budget no longer burns fast`,
    180_000,
  );
  // the same notification, updated: the burning title is gone
  await expect(page.getByText(`${DETECTOR}: error budget burning`)).toHaveCount(
    0,
  );
});
