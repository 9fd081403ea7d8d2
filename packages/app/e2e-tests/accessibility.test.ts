import AxeBuilder from '@axe-core/playwright';
import { expect, Locator, Page, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { signInAsGuest } from './signIn';

/*
 * axe (WCAG 2 A/AA rules) on every page the portal adds or shapes, each
 * after its data is on screen: zero serious or critical violations. The same
 * check on stock Backstage pages the portal does not change is reported
 * beside them, not judged, so ours are judged on what we wrote. Each page is
 * also saved as a full-page screenshot (E2E_SCREENS_DIR; ./portal test keeps
 * them in .data/test-run/screens), for a reviewer to look at without running
 * the portal; the heights are printed, and a module tab may not be longer
 * than about two screens.
 */
test.describe.configure({ timeout: 300_000 });

const SCREENS = process.env.E2E_SCREENS_DIR ?? '.data/screens';
const MODULE = '/catalog/default/system/base-data-ingestion';
const SERVICE =
  '/catalog/default/component/base-data-ingestion-agent-data-collector';

interface Checked {
  name: string;
  url: string;
  ready: (page: Page) => Locator;
}

const OURS: Checked[] = [
  {
    name: 'Home',
    url: '/',
    ready: p => p.getByRole('table', { name: 'Modules by domain' }),
  },
  {
    name: 'Catalog',
    url: '/catalog',
    ready: p => p.getByRole('heading', { name: /\(168\)/ }).last(),
  },
  {
    name: 'Module Overview',
    url: MODULE,
    ready: p => p.getByText(/Conformance: \d+ finding/),
  },
  {
    name: 'Module Services',
    url: `${MODULE}/services`,
    ready: p =>
      p
        .getByRole('table', { name: 'Services of the module' })
        .filter({ hasText: 'Synced' }),
  },
  {
    name: 'Module Deploy',
    url: `${MODULE}/deploy`,
    ready: p =>
      p
        .getByRole('table', { name: 'ArgoCD Application' })
        .filter({ hasText: 'Synced' }),
  },
  {
    name: 'Module Health',
    url: `${MODULE}/health`,
    ready: p => p.getByRole('table', { name: 'Service health' }),
  },
  {
    name: 'Module Capacity',
    url: `${MODULE}/capacity`,
    ready: p => p.getByRole('region', { name: 'Pod placement' }),
  },
  {
    name: 'Service Overview',
    url: SERVICE,
    ready: p => p.getByRole('table', { name: 'BASE component' }),
  },
  {
    name: 'Service Deploy',
    url: `${SERVICE}/deploy`,
    ready: p =>
      p
        .getByRole('table', { name: 'ArgoCD Application' })
        .filter({ hasText: 'Synced' }),
  },
  {
    name: 'Service Health',
    url: `${SERVICE}/health`,
    ready: p => p.getByRole('table', { name: 'Health endpoints' }),
  },
  {
    name: 'Capacity',
    url: '/capacity',
    ready: p => p.getByRole('region', { name: /^NodePool / }).first(),
  },
  {
    name: 'Sync waves',
    url: '/sync-waves',
    ready: p => p.getByRole('heading', { name: 'Sync waves' }).first(),
  },
  {
    name: 'Conformance',
    url: '/base-conformance',
    ready: p => p.getByRole('heading', { name: /Conformance/ }).first(),
  },
  {
    name: 'Scaffolder form',
    url: '/create/templates/default/base-module',
    ready: p => p.getByRole('button', { name: 'Review' }),
  },
];

/** Stock Backstage pages, unchanged by the portal: reported, not judged. */
const STOCK: Checked[] = [
  {
    name: 'APIs (stock)',
    url: '/api-docs',
    ready: p => p.getByRole('heading').first(),
  },
  {
    name: 'Settings (stock)',
    url: '/settings',
    ready: p => p.getByRole('heading').first(),
  },
  {
    name: 'Search (stock)',
    url: '/search',
    ready: p => p.getByRole('heading').first(),
  },
];

/**
 * Saves the page's whole height (the content scrolling inside Backstage's
 * layout included) and answers that height in pixels.
 */
async function screenshot(page: Page, name: string): Promise<number> {
  fs.mkdirSync(SCREENS, { recursive: true });
  const height = await page.evaluate(() =>
    Math.max(
      ...Array.from(document.querySelectorAll('body, body *')).map(
        e => e.scrollHeight,
      ),
    ),
  );
  const viewport = page.viewportSize() ?? { width: 1400, height: 1000 };
  await page.setViewportSize({
    width: viewport.width,
    height: Math.min(Math.max(height, 1000), 12_000),
  });
  await page.screenshot({
    path: path.join(
      SCREENS,
      `${name.replace(/\W+/g, '-').replace(/-$/, '').toLowerCase()}.png`,
    ),
    fullPage: true,
  });
  await page.setViewportSize(viewport);
  return height;
}

/**
 * The module page's issue: no tab longer than about two screens at
 * 1400×1000 — two viewport heights and a tenth.
 */
const MODULE_TAB_MAX_PX = 2_200;

/**
 * Parts of our pages that stock Backstage renders and the portal cannot
 * change: the sidebar's frame, the sort buttons of core-components' Table
 * headers (axe: nested-interactive, as on the stock APIs page), Backstage
 * UI's tabs (their react-aria ids hold ':', axe: aria-valid-attr-value, as
 * on the stock Settings page) and the home plugin's visit lists on Home
 * (Recently visited: while loading, with fewer than three visits or with
 * more than three, its dense <ul> holds a <p> or a Collapse <div>; axe:
 * list). Reported, not judged.
 */
const STOCK_PARTS = [
  'nav[aria-label="sidebar nav"]',
  // jss may suffix the class (MuiTableSortLabel-root-916) under a nested theme
  '[class*="MuiTableSortLabel-root"]',
  '[role="tab"][id^="react-aria"]',
  'ul[class*="MuiList-dense"]',
];

/**
 * Waits (up to 30 s) for the page's cards to finish loading, so axe judges
 * the page as read and not a card's loading bar (Roadie's ArgoCD cards draw
 * an unnamed one while they read); a card that never ends loading is
 * scanned as it is. No loading bar must be seen twice, a second apart:
 * Roadie's history card reads in steps (the Application, then each
 * revision), and between two steps the page briefly has none (a CI run
 * judged the module's Deploy tab settled in such a gap, and axe then found
 * the revisions' two loading bars).
 */
async function settled(page: Page) {
  const loading = () => page.getByRole('progressbar').count();
  await expect
    .poll(
      async () => {
        if ((await loading()) > 0) return false;
        await page.waitForTimeout(1000);
        return (await loading()) === 0;
      },
      { timeout: 30_000 },
    )
    .toBe(true)
    .catch(() => undefined);
}

/** Serious and critical violations of WCAG 2 A/AA rules, with the nodes each is found on. */
async function serious(page: Page, exclude: string[] = []) {
  let axe = new AxeBuilder({ page }).withTags([
    'wcag2a',
    'wcag2aa',
    'wcag21a',
    'wcag21aa',
  ]);
  for (const selector of exclude) axe = axe.exclude(selector);
  const { violations } = await axe.analyze();
  const judged = violations.filter(
    v => v.impact === 'serious' || v.impact === 'critical',
  );
  return {
    nodes: judged.reduce((n, v) => n + v.nodes.length, 0),
    lines: judged.map(
      v =>
        `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes[0]?.target.join(
          ' ',
        )} — ${v.help}; ${v.nodes[0]?.html.slice(0, 160)}`,
    ),
  };
}

test.use({ viewport: { width: 1400, height: 1000 } });

test('axe finds no serious or critical violation on the portal’s pages, and no module tab is longer than about two screens', async ({
  page,
}) => {
  await signInAsGuest(page);
  const report: string[] = [];
  const ours: string[] = [];
  const heights: string[] = [];
  const tooLong: string[] = [];
  for (const { name, url, ready } of OURS) {
    await page.goto(url);
    await expect(ready(page)).toBeVisible({ timeout: 90_000 });
    await settled(page);
    const height = await screenshot(page, name);
    heights.push(`  ${String(height).padStart(6)} px  ${name}`);
    if (name.startsWith('Module ') && height > MODULE_TAB_MAX_PX)
      tooLong.push(`${name}: ${height} px`);
    const found = await serious(page, STOCK_PARTS);
    const inStock = (await serious(page)).nodes - found.nodes;
    report.push(
      `  ${String(found.nodes).padStart(3)}  ${name}${
        inStock > 0 ? ` (and ${inStock} in stock parts, not judged)` : ''
      }${found.lines.map(f => `\n         ${f}`).join('')}`,
    );
    ours.push(...found.lines.map(f => `${name}: ${f}`));
  }
  for (const { name, url, ready } of STOCK) {
    await page.goto(url);
    await expect(ready(page)).toBeVisible({ timeout: 60_000 });
    await settled(page);
    await screenshot(page, name);
    const found = await serious(page);
    report.push(
      `  ${String(found.nodes).padStart(3)}  ${name}${found.lines
        .map(f => `\n         ${f}`)
        .join('')}`,
    );
  }
  // eslint-disable-next-line no-console
  console.log(
    `axe, serious or critical violations per page (elements):\n${report.join(
      '\n',
    )}`,
  );
  // eslint-disable-next-line no-console
  console.log(`page heights at 1400×1000:\n${heights.join('\n')}`);
  expect(ours).toEqual([]);
  expect(tooLong).toEqual([]);
});
