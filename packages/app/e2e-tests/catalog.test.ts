import { expect, test } from '@playwright/test';
import { entityTab } from './entityTabs';
import { signInAsGuest } from './signIn';

// The platform tree is read a second after start and stitched shortly after;
// search indexes 15 s after start. Allow for both on a busy 2-core machine.
test.describe.configure({ timeout: 180_000 });

test('a module page: Overview, then its 12 services with their state on the Services tab', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/system/base-data-ingestion');
  await expect(
    page.getByRole('heading', { name: 'Data Ingestion' }).first(),
  ).toBeVisible({ timeout: 90_000 });
  // its conformance, naming the file of the dangling dependency
  await expect(
    page.getByText('names agent "data-retry", which module data_ingestion'),
  ).toBeVisible({ timeout: 60_000 });
  // the stock System cards that list every component are not on a module's page
  await expect(page.getByText('Has components')).toHaveCount(0);

  await entityTab(page, 'Services').click();
  const table = page.getByRole('table', { name: 'Services of the module' });
  await expect(table.getByRole('row')).toHaveCount(13, { timeout: 60_000 });
  const row = (name: string) =>
    table.getByRole('row').filter({
      has: page.getByRole('link', { name, exact: true }),
    });
  await expect(row('Data Collector')).toContainText('Agent');
  await expect(row('Data Collector')).toContainText('2-20');
  // each column measured by its own backend
  await expect(row('Data Collector')).toContainText('Synced', {
    timeout: 30_000,
  });
  await expect(row('Data Collector')).toContainText(/up|down|not probed/);
  await expect(row('Data Collector')).toContainText(/GB\/h/);
  await expect(row('Ingestion Manager')).toContainText('Orchestrator');
  await expect(row('Model Server')).toContainText('Model server');
  await expect(page.getByText('Workflows (5)')).toBeVisible();
});

test('a service page shows its module, wave, ports, health paths and dependencies', async ({
  page,
}) => {
  await signInAsGuest(
    page,
    '/catalog/default/component/base-data-ingestion-agent-data-collector',
  );
  const card = page.getByRole('table', { name: 'BASE component' });
  await expect(card).toBeVisible({ timeout: 90_000 });
  const row = (label: string) =>
    card.getByRole('row').filter({
      has: page.getByRole('rowheader', { name: label, exact: true }),
    });
  await expect(row('Module')).toContainText('base-data-ingestion');
  await expect(row('Sync wave')).toContainText('4');
  await expect(row('HTTP port')).toContainText('8080');
  await expect(row('Health paths')).toContainText(
    '/health/live /health/ready /health/startup',
  );
  await expect(row('Depends on')).toContainText(
    'base-data-ingestion-agent-data-connector',
  );
  await expect(row('Depends on')).toContainText(
    'base-data-ingestion-agent-data-converter',
  );
});

test('the conformance report lists every module and its findings', async ({
  page,
}) => {
  await signInAsGuest(page, '/base-conformance');
  await expect(
    page.getByRole('heading', { name: 'Conformance', level: 1 }),
  ).toBeVisible();
  await expect(page.getByText('Modules (14)')).toBeVisible({ timeout: 90_000 });
  // data_quality's kustomization says wave 5, its ApplicationSet and domain 4, as in the real platform
  await expect(
    page
      .getByText(
        'sync waves disagree: ApplicationSet 4, kustomization sync-wave 5, kustomization deployment.wave label 5, domain Data Foundation 4',
      )
      .first(),
  ).toBeVisible();
});

test('search finds the collector by "collector" and a module by its slug', async ({
  page,
}) => {
  await signInAsGuest(page);
  await expect(async () => {
    await page.goto('/search?query=collector');
    await expect(
      page.getByRole('link', { name: /Data Collector/ }).first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 120_000, intervals: [5_000] });
  await expect(async () => {
    await page.goto('/search?query=data-quality');
    await expect(
      page.getByRole('link', { name: /^Data Quality$/ }).first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 60_000, intervals: [5_000] });
});
