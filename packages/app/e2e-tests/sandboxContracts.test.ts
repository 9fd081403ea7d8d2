import { test, expect, APIRequestContext } from '@playwright/test';
import { setScenario, needsSandbox } from './sandbox';

/*
 * The portal's own backend plugins against the platform sandbox: what the
 * Deploy and Health tabs will be built on. `./portal test` starts the sandbox
 * and points the portal at it; SANDBOX_CONTROL_URL switches its scenario.
 */

async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.get('/api/auth/guest/refresh?env=development', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(res.ok()).toBe(true);
  return (await res.json()).backstageIdentity.token;
}

const collector = 'base-data-ingestion-agent-data-collector';

test.afterEach(async ({ request }) => {
  await setScenario(request, 'healthy');
});

test('the Kubernetes backend returns the pods, deployment and HPA of a service', async ({
  request,
}) => {
  needsSandbox();
  const token = await guestToken(request);
  const res = await request.post(`/api/kubernetes/services/${collector}`, {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: collector, namespace: 'default' },
      },
    },
  });
  expect(res.status()).toBe(200);
  const body = await res.json();
  const base = body.items.find(
    (i: any) => i.cluster.name === 'base-app-layer-dev',
  );
  expect(base.errors).toEqual([]);
  const of = (type: string) =>
    base.resources.find((r: any) => r.type === type)?.resources ?? [];
  expect(of('pods')).toHaveLength(2);
  expect(of('deployments').map((d: any) => d.metadata.name)).toEqual([
    collector,
  ]);
  expect(of('horizontalpodautoscalers')[0].spec).toMatchObject({
    minReplicas: 2,
    maxReplicas: 20,
  });
});

test('the Kubernetes backend sees the degraded scenario and names the failure when the cluster is down', async ({
  request,
}) => {
  needsSandbox();
  const token = await guestToken(request);
  const fetchObjects = async (name: string) => {
    const res = await request.post(`/api/kubernetes/services/${name}`, {
      headers: { Authorization: `Bearer ${token}` },
      data: {
        entity: {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name, namespace: 'default' },
        },
      },
    });
    return (await res.json()).items.find(
      (i: any) => i.cluster.name === 'base-app-layer-dev',
    );
  };
  await setScenario(request, 'degraded');
  const degraded = await fetchObjects(
    'base-data-quality-agent-anomaly-detector',
  );
  const pods = degraded.resources.find((r: any) => r.type === 'pods').resources;
  expect(
    pods.some(
      (p: any) =>
        p.status.containerStatuses?.[0]?.state?.waiting?.reason ===
        'CrashLoopBackOff',
    ),
  ).toBe(true);
  await setScenario(request, 'down');
  const down = await fetchObjects(collector);
  expect(down.errors.length).toBeGreaterThan(0);
});

test('the real Prometheus has ingestion series of the six agents', async ({
  request,
}) => {
  test.skip(
    !process.env.PROMETHEUS_URL,
    'needs the Prometheus started by ./portal test',
  );
  await expect(async () => {
    const res = await request.get(
      `${process.env.PROMETHEUS_URL}/api/v1/query?query=${encodeURIComponent(
        'sum by (agent) (rate(base_ingestion_bytes_total[5m]))',
      )}`,
    );
    const body = await res.json();
    expect(body.data.result).toHaveLength(6);
  }).toPass({ timeout: 90_000, intervals: [5_000] });
});
