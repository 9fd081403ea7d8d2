import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';

// The platform tree is read a second after start and stitched shortly after;
// search indexes 15 s after start. Allow for both on a busy 2-core machine.
test.describe.configure({ timeout: 180_000 });

test('a module page lists its 12 services grouped by kind', async ({
  page,
}) => {
  await signInAsGuest(page, '/catalog/default/system/base-data-ingestion');
  await expect(
    page.getByRole('heading', { name: 'Data Ingestion' }).first(),
  ).toBeVisible({ timeout: 90_000 });
  await expect(page.getByText('Services (12)')).toBeVisible({
    timeout: 60_000,
  });
  const services = page.locator('main');
  await expect(
    services.getByRole('heading', { name: 'Agents (6)' }),
  ).toBeVisible();
  await expect(
    services.getByRole('heading', { name: 'Orchestrators (5)' }),
  ).toBeVisible();
  await expect(
    services.getByRole('heading', { name: 'Model server (1)' }),
  ).toBeVisible();
  await expect(
    services.getByRole('link', {
      name: 'base-data-ingestion-agent-data-collector',
    }),
  ).toBeVisible();
  // its conformance, naming the file of the dangling dependency
  await expect(
    page.getByText('names agent "data-retry", which module data_ingestion'),
  ).toBeVisible();
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
