import { Page } from '@playwright/test';

/** A tab of an entity page: a link of its content navigation. */
export const entityTab = (page: Page, name: string) =>
  page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name, exact: true });
