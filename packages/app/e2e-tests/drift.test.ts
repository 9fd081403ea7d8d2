import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';
import { needsSandbox, reloadUntil, setScenario } from './sandbox';

/*
 * Drift: the example platform tree (what the catalog reads) against the
 * sandbox's clusters and ArgoCD. The `drift` scenario changes data-streaming
 * by hand: the first agent's image, the second agent's replicas, an extra
 * Deployment, the third agent's Service deleted.
 */
const MODULE_DEPLOY = '/catalog/default/system/base-data-streaming/deploy';

test.afterEach(async ({ request }) => {
  if (process.env.SANDBOX_CONTROL_URL) await setScenario(request, 'healthy');
});

test('healthy: the module and its services show no drift', async ({ page }) => {
  needsSandbox();
  await signInAsGuest(page, MODULE_DEPLOY);
  const card = page.getByRole('region', { name: 'Drift', exact: true });
  await expect(card).toContainText(
    'No drift: the cluster runs what the tree declares',
    {
      timeout: 60_000,
    },
  );
});

test('drift: each planted difference on the module Deploy tab and the Drift page, with both values', async ({
  page,
  request,
}) => {
  needsSandbox();
  await setScenario(request, 'drift');
  await signInAsGuest(page, MODULE_DEPLOY);
  const table = page.getByRole('table', { name: 'Drift of data-streaming' });
  await reloadUntil(page, () => expect(table).toBeVisible());
  const row = (text: string | RegExp) =>
    table.getByRole('row').filter({ hasText: text });
  // the image changed by hand: the tree's value and the live one
  await expect(row('python:3.13.7-slim-hotfix')).toContainText('image');
  await expect(row('python:3.13.7-slim-hotfix')).toContainText(
    /data_streaming\/agents\/.*\.yaml:\d+/,
  );
  // scaled by hand past the HPA
  await expect(row(/\(HPA /)).toContainText('replicas');
  // an extra Deployment, a missing Service
  await expect(row('base-data-streaming-agent-debug-shell')).toContainText(
    'not in the tree',
  );
  await expect(
    row('missing in the cluster').filter({ hasText: 'Service' }),
  ).toBeVisible();
  // ArgoCD's own view
  await expect(row('OutOfSync in ArgoCD').first()).toBeVisible();

  // the service's own Deploy tab: only its differences
  const changed = (
    await row('python:3.13.7-slim-hotfix').getByRole('cell').nth(1).innerText()
  )
    .replace(/^Deployment\s+/, '')
    .trim();
  await page.goto(`/catalog/default/component/${changed}/deploy`);
  const own = page.getByRole('table', { name: `Drift of ${changed}` });
  await expect(own).toBeVisible({ timeout: 60_000 });
  await expect(own).toContainText('python:3.13.7-slim-hotfix');
  await expect(own).not.toContainText('base-data-streaming-agent-debug-shell');

  await page.goto('/drift');
  const platform = page.getByRole('table', { name: 'Drift of the platform' });
  await reloadUntil(page, () => expect(platform).toBeVisible());
  await expect(
    platform.getByRole('row').filter({ hasText: 'python:3.13.7-slim-hotfix' }),
  ).toContainText('data-streaming');
  await expect(
    platform
      .getByRole('row')
      .filter({ hasText: 'base-data-streaming-agent-debug-shell' }),
  ).toBeVisible();
});
