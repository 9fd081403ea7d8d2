/*
 * In-app navigation and when a page's data is visible in the browser, shared
 * by the page-load benchmark and the soak's recording walk (the guest
 * sign-in is the end-to-end tests' own, re-exported here).
 */
import { Locator, Page } from '@playwright/test';

export { signInAsGuest } from '../packages/app/e2e-tests/signIn';

const TIMEOUT_MS = 60_000;
/**
 * How often `dataVisible` asks the page. Playwright's own waits
 * (`locator.waitFor`) poll at 0, 20, 50, 100 and 100 ms and then only every
 * 500 ms, so a load timed with them lands on that grid: a page ready at
 * 800 ms reads as 1,270 ms. Polling every 20 ms keeps the figure within
 * about 20 ms plus one check of the page.
 */
const POLL_MS = 20;

/** Resolves as soon as `locator`'s first element is visible, asking every POLL_MS. */
async function visibleSoon(locator: Locator): Promise<void> {
  const end = Date.now() + TIMEOUT_MS;
  let lastError: unknown;
  for (;;) {
    try {
      if (await locator.first().isVisible()) return;
    } catch (error) {
      lastError = error; // e.g. the page was still navigating
    }
    if (Date.now() > end) {
      throw new Error(
        `${locator} not visible within ${TIMEOUT_MS / 1000} s${
          lastError ? ` (last error: ${lastError})` : ''
        }`,
      );
    }
    await new Promise(r => setTimeout(r, POLL_MS));
  }
}

/** The catalog index's query filtering it to services (all owners). */
export const SERVICES_FILTER =
  'filters%5Bkind%5D=component&filters%5Btype%5D=service&filters%5Buser%5D=all';

export const dataVisible = {
  /** Home: the tools' live status and the modules' badges. */
  home: async (page: Page) => {
    await visibleSoon(
      page.getByLabel('ArgoCD status').filter({ hasText: /up/ }),
    );
    await visibleSoon(
      page
        .getByRole('table', { name: 'Modules by domain' })
        .filter({ hasText: /wave \d+ · (Synced|OutOfSync)/ }),
    );
  },
  /** Catalog filtered to services: the platform's (the example's 168) counted. */
  catalogServices: (page: Page, services = 168) =>
    visibleSoon(page.getByText(`(${services})`, { exact: false })),
  /** An entity's Overview: the About card. */
  overview: (page: Page) =>
    visibleSoon(page.getByText('Owner', { exact: true })),
  /** A service's Deploy tab: its Application synced. */
  deploy: (page: Page) =>
    visibleSoon(
      page
        .getByRole('table', { name: 'ArgoCD Application' })
        .filter({ hasText: 'Synced' }),
    ),
  /** A service's Health tab: its endpoints answered. */
  health: (page: Page) =>
    visibleSoon(
      page
        .getByRole('table', { name: 'Health endpoints' })
        .filter({ hasText: 'OK (200)' }),
    ),
  /** A module's Overview: its conformance summary. */
  moduleOverview: (page: Page) =>
    visibleSoon(page.getByText(/Conformance: \d+ findings?|conforms/).first()),
  /** A module's Health tab: its services' health. */
  moduleHealth: (page: Page) =>
    visibleSoon(
      page
        .getByRole('table', { name: 'Service health' })
        .filter({ hasText: 'Data Collector' }),
    ),
  /** A module's Services tab: its services with their deploy state. */
  module: (page: Page) =>
    visibleSoon(
      page
        .getByRole('table', { name: 'Services of the module' })
        .filter({ hasText: 'Synced' }),
    ),
  /** A module's Capacity tab: where its pods run. */
  moduleCapacity: (page: Page) =>
    visibleSoon(
      page
        .getByRole('region', { name: 'Pod placement' })
        .filter({ hasText: /\d+ pods/ }),
    ),
  /** The Capacity page: the node pools. */
  capacity: (page: Page) =>
    visibleSoon(page.getByRole('region', { name: /^NodePool / })),
};

/** Moves the running app to `url` without a reload, as a click on one of its links does. */
export function navigateInApp(page: Page, url: string): Promise<void> {
  return page.evaluate(to => {
    window.history.pushState({}, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, url);
}
