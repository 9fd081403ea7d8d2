import { test, expect } from '@playwright/test';
import { signInAsGuest } from './signIn';
import { setScenario, needsSandbox, reloadUntil } from './sandbox';

test.afterEach(async ({ request }) => {
  if (process.env.SANDBOX_CONTROL_URL) await setScenario(request, 'healthy');
});

const CAPACITY = '/capacity?cluster=base-app-layer-dev';

test('the capacity page shows the pool with its limits, nodes by family and the spot share against 80 %', async ({
  page,
}) => {
  await signInAsGuest(page, CAPACITY);
  const pool = page.getByRole('region', {
    name: 'NodePool base-data-processing',
  });
  await expect(pool).toContainText('of 10000 cores');
  await expect(pool).toContainText('of 10000 GiB');
  await expect(pool).toContainText('workload-type=data-processing:NoSchedule');
  const byType = pool.getByRole('table', {
    name: 'Nodes of base-data-processing by type',
  });
  for (const family of ['m7i', 'c7i', 'r7i']) {
    await expect(
      byType.getByRole('cell', { name: family }).first(),
    ).toBeVisible();
  }
  await expect(page.getByLabel('Capacity against limits')).toBeVisible();
  const spot = page.getByRole('region', { name: 'Spot share' });
  await expect(spot).toContainText('81% spot');
  await expect(spot).toContainText('target 80% spot / 20% on-demand');
  await expect(page.getByLabel('Spot share over time')).toBeVisible();
  await expect(page.getByText('No pending pods.')).toBeVisible();
});

test('spot-interruption: terminating nodes and the new claims appear', async ({
  page,
  request,
}) => {
  needsSandbox();
  await signInAsGuest(page, CAPACITY);
  await expect(
    page.getByRole('table', { name: 'Nodes', exact: true }),
  ).toBeVisible();
  await setScenario(request, 'spot-interruption');
  const nodes = page.getByRole('table', { name: 'Nodes', exact: true });
  await reloadUntil(page, () =>
    expect(nodes.getByText(/^terminating/).first()).toBeVisible(),
  );
  await expect(nodes.getByText(/^terminating/)).toHaveCount(4);
  const claims = page.getByRole('table', { name: 'NodeClaims' });
  await expect(
    claims.getByText('launched', { exact: true }).first(),
  ).toBeVisible();
  await expect(
    claims.getByText('Interrupted: spot interruption warning').first(),
  ).toBeVisible();
});

test('unschedulable: pending pods with both reasons, on the capacity page and the module page', async ({
  page,
  request,
}) => {
  needsSandbox();
  await setScenario(request, 'unschedulable');
  await signInAsGuest(page, CAPACITY);
  const pending = page.getByRole('table', { name: 'Pending pods' });
  await reloadUntil(page, () => expect(pending).toBeVisible());
  await expect(pending).toContainText(
    'node selector NodeGroup=base-data-services: pool base-data-processing does not set this label on its nodes',
  );
  await expect(pending).toContainText(
    'pool base-data-processing taints its nodes workload-type=data-processing:NoSchedule, which the pod does not tolerate',
  );

  await page.goto('/catalog/default/system/base-data-storage/capacity');
  const placement = page.getByRole('region', { name: 'Pod placement' });
  await expect(placement).toContainText(
    'base-app-layer-dev: 24 pods, 24 pending',
  );
  await expect(
    placement.getByRole('table', { name: 'Pending pods' }),
  ).toContainText('does not set this label on its nodes');
});

test('a module page says where its pods run; cluster and node pool pages carry the capacity', async ({
  page,
}) => {
  await signInAsGuest(
    page,
    '/catalog/default/system/base-data-ingestion/capacity',
  );
  const placement = page.getByRole('region', { name: 'Pod placement' });
  await expect(placement).toContainText(
    'base-app-layer-dev: 24 pods, 0 pending',
  );
  await expect(
    placement.getByRole('table', {
      name: 'Running pods in base-app-layer-dev',
    }),
  ).toContainText('base-data-processing');

  await page.goto('/catalog/default/resource/base-app-layer-dev');
  await expect(
    page.getByRole('region', { name: 'Cluster capacity' }),
  ).toContainText('NodePool base-data-processing: 16 nodes');
  await page.goto('/catalog/default/resource/base-data-processing');
  await expect(
    page.getByRole('region', { name: 'Node pool capacity' }),
  ).toContainText('NodeClaims: 16 (16 initialized');
});
