import { test, expect, APIRequestContext } from '@playwright/test';
import { signInAsGuest } from './signIn';
import { entityTab } from './entityTabs';

/*
 * What the running capacity costs: the sandbox's nodes priced from the
 * portal's price table (config/karpenter-prices.yaml) and the sandbox's
 * stand-in of EC2 DescribeSpotPriceHistory; the page's figures are the
 * backend's, and the backend's add up (plugin test).
 */

async function get(request: APIRequestContext, path: string) {
  const auth = await request.get('/api/auth/guest/refresh?env=development', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  const token = (await auth.json()).backstageIdentity.token;
  const res = await request.get(path, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status()).toBe(200);
  return res.json();
}

/** As the cards write amounts: four decimals below 0.1. */
const usd = (n: number) => {
  const digits = n !== 0 && Math.abs(n) < 0.1 ? 4 : 2;
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(n);
};

test("the Capacity page's Cost card shows the cluster's cost, spot savings and idle capacity", async ({
  page,
  request,
}) => {
  const cost = await get(
    request,
    '/api/karpenter/clusters/base-app-layer-dev/cost',
  );
  expect(cost.unpriced).toEqual([]);
  expect(cost.prices.spot.prices).toBeGreaterThan(0);
  await signInAsGuest(page, '/capacity?cluster=base-app-layer-dev');
  const card = page.getByRole('region', { name: 'Cluster cost' });
  await expect(card).toContainText(
    `${usd(cost.total.hourly)}/h · ${usd(cost.total.hourly * 720)} per 30 days`,
  );
  await expect(card).toContainText(/spot saves \$[\d.]+\/h \(\d+ %\)/);
  await expect(card).toContainText('Idle: capacity no pod requested');
  await expect(
    card.getByRole('table', { name: 'Cost by node pool' }),
  ).toContainText('base-data-processing');
  await expect(
    page.getByText(/EC2 DescribeSpotPriceHistory \(21 type\/zone prices/),
  ).toBeVisible();
});

test("a module's Capacity tab shows its cost, and its Services tab each service's", async ({
  page,
  request,
}) => {
  const cost = await get(
    request,
    '/api/karpenter/namespaces/base-data-ingestion/cost',
  );
  const base = cost.clusters.find(
    (c: any) => c.cluster === 'base-app-layer-dev',
  );
  expect(base.hourly).toBeGreaterThan(0);
  await signInAsGuest(
    page,
    '/catalog/default/system/base-data-ingestion/capacity',
  );
  const card = page.getByRole('region', { name: 'Module cost' });
  await expect(card).toContainText(
    `${usd(base.hourly)}/h · ${usd(base.hourly * 720)} per 30 days`,
  );
  await expect(card).toContainText('spot saves');
  await expect(
    card.getByRole('table', {
      name: 'Cost per workload in base-app-layer-dev',
    }),
  ).toContainText('base-data-ingestion-agent-data-collector');

  const collector = base.workloads.find(
    (w: any) => w.workload === 'base-data-ingestion-agent-data-collector',
  );
  await entityTab(page, 'Services').click();
  const table = page.getByRole('table', { name: 'Services of the module' });
  const row = table.getByRole('row').filter({
    has: page.getByRole('link', { name: 'Data Collector', exact: true }),
  });
  await expect(row).toContainText(`${usd(collector.hourly)}/h`, {
    timeout: 30_000,
  });
});
