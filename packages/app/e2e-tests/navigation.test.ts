import { expect, Page, test } from '@playwright/test';
import { entityTab } from './entityTabs';
import { signInAsGuest } from './signIn';

// Every page reached by clicking, from the sidebar and from the pages
// themselves, never by URL (after sign-in on Home).
test.describe.configure({ timeout: 180_000 });

const sidebar = (page: Page) =>
  page.getByRole('navigation', { name: 'sidebar nav' });

/** Signs in on Home and clicks through to the catalog. */
async function openCatalog(page: Page) {
  await signInAsGuest(page);
  await sidebar(page)
    .getByRole('link', { name: 'Catalog', exact: true })
    .click();
}

/** Signs in, clicks through to the catalog and picks one module's services. */
async function openModuleServices(page: Page, module: string) {
  await openCatalog(page);
  await page.getByLabel('BASE module').click({ timeout: 90_000 });
  await page.getByRole('option', { name: module, exact: true }).click();
}

test("the sidebar's Platform group leads to Sync waves, Capacity, Conformance and Drift", async ({
  page,
}) => {
  await signInAsGuest(page);
  const pages: Array<[string, RegExp, RegExp]> = [
    ['Sync waves', /\/sync-waves$/, /Sync waves/],
    ['Capacity', /\/capacity$/, /Capacity/],
    ['Conformance', /\/base-conformance$/, /Conformance/],
    ['Drift', /\/drift$/, /Drift/],
  ];
  // in the order config/app-extensions.yaml gives them
  const links = sidebar(page).getByRole('link');
  const titles = await links.allInnerTexts();
  const at = (t: string) => titles.findIndex(x => x.trim() === t);
  expect(at('Sync waves')).toBeGreaterThan(at('Create'));
  expect(at('Capacity')).toBe(at('Sync waves') + 1);
  expect(at('Conformance')).toBe(at('Capacity') + 1);
  expect(at('Drift')).toBe(at('Conformance') + 1);
  for (const [title, url, heading] of pages) {
    await sidebar(page).getByRole('link', { name: title, exact: true }).click();
    await expect(page).toHaveURL(url);
    await expect(
      page.getByRole('heading', { name: heading }).first(),
    ).toBeVisible({ timeout: 60_000 });
  }
});

test('the catalog opens on the 168 BASE services, everyone’s, filterable by module', async ({
  page,
}) => {
  await openCatalog(page);
  await expect(
    page.getByRole('heading', { name: /service Components \(168\)/i }).last(),
  ).toBeVisible({ timeout: 90_000 });
  // BASE services first: no platform tool, no portal
  await expect(page.getByRole('link', { name: 'Checkpoint' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^ArgoCD$/ })).toHaveCount(0);
  // one module
  await page.getByLabel('BASE module').click();
  await page
    .getByRole('option', { name: 'Data Ingestion', exact: true })
    .click();
  await expect(
    page.getByRole('heading', { name: /service Components \(12\)/i }).last(),
  ).toBeVisible({ timeout: 30_000 });
  // a whole domain: data-foundation's modules
  await page.getByLabel('BASE module').click();
  await page
    .getByRole('option', { name: /Every module of data-foundation/ })
    .click();
  await expect(
    page.getByRole('heading', { name: /service Components \((\d+)\)/i }).last(),
  ).not.toHaveText(/\((12|168)\)/, { timeout: 30_000 });
  // everything the catalog holds: the filter off (every service is a BASE one)
  await page.getByLabel('BASE module').click();
  await page.getByRole('option', { name: 'Everything in the catalog' }).click();
  await expect(
    page.getByRole('heading', { name: /service Components \((\d+)\)/i }).last(),
  ).toHaveText(/\(168\)/, { timeout: 30_000 });
  await expect
    .poll(() => decodeURIComponent(page.url()))
    .toContain('filters[baseModule]=everything');
});

