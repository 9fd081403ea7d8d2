import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';

const TOOLS = [
  ['ArgoCD', 'argocd'],
  ['Vault', 'vault'],
  ['Airflow', 'airflow'],
  ['MLflow', 'mlflow'],
  ['Kubeflow', 'kubeflow'],
  ['Superset', 'superset'],
  ['Grafana', 'grafana'],
  ['Prometheus', 'prometheus'],
  ['Kiali', 'kiali'],
];

test('a guest signs in and lands on the BASE Developer Portal home', async ({
  page,
}) => {
  await signInAsGuest(page);
  await expect(page).toHaveTitle(/BASE Developer Portal/);
  await expect(
    page.getByRole('heading', { name: 'BASE Developer Portal', level: 1 }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'BASE Developer Portal home' }),
  ).toBeVisible();
});

test('Home lists the nine platform tools with their links and no invented status', async ({
  page,
}) => {
  await signInAsGuest(page);
  const gallery = page.getByRole('list').filter({ hasText: 'ArgoCD' });
  await expect(gallery.getByRole('listitem')).toHaveCount(TOOLS.length);
  for (const [title, path] of TOOLS) {
    const link = gallery.getByRole('link', {
      name: new RegExp(`^${title}\\b`),
    });
    await expect(link).toHaveAttribute(
      'href',
      `https://fin.vsem-svoim.com/${path}/`,
    );
  }
  // No fixed labels as the old Platform UI had; every status shown is
  // measured by the backend (healthTab.test.ts checks which).
  await expect(gallery).not.toContainText(/healthy|deployed|ok\b/i);
});

test('the catalog page opens', async ({ page }) => {
  await signInAsGuest(page);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Catalog', exact: true })
    .click();
  await expect(page).toHaveURL(/\/catalog/);
  // The first view is everyone's BASE services, not the guest's own.
  await expect(
    page
      .getByRole('heading', { name: /^All service components \(\d+\)/i })
      .last(),
  ).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Name' })).toBeVisible();
});

test('an unknown route shows the not-found page', async ({ page }) => {
  await signInAsGuest(page, '/no-such-page-here');
  await expect(page.getByText(/page not found|404/i).first()).toBeVisible();
});
