import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { syncWavesPlugin } from './plugin';

const ARGOCD = 'http://argocd.test';

const app = (
  name: string,
  wave: number,
  sync = 'Synced',
  health = 'Healthy',
) => ({
  metadata: {
    name,
    annotations: { 'argocd.argoproj.io/sync-wave': String(wave) },
  },
  spec: { destination: { namespace: `base-${name}` } },
  status: {
    sync: { status: sync, revision: 'abc123' },
    health: { status: health },
  },
});

describe('sync-waves backend', () => {
  // requests to the test backend itself pass through; ArgoCD's are mocked
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: 'bypass' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());

  const calls = { list: 0, tree: 0, sync: [] as string[] };
  beforeEach(() => {
    calls.list = 0;
    calls.tree = 0;
    calls.sync = [];
    server.use(
      http.post(`${ARGOCD}/api/v1/session`, () =>
        HttpResponse.json({ token: 'session-token' }),
      ),
      http.get(`${ARGOCD}/api/v1/applications`, ({ request: req }) => {
        if (req.headers.get('authorization') !== 'Bearer session-token')
          return new HttpResponse(null, { status: 401 });
        calls.list++;
        return HttpResponse.json({
          items: [
            app('data-ingestion', 4, 'OutOfSync', 'Degraded'),
            app('feature-engineering', 5, 'OutOfSync', 'Missing'),
            app('vault', 1),
          ],
        });
      }),
      http.get(`${ARGOCD}/api/v1/applications/:name/resource-tree`, () => {
        calls.tree++;
        const d = 'base-data-ingestion-agent-data-collector';
        return HttpResponse.json({
          nodes: [
            {
              kind: 'Deployment',
              name: d,
              uid: 'd1',
              health: { status: 'Degraded', message: 'progress deadline' },
            },
            {
              kind: 'ReplicaSet',
              name: `${d}-abc`,
              uid: 'r1',
              parentRefs: [{ kind: 'Deployment', name: d, uid: 'd1' }],
            },
            {
              kind: 'Pod',
              name: `${d}-abc-x1`,
              parentRefs: [{ kind: 'ReplicaSet', name: `${d}-abc`, uid: 'r1' }],
              health: { status: 'Degraded', message: 'CrashLoopBackOff' },
            },
            {
              kind: 'Service',
              name: 'base-data-collector-service',
              health: { status: 'Healthy' },
            },
            {
              kind: 'HorizontalPodAutoscaler',
              name: d,
              health: { status: 'Healthy' },
            },
            {
              kind: 'Deployment',
              name: 'base-data-ingestion-agent-data-merger',
              uid: 'd2',
              health: { status: 'Healthy' },
            },
          ],
        });
      }),
      http.post(`${ARGOCD}/api/v1/applications/:name/sync`, ({ params }) => {
        calls.sync.push(String(params.name));
        return HttpResponse.json({});
      }),
    );
  });

  const dataIngestion = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'System',
    metadata: {
      name: 'base-data-ingestion',
      namespace: 'default',
      annotations: { 'argocd/app-name': 'data-ingestion' },
    },
    spec: { owner: 'group:default/data-foundation-team' },
  };

  async function start(
    result: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
    auditor = mockServices.auditor.mock(),
    permissions = mockServices.permissions.mock({
      authorize: async requests => requests.map(() => ({ result })),
    }),
  ) {
    const { server: http_ } = await startTestBackend({
      features: [
        syncWavesPlugin,
        permissions.factory,
        auditor.factory,
        catalogServiceMock.factory({ entities: [dataIngestion] }),
        mockServices.rootConfig.factory({
          data: {
            argocd: {
              appLocatorMethods: [
                {
                  type: 'config',
                  instances: [
                    {
                      name: 'argocd',
                      url: ARGOCD,
                      username: 'admin',
                      password: 'sandbox',
                    },
                  ],
                },
              ],
            },
            syncWaves: { cacheTtlSeconds: 60, timeoutSeconds: 1 },
          },
        }),
      ],
    });
    return http_;
  }

  it('serves 168 entity requests inside one TTL from one upstream list call', async () => {
    const backend = await start(AuthorizeResult.ALLOW);
    const responses = await Promise.all(
      Array.from({ length: 168 }, () =>
        request(backend).get('/api/sync-waves/applications/data-ingestion'),
      ),
    );
    expect(responses.every(r => r.status === 200)).toBe(true);
    expect(responses[0].body.application).toMatchObject({
      name: 'data-ingestion',
      wave: 4,
      sync: 'OutOfSync',
      health: 'Degraded',
    });
    expect(calls.list).toBe(1);
  });

  it("serves a service's own objects in its module's Application, one resource-tree call per TTL", async () => {
    const backend = await start(AuthorizeResult.ALLOW);
    const query =
      '?workload=base-data-ingestion-agent-data-collector&service=base-data-collector-service';
    const [res] = await Promise.all(
      Array.from({ length: 20 }, () =>
        request(backend).get(
          `/api/sync-waves/applications/data-ingestion${query}`,
        ),
      ),
    );
    expect(res.status).toBe(200);
    expect(res.body.resources.map((r: any) => r.name)).not.toContain(
      'base-data-ingestion-agent-data-merger',
    );
    expect(res.body.resources.map((r: any) => r.kind)).toEqual([
      'Deployment',
      'Service',
      'HorizontalPodAutoscaler',
      'ReplicaSet',
      'Pod',
    ]);
    expect(res.body.resources.find((r: any) => r.kind === 'Pod')).toMatchObject(
      { health: 'Degraded', healthMessage: 'CrashLoopBackOff' },
    );
    expect(calls.tree).toBe(1);
    const blocked = await request(backend).get(
      '/api/sync-waves/applications/feature-engineering',
    );
    expect(blocked.body.blockedBy).toEqual({
      wave: 4,
      applications: ['data-ingestion'],
    });
  });

  it('takes object names as Kubernetes does (an HPA past 63 characters), and refuses others with the reason', async () => {
    const backend = await start(AuthorizeResult.ALLOW);
    const long = `${'base-multimodal-processing-agent-'.padEnd(62, 'x')}-hpa`;
    expect(long.length).toBeGreaterThan(63);
    const ok = await request(backend).get(
      `/api/sync-waves/applications/data-ingestion?workload=base-data-ingestion-agent-data-collector&hpa=${long}`,
    );
    expect(ok.status).toBe(200);
    const refused = await request(backend).get(
      '/api/sync-waves/applications/data-ingestion?workload=base-data-ingestion-agent-data-collector&hpa=Not_A_Name',
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toMatch(/workload query/);
  });

  it('shows the wave board with the blocked wave and its blocker', async () => {
    const backend = await start(AuthorizeResult.ALLOW);
    const res = await request(backend).get('/api/sync-waves/waves');
    expect(res.status).toBe(200);
    expect(res.body.waves[5].blockedBy).toEqual({
      wave: 4,
      applications: ['data-ingestion'],
    });
    expect(res.body.stale).toBe(false);
  });

  it('syncs for an allowed user and records it with the auditor', async () => {
    const auditor = mockServices.auditor.mock();
    const success = jest.fn();
    auditor.createEvent.mockResolvedValue({ success, fail: jest.fn() });
    const result: AuthorizeResult.ALLOW = AuthorizeResult.ALLOW;
    const permissions = mockServices.permissions.mock({
      authorize: async requests => requests.map(() => ({ result })),
    });
    const backend = await start(AuthorizeResult.ALLOW, auditor, permissions);
    const res = await request(backend)
      .post('/api/sync-waves/applications/data-ingestion/sync')
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/alice.ivanova'),
      );
    expect(res.status).toBe(202);
    expect(calls.sync).toEqual(['data-ingestion']);
    // decided on the module's System, so its owners' rule can apply
    expect(permissions.authorize).toHaveBeenCalledWith(
      [
        {
          permission: expect.objectContaining({
            name: 'sync-waves.application.sync',
          }),
          resourceRef: 'system:default/base-data-ingestion',
        },
      ],
      expect.anything(),
    );
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'application-sync',
        meta: expect.objectContaining({
          application: 'data-ingestion',
          via: 'ui',
          dryRun: false,
        }),
      }),
    );
    expect(success).toHaveBeenCalled();
  });

  it('refuses a user the policy denies, syncs nothing and audits the denial', async () => {
    const auditor = mockServices.auditor.mock();
    const fail = jest.fn();
    auditor.createEvent.mockResolvedValue({ success: jest.fn(), fail });
    const backend = await start(AuthorizeResult.DENY, auditor);
    const res = await request(backend)
      .post('/api/sync-waves/applications/data-ingestion/sync')
      .set('Authorization', mockCredentials.user.header('user:default/guest'));
    expect(res.status).toBe(403);
    expect(calls.sync).toEqual([]);
    expect(fail).toHaveBeenCalledWith({
      error: expect.objectContaining({ name: 'NotAllowedError' }),
      meta: { module: 'system:default/base-data-ingestion' },
    });
  });

  it('refuses to sync an Application no module in the catalog deploys', async () => {
    const backend = await start(AuthorizeResult.ALLOW);
    const res = await request(backend)
      .post('/api/sync-waves/applications/vault/sync')
      .set(
        'Authorization',
        mockCredentials.user.header('user:default/alice.ivanova'),
      );
    expect(res.status).toBe(404);
    expect(res.body.error.message).toMatch(/No module in the catalog/);
    expect(calls.sync).toEqual([]);
  });

  it('answers 503 naming ArgoCD when it is unreachable', async () => {
    server.use(
      http.get(`${ARGOCD}/api/v1/applications`, () => HttpResponse.error()),
    );
    const backend = await start(AuthorizeResult.ALLOW);
    const res = await request(backend).get('/api/sync-waves/waves');
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(
      /^ArgoCD at http:\/\/argocd\.test is unreachable/,
    );
  });

  it('refuses a malformed Application name', async () => {
    const backend = await start(AuthorizeResult.ALLOW);
    const res = await request(backend).get(
      '/api/sync-waves/applications/Bad..Name',
    );
    expect(res.status).toBe(400);
  });
});
