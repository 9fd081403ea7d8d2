/*
 * Guest sign-in and when a page's data is visible in the browser, shared by
 * the page-load benchmark and the soak's recording walk.
 */
import { Page } from '@playwright/test';

const TIMEOUT = { timeout: 60_000 };

/** The catalog index's query filtering it to services (all owners). */
export const SERVICES_FILTER =
  'filters%5Bkind%5D=component&filters%5Btype%5D=service&filters%5Buser%5D=all';

export const dataVisible = {
  /** Home: the tools' live status. */
  home: (page: Page) =>
    page.getByLabel('ArgoCD status').filter({ hasText: /up/ }).waitFor(TIMEOUT),
  /** Catalog filtered to services: the 168 counted. */
  catalogServices: (page: Page) =>
    page
      .getByText(/\(168\)/)
      .first()
      .waitFor(TIMEOUT),
  /** An entity's Overview: the About card. */
  overview: (page: Page) =>
    page.getByText('Owner', { exact: true }).first().waitFor(TIMEOUT),
  /** A service's Deploy tab: its Application synced. */
  deploy: (page: Page) =>
    page
      .getByRole('table', { name: 'ArgoCD Application' })
      .filter({ hasText: 'Synced' })
      .waitFor(TIMEOUT),
  /** A service's Health tab: its endpoints answered. */
  health: (page: Page) =>
    page
      .getByRole('table', { name: 'Health endpoints' })
      .filter({ hasText: 'OK (200)' })
      .waitFor(TIMEOUT),
  /** A module's page: where its pods run. */
  module: (page: Page) =>
    page
      .getByRole('region', { name: 'Pod placement' })
      .filter({ hasText: /\d+ pods/ })
      .waitFor(TIMEOUT),
  /** The Capacity page: the node pools. */
  capacity: (page: Page) =>
    page
      .getByRole('region', { name: /^NodePool / })
      .first()
      .waitFor(TIMEOUT),
};

/** Opens the portal at `base` and signs in through the guest provider. */
export async function signInAsGuest(page: Page, base: string) {
  await page.goto(`${base}/`);
  await page.getByRole('button', { name: 'Enter' }).click();
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .waitFor(TIMEOUT);
}