test("a module's tabs each render their data, reached by clicking", async ({
  page,
}) => {
  await openModuleServices(page, 'Data Ingestion');
  await page
    .getByRole('row')
    .filter({ hasText: 'Data Collector' })
    .getByRole('link', { name: 'Data Ingestion' })
    .click({ timeout: 60_000 });
  await expect(page).toHaveURL(
    /\/catalog\/default\/system\/base-data-ingestion/,
  );

  await expect(entityTab(page, 'Overview')).toBeVisible({ timeout: 60_000 });
  const tabs = await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link')
    .allInnerTexts();
  expect(tabs.slice(0, 5)).toEqual([
    'Overview',
    'Services',
    'Deploy',
    'Health',
    'Capacity',
  ]);
  // Overview: about, wave, conformance, a compact relations view
  await expect(page.getByText('Sync wave 4: data-ingestion')).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByText(/Conformance: \d+ findings?/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Relations' })).toBeVisible();

  await entityTab(page, 'Services').click();
  await expect(
    page
      .getByRole('table', { name: 'Services of the module' })
      .getByRole('row'),
  ).toHaveCount(13, { timeout: 60_000 });

  await entityTab(page, 'Deploy').click();
  await expect(
    page
      .getByRole('table', { name: 'ArgoCD Application' })
      .filter({ hasText: 'Synced' }),
  ).toBeVisible({ timeout: 60_000 });

  await entityTab(page, 'Health').click();
  await expect(
    page.getByRole('table', { name: 'Service health' }).getByRole('row'),
  ).toHaveCount(13, { timeout: 60_000 });
  await expect(
    page.getByRole('table', { name: 'Ingestion throughput' }).getByRole('row'),
  ).toHaveCount(7, { timeout: 60_000 });

  await entityTab(page, 'Capacity').click();
  await expect(
    page.getByRole('region', { name: 'Pod placement' }),
  ).toContainText(/base-app-layer-dev: \d+ pods/, { timeout: 60_000 });

  // TechDocs: the module's README from the platform tree, built with mkdocs
  // on first view; no APIs tab, the module neither provides nor consumes one
  expect(tabs).toContain('TechDocs');
  expect(tabs).not.toContain('APIs');
  await entityTab(page, 'TechDocs').click();
  await expect(
    page.getByText(/Collects market and reference data/).first(),
  ).toBeVisible({ timeout: 120_000 });
});

test('no empty tabs: a service page offers only tabs with content; the Docs page lists the modules and the portal', async ({
  page,
}) => {
  await openModuleServices(page, 'Data Ingestion');
  await page
    .getByRole('link', { name: 'Data Collector', exact: true })
    .click({ timeout: 60_000 });
  await expect(page).toHaveURL(
    /\/component\/base-data-ingestion-agent-data-collector/,
  );
  await expect(entityTab(page, 'Overview')).toBeVisible({ timeout: 60_000 });
  const tabs = await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link')
    .allInnerTexts();
  expect(tabs).toEqual(
    expect.arrayContaining(['Overview', 'Deploy', 'Health']),
  );
  // a service has no docs of its own and no API entity
  expect(tabs).not.toContain('TechDocs');
  expect(tabs).not.toContain('APIs');

  await sidebar(page).getByRole('link', { name: 'Docs', exact: true }).click();
  await expect(page).toHaveURL(/\/docs/);
  await page.getByText('All', { exact: true }).click({ timeout: 60_000 });
  // the 14 modules with a README and the portal
  await expect(page.getByRole('heading', { name: 'All (15)' })).toBeVisible({
    timeout: 60_000,
  });
  await expect(
    page.getByRole('link', { name: 'Data Ingestion', exact: true }),
  ).toBeVisible();
  await page
    .getByRole('link', { name: 'BASE Developer Portal', exact: true })
    .click();
  await expect(
    page.getByRole('heading', { name: 'Documentation' }).first(),
  ).toBeVisible({ timeout: 120_000 });
  await expect(
    page.getByRole('link', { name: 'Operations' }).first(),
  ).toBeVisible();
});

test('Home: the 14 modules by domain with their badges, the wave summary, links to every page', async ({
  page,
}) => {
  await signInAsGuest(page);
  const table = page.getByRole('table', { name: 'Modules by domain' });
  // 14 modules and 4 domain rows, each module with a measured badge per column
  await expect(table.getByRole('link')).toHaveCount(14, { timeout: 60_000 });
  await expect(table.getByRole('rowheader')).toHaveText([
    'Data Foundation',
    'Distribution & Control',
    'Orchestration & Management',
    'Processing & Analytics',
  ]);
  const row = table.getByRole('row').filter({
    has: page.getByRole('link', { name: 'Data Ingestion', exact: true }),
  });
  await expect(row).toContainText(/wave 4 · (Synced|OutOfSync)/);
  await expect(row).toContainText(/\d+ of 12 up/);
  await expect(row).toContainText(/\d+ of 550 GB\/h/);
  await expect(row).toContainText(/finding|conforms/);
  await expect(page.getByLabel('Sync waves summary')).toContainText(
    /\d+ of 8 sync waves synced and healthy/,
  );
  // and from Home to each page
  const links = page.getByRole('navigation', { name: 'Portal pages' });
  for (const [title, url] of [
    ['Sync waves', /\/sync-waves$/],
    ['Capacity', /\/capacity$/],
    ['Conformance', /\/base-conformance$/],
    ['Catalog', /\/catalog/],
  ] as const) {
    await links.getByRole('link', { name: title, exact: true }).click();
    await expect(page).toHaveURL(url);
    await page.goBack();
  }
});
