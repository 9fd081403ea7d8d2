import { test, expect, Page } from '@playwright/test';
import { signInAsGuest } from './signIn';
import { setScenario, needsSandbox, reloadUntil } from './sandbox';

// waiting for rate() to follow a scenario takes up to two minutes
test.setTimeout(180_000);

test.afterEach(async ({ request }) => {
  if (process.env.SANDBOX_CONTROL_URL) await setScenario(request, 'healthy');
});

const COLLECTOR =
  '/catalog/default/component/base-data-ingestion-agent-data-collector';

const card = (page: Page) =>
  page.getByRole('region', { name: 'Throughput', exact: true });

/** The GB/h figure the card shows now. */
async function shownGbPerHour(page: Page): Promise<number> {
  const text = await card(page).getByLabel('GB per hour now').innerText();
  return Number(text.replace(' GB/h', ''));
}

/** What the sandbox emits for the collector now (its control endpoint). */
async function emittedGbPerHour(page: Page): Promise<number> {
  const res = await page.request.get(
    `${process.env.SANDBOX_CONTROL_URL}/emitted`,
  );
  const agents: Array<{ agent: string; gbPerHour: number }> = await res.json();
  return agents.find(a => a.agent === 'data-collector')!.gbPerHour;
}

test('the collector shows its GB/h against 100 GB/h, the 24 h chart and its sources', async ({
  page,
}) => {
  await signInAsGuest(page, COLLECTOR);
  // Prometheus needs two scrapes before rate() has a value
  await reloadUntil(page, () =>
    expect(card(page).getByLabel('GB per hour now')).toBeVisible(),
  );
  await expect(card(page)).toContainText(/(on|below) target \(100 GB\/h\)/);
  await expect(card(page).getByLabel('Throughput over 24 hours')).toBeVisible();
  await expect(
    card(page).getByRole('table', { name: 'Top sources' }),
  ).toContainText('bloomberg-bpipe');
  await expect(card(page)).toContainText(/Time on target — 24 h: \d+%/);
  if (process.env.SANDBOX_CONTROL_URL) {
    // within 10 % of what the sandbox emits, once rate()'s window has filled
    await reloadUntil(
      page,
      async () => {
        const ratio =
          (await shownGbPerHour(page)) / (await emittedGbPerHour(page));
        expect(Math.abs(ratio - 1)).toBeLessThan(0.1);
      },
      120_000,
    );
  }
});

test('under-target: the card shows the collector below its target', async ({
  page,
  request,
}) => {
  needsSandbox();
  await signInAsGuest(page, COLLECTOR);
  await reloadUntil(page, () =>
    expect(card(page).getByLabel('GB per hour now')).toBeVisible(),
  );
  await setScenario(request, 'under-target');
  const expected = await emittedGbPerHour(page);
  expect(expected).toBeLessThan(100);
  // rate() over 30 s in ./portal test, a 5 s scrape and a 5 s cache
  await reloadUntil(
    page,
    async () => {
      expect(
        Math.abs((await shownGbPerHour(page)) / expected - 1),
      ).toBeLessThan(0.1);
    },
    120_000,
  );
  await expect(card(page)).toContainText('below target (100 GB/h)');
});

test('the module page lists its six ingestion agents, Home the platform total', async ({
  page,
}) => {
  await signInAsGuest(
    page,
    '/catalog/default/system/base-data-ingestion/health',
  );
  const table = page.getByRole('table', { name: 'Ingestion throughput' });
  await reloadUntil(page, () =>
    expect(table.getByText(/GB\/h$/).first()).toBeVisible(),
  );
  await expect(table.getByRole('row')).toHaveCount(7);
  await expect(table).toContainText('50 GB/h');

  await page.goto('/');
  const widget = page.getByRole('table', { name: 'Ingestion by agent' });
  await expect(widget.getByRole('row')).toHaveCount(6);
  await expect(page.getByLabel('Platform GB per hour')).toContainText('GB/h');
});

test('with Prometheus stopped, the card names it and the rest of the page works', async ({
  page,
}) => {
  test.skip(
    !process.env.PROMETHEUS_PID,
    'needs the Prometheus started by ./portal test',
  );
  await signInAsGuest(page, COLLECTOR);
  await reloadUntil(page, () =>
    expect(card(page).getByLabel('GB per hour now')).toBeVisible(),
  );
  const pid = Number(process.env.PROMETHEUS_PID);
  process.kill(pid, 'SIGSTOP');
  try {
    // past the 5 s cache, the backend asks again and gives up after 3 s
    await reloadUntil(page, () =>
      expect(card(page)).toContainText(
        /Prometheus at http:\/\/127\.0\.0\.1:\d+ did not answer within 3 s\. Showing the last good figures/,
      ),
    );
    await expect(card(page).getByLabel('GB per hour now')).toBeVisible();
    // the rest of the Overview is unaffected
    await expect(page.getByText('Sync wave 4').first()).toBeVisible();
    await expect(
      page.getByRole('heading', { name: 'About', exact: true }),
    ).toBeVisible();
  } finally {
    process.kill(pid, 'SIGCONT');
  }
  await reloadUntil(page, () =>
    expect(card(page)).not.toContainText('did not answer'),
  );
});
