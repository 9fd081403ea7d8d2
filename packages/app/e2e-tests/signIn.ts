import { Page } from '@playwright/test';

const TIMEOUT = { timeout: 60_000 };

/**
 * Opens `url` (a path under the configured baseURL, or a whole URL) and signs
 * in through the guest provider of the dev config; resolves once the sidebar
 * is there. Locator waits rather than `expect`, so that the page bench and
 * the soak (scripts/pageReady.ts), which run outside the test runner, use it
 * too.
 */
export async function signInAsGuest(page: Page, url = '/') {
  await page.goto(url);
  await page.getByRole('button', { name: 'Enter' }).click(TIMEOUT);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .waitFor(TIMEOUT);
}

/**
 * As {@link signInAsGuest}, through the development `member` provider: an
 * ordinary person (boris.petrov of data-foundation-team, not platform-team).
 */
export async function signInAsMember(page: Page, url = '/') {
  await page.goto(url);
  await page
    .locator('article, .MuiCard-root')
    .filter({ hasText: 'Member (development)' })
    .getByRole('button', { name: 'Sign In' })
    .click(TIMEOUT);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .waitFor(TIMEOUT);
}
