import { test, expect, APIRequestContext } from '@playwright/test';
import { signInAsMember } from './signIn';
import { needsSandbox } from './sandbox';

/** A token of a development sign-in (guest: platform-team; member: boris.petrov). */
async function tokenOf(
  request: APIRequestContext,
  provider: 'guest' | 'member',
): Promise<string> {
  const res = await request.get(`/api/auth/${provider}/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(res.status()).toBe(200);
  return (await res.json()).backstageIdentity.token;
}

const deployTab = (service: string) =>
  `/catalog/default/component/${service}/deploy`;

test('an ordinary person is offered Sync on his own module only', async ({
  page,
}) => {
  // data-ingestion is data-foundation-team's, data-streaming is not
  await signInAsMember(
    page,
    deployTab('base-data-ingestion-agent-data-collector'),
  );
  const app = page.getByRole('table', { name: 'ArgoCD Application' });
  await expect(app).toContainText('Synced', { timeout: 60_000 });
  await expect(
    page.getByRole('button', { name: 'Sync data-ingestion' }),
  ).toBeVisible();

  // the real policy's answer for the other module, then no Sync button
  const decision = page.waitForResponse(
    res =>
      res.url().includes('/api/permission/authorize') &&
      res.request().postData()?.includes('sync-waves.application.sync') ===
        true,
  );
  await page.goto(
    deployTab('base-data-streaming-agent-backpressure-controller'),
  );
  const answered = await decision;
  const asked = JSON.parse(answered.request().postData()!).items.find(
    (i: any) => i.permission.name === 'sync-waves.application.sync',
  );
  const { items } = await answered.json();
  expect(items.find((i: any) => i.id === asked.id).result).toBe('DENY');
  await expect(app).toContainText('Synced', { timeout: 60_000 });
  // (the resource table's "Sync" and "Sync Status" are column sort buttons)
  await expect(
    page.getByRole('button', { name: 'Sync data-streaming', exact: true }),
  ).toHaveCount(0);
});

test('the Kubernetes proxy: refused to an ordinary person, forwarded for platform-team', async ({
  request,
}) => {
  needsSandbox();
  const path =
    '/api/kubernetes/proxy/api/v1/namespaces/base-data-ingestion/pods';
  const forwarded = async () => {
    const res = await request.get(
      `${process.env.SANDBOX_CONTROL_URL}/control/requests`,
    );
    const counts = await res.json();
    return (
      counts.base?.byPath['GET /api/v1/namespaces/base-data-ingestion/pods'] ??
      0
    );
  };
  const ask = async (provider: 'guest' | 'member') =>
    request.get(path, {
      headers: {
        authorization: `Bearer ${await tokenOf(request, provider)}`,
        'Backstage-Kubernetes-Cluster': 'base-app-layer-dev',
      },
    });
  const before = await forwarded();
  const refused = await ask('member');
  expect(refused.status()).toBe(403);
  expect(await forwarded()).toBe(before);
  const allowed = await ask('guest');
  expect(allowed.status()).toBe(200);
  expect((await allowed.json()).items.length).toBeGreaterThan(0);
  expect(await forwarded()).toBe(before + 1);
});

test("ArgoCD writes through Roadie's backend are refused to everyone, reads answered", async ({
  request,
}) => {
  const guest = { authorization: `Bearer ${await tokenOf(request, 'guest')}` };
  const write = await request.post('/api/argocd/sync', {
    headers: guest,
    data: { appSelector: 'app.kubernetes.io/part-of=base' },
  });
  expect(write.status()).toBe(403);
  const remove = await request.delete(
    '/api/argocd/argoInstance/argocd/applications/data-ingestion',
    { headers: guest },
  );
  expect(remove.status()).toBe(403);
  const read = await request.get(
    '/api/argocd/argoInstance/argocd/applications/name/data-ingestion',
    { headers: guest },
  );
  expect(read.status()).toBe(200);
});
