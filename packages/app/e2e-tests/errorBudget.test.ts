import { test, expect } from '@playwright/test';
import { signInAsMember } from './signIn';
import { needsSandbox, reloadUntil, setScenario } from './sandbox';

/*
 * The availability budget's alert reaching its owner in the browser. The
 * end-to-end config shortens the fast-burn rule's windows to 2 and 1
 * minutes (apiStatus.errorBudget in scripts/portal-test.sh), so an incident
 * opens and ends within the test; the arithmetic at real sizes is the
 * table tests' (errorBudget.test.ts, BurnRateAlerts.test.ts).
 */
test.describe.configure({ timeout: 300_000 });

test.afterEach(async ({ request }) => {
  if (process.env.SANDBOX_CONTROL_URL) await setScenario(request, 'healthy');
});

const DETECTOR = 'base-data-quality-agent-anomaly-detector';

test("degraded: the module's owner group is notified of the burning budget, then of its end", async ({
  page,
  request,
}) => {
  needsSandbox();
  // boris.petrov is in data-foundation-team, which owns data-quality
  await signInAsMember(page, '/notifications');
  await setScenario(request, 'degraded');
  await reloadUntil(
    page,
    () =>
      expect(
        page.getByText(`${DETECTOR}: error budget burning`, { exact: false }),
      ).toBeVisible({ timeout: 1_000 }),
    150_000,
  );
  // one notification per incident: no second one while it lasts
  await expect(page.getByText(`${DETECTOR}: error budget burning`)).toHaveCount(
    1,
  );

  await setScenario(request, 'healthy');
  await reloadUntil(
    page,
    () =>
      expect(
        page.getByText(
          `Resolved: ${DETECTOR}'s error budget no longer burns fast`,
          {
            exact: false,
          },
        ),
      ).toBeVisible({ timeout: 1_000 }),
    180_000,
  );
  // the same notification, updated: the burning title is gone
  await expect(page.getByText(`${DETECTOR}: error budget burning`)).toHaveCount(
    0,
  );
});
