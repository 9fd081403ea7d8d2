import { test, expect, Page } from '@playwright/test';
import { signInAsGuest } from './signIn';
import { setScenario, setTool, needsSandbox, reloadUntil } from './sandbox';

const TOOL_TITLES = [
  'ArgoCD',
  'Vault',
  'Airflow',
  'MLflow',
  'Kubeflow',
  'Superset',
  'Grafana',
  'Prometheus',
  'Kiali',
];

test.afterEach(async ({ request }) => {
  if (process.env.SANDBOX_CONTROL_URL) await setScenario(request, 'healthy');
});

const health = (name: string) => `/catalog/default/component/${name}/health`;
const endpointRow = (page: Page, path: string) =>
  page
    .getByRole('table', { name: 'Health endpoints' })
    .getByRole('row', { name: new RegExp(path.replace(/\//g, '\\/')) });

test("a service's Health tab lists its workloads and HPA, and its endpoints up with response times", async ({
  page,
}) => {
  await signInAsGuest(page, health('base-data-ingestion-agent-data-collector'));
  // the tab refreshes every probe interval by itself
  for (const path of ['/health/live', '/health/ready', '/health/startup']) {
    await expect(endpointRow(page, path)).toContainText('OK (200)', {
      timeout: 60_000,
    });
  }
  await expect(endpointRow(page, '/health/live')).toContainText(/\d+ ms/);
  await expect(
    page.getByText(
      /through the Kubernetes API service proxy of base-app-layer-dev/,
    ),
  ).toBeVisible();
  // an ingestion agent: its throughput budget read from Prometheus (a
  // figure inside the New York session, "no session time" outside it)
  const throughput = page.getByRole('region', { name: 'Throughput budget' });
  await expect(throughput.getByLabel('Budget left')).toHaveText(
    /% left|no session time recorded yet/,
    { timeout: 30_000 },
  );
  await expect(
    throughput.getByRole('table', { name: 'Burn rates' }),
  ).toContainText('fast burn');

  // the Kubernetes plugin's view of the same service, under the API status
  await page.getByText('base-app-layer-dev', { exact: true }).first().click();
  await expect(
    page.getByText('min replicas 2 / max replicas 20'),
  ).toBeVisible();
  await expect(page.getByText('2 pods').first()).toBeVisible();
  await expect(page.getByText('No warning events.')).toBeVisible();
});

test('degraded: the failing service turns red within one probe interval, its availability drops', async ({
  page,
  request,
}) => {
  needsSandbox();
  await signInAsGuest(page, health('base-data-quality-agent-anomaly-detector'));
  await expect(endpointRow(page, '/health/live')).toContainText('OK (200)', {
    timeout: 60_000,
  });
  await setScenario(request, 'degraded');
  const row = endpointRow(page, '/health/live');
  // probe interval 10 s with 2 s of jitter in ./portal test, plus the tab's own refresh
  await expect(row).toContainText(
    'HTTP 503: upstream feed connection refused',
    {
      timeout: 30_000,
    },
  );
  // the 24 h figure now counts the failure against the 99.9 % target
  await expect(row.getByRole('cell').nth(4)).not.toContainText('100%');
  await page.getByText('base-app-layer-dev', { exact: true }).first().click();
  await expect(page.getByText(/1 pod with errors/).first()).toBeVisible({
    timeout: 30_000,
  });
  // and the crash-looping pod's warning event in the tab's own list
  await reloadUntil(page, () =>
    expect(page.getByRole('table', { name: 'Warning events' })).toContainText(
      /Pod\/base-data-quality-agent-anomaly-detector.*BackOff/,
      {
        timeout: 5_000,
      },
    ),
  );
});

test('down: the Health tab renders and names the unreachable cluster', async ({
  page,
  request,
}) => {
  needsSandbox();
  await setScenario(request, 'down');
  await signInAsGuest(page, health('base-data-ingestion-agent-data-collector'));
  // the current state, not an older failure: the cluster is named with the cause
  await expect(
    endpointRow(page, '/health/live').getByRole('cell').nth(1),
  ).toContainText(/base-app-layer-dev.*ECONNREFUSED/, { timeout: 30_000 });
  await expect(page.getByText('API status', { exact: true })).toBeVisible();
  // the events card names the cluster too (after its refresh period)
  await reloadUntil(page, () =>
    expect(
      page.getByText(/cluster base-app-layer-dev .*ECONNREFUSED/).first(),
    ).toBeVisible({ timeout: 5_000 }),
  );
});

test("a module page shows its 12 services' health, and Home the tools' live status", async ({
  page,
}) => {
  test.setTimeout(120_000);
  await signInAsGuest(
    page,
    '/catalog/default/system/base-data-ingestion/health',
  );
  const table = page.getByRole('table', { name: 'Service health' });
  await expect(table.getByRole('row')).toHaveCount(13, { timeout: 60_000 });
  // after the scenarios above, every service answers again from the next probe run
  await reloadUntil(page, () =>
    expect(page.getByText(/12 of 12 services answer/)).toBeVisible({
      timeout: 5_000,
    }),
  );
  await page.goto('/');
  // every tool measured: ArgoCD the sandbox's, Prometheus the local one, the
  // sandbox's stand-ins for the others, each held to its own expectation
  for (const tool of TOOL_TITLES) {
    await expect(page.getByLabel(`${tool} status`)).toContainText(
      /up \(\d+ ms\)/,
    );
  }
});

test("a tool URL answering the SPA fallback's 200 page is down, not up", async ({
  page,
  request,
}) => {
  needsSandbox();
  test.setTimeout(120_000);
  await signInAsGuest(page);
  await expect(page.getByLabel('Vault status')).toContainText(/up \(\d+ ms\)/);
  try {
    await setTool(request, 'vault', 'spa');
    await reloadUntil(page, () =>
      expect(page.getByLabel('Vault status')).toContainText(
        /down: HTTP 200, but not Vault's JSON: an HTML page/,
        { timeout: 2_000 },
      ),
    );
    await setTool(request, 'vault', 'down');
    await reloadUntil(page, () =>
      expect(page.getByLabel('Vault status')).toContainText(
        'down: HTTP 503, Vault answers 200 when healthy',
        { timeout: 2_000 },
      ),
    );
  } finally {
    await setTool(request, 'vault', 'up');
  }
});
