import { expect, test, APIRequestContext, Page } from '@playwright/test';

/** Switches the platform sandbox's scenario (./portal test sets SANDBOX_CONTROL_URL). */
export async function setScenario(
  request: APIRequestContext,
  scenario: string,
) {
  const res = await request.put(
    `${process.env.SANDBOX_CONTROL_URL}/control/scenario`,
    {
      data: { scenario },
    },
  );
  expect(res.status()).toBe(200);
}

/** Sets a stand-in tool's answer: its own healthy or unhealthy one, or an SPA fallback page. */
export async function setTool(
  request: APIRequestContext,
  id: string,
  state: 'up' | 'down' | 'spa',
) {
  const res = await request.put(
    `${process.env.SANDBOX_CONTROL_URL}/control/tools/${id}`,
    { data: { state } },
  );
  expect(res.status()).toBe(200);
}

/** Skips a test that switches scenarios unless ./portal test started the sandbox. */
export function needsSandbox() {
  test.skip(
    !process.env.SANDBOX_CONTROL_URL,
    'needs the sandbox started by ./portal test',
  );
}

/**
 * Reloads the page until `check` passes: the backends serve upstream data
 * from caches refreshed per TTL or probe run, so a scenario shows on a later read.
 */
export async function reloadUntil(
  page: Page,
  check: () => Promise<unknown>,
  timeout = 60_000,
) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout, intervals: [5_000] });
}
