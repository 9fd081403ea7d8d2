/*
 * A request without a token to every route of every plugin the backend
 * mounts (but app and auth, public by design) gets 401 — Roadie's ArgoCD
 * backend included. The routes are read from
 * the routers the plugins mount (express router stacks), so a new route is
 * covered without touching this test.
 */
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import proxyPlugin from '@backstage/plugin-proxy-backend';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import apiStatusPlugin from '@internal/plugin-api-status-backend';
import ingestionPlugin from '@internal/plugin-ingestion-backend';
import karpenterPlugin from '@internal/plugin-karpenter-backend';
import syncWavesPlugin from '@internal/plugin-sync-waves-backend';
import scaffolderModuleBase from '@internal/plugin-scaffolder-backend-module-base';
import argocdPlugin from '@roadiehq/backstage-plugin-argo-cd-backend';
import eventsPlugin from '@backstage/plugin-events-backend';
import kubernetesPlugin from '@backstage/plugin-kubernetes-backend';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import searchPlugin from '@backstage/plugin-search-backend';
import techdocsPlugin from '@backstage/plugin-techdocs-backend';
import userSettingsPlugin from '@backstage/plugin-user-settings-backend';
import permissionModuleBasePolicy from '@internal/plugin-permission-backend-module-base-policy';
import request from 'supertest';
import { argocdReadOnlyModule } from './modules/argocdReadOnly';
import { fill, pluginRoutes, recordMounts } from './__testUtils__/routes';

jest.setTimeout(60_000);

const mounted = recordMounts();

describe('every route needs a token', () => {
  let server: any;
  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        catalogPlugin,
        scaffolderPlugin,
        scaffolderModuleBase,
        proxyPlugin,
        syncWavesPlugin,
        apiStatusPlugin,
        ingestionPlugin,
        karpenterPlugin,
        argocdPlugin,
        argocdReadOnlyModule,
        kubernetesPlugin,
        permissionPlugin,
        permissionModuleBasePolicy,
        userSettingsPlugin,
        notificationsPlugin,
        eventsPlugin,
        searchPlugin,
        techdocsPlugin,
        mcpActionsPlugin,
        mockServices.rootConfig.factory({
          data: {
            proxy: {
              endpoints: { '/example': { target: 'http://127.0.0.1:1' } },
            },
            ingestion: { prometheus: { baseUrl: 'http://127.0.0.1:1' } },
            app: { baseUrl: 'http://localhost:3000' },
            permission: { enabled: true },
            argocd: {
              appLocatorMethods: [
                {
                  type: 'config',
                  instances: [
                    { name: 'argocd', url: 'http://127.0.0.1:1', token: 't' },
                  ],
                },
              ],
            },
            techdocs: {
              builder: 'external',
              publisher: { type: 'local' },
            },
            kubernetes: {
              serviceLocatorMethod: { type: 'multiTenant' },
              clusterLocatorMethods: [
                {
                  type: 'config',
                  clusters: [
                    {
                      name: 'base-app-layer-dev',
                      url: 'http://127.0.0.1:1',
                      authProvider: 'serviceAccount',
                      serviceAccountToken: 't',
                    },
                  ],
                },
              ],
            },
          },
        }),
      ],
    }));
  });

  // every plugin the backend mounts, except app (the frontend bundle) and
  // auth (the sign-in flows), public by design, and signals (a WebSocket
  // upgrade, which the test backend has no HTTP server for)
  const PLUGINS = [
    'catalog',
    'scaffolder',
    'proxy',
    'sync-waves',
    'api-status',
    'ingestion',
    'karpenter',
    'argocd',
    'kubernetes',
    'permission',
    'user-settings',
    'notifications',
    'events',
    'search',
    'techdocs',
    'mcp-actions',
  ];

  it('finds the routes of each plugin in its router', () => {
    for (const plugin of PLUGINS) {
      const routes = pluginRoutes(mounted, [plugin]);
      expect([plugin, routes.length > 0]).toEqual([plugin, true]);
    }
  });

  it('answers 401 to each without a token', async () => {
    const routes: Array<[string, string]> = pluginRoutes(mounted, PLUGINS).map(
      r => [r.method, fill(r.path, () => 'x')],
    );
    // the proxy's endpoints are matched by prefix, not by route
    routes.push(['get', '/api/proxy/example/anything']);
    // public by design, and only these: the keys other backends check this
    // plugin's service tokens with (the framework's JWKS route), and the
    // permission backend's liveness answer ({"status":"ok"})
    const PUBLIC =
      /^\/api\/([a-z-]+\/\.backstage\/auth\/v1\/jwks\.json|permission\/health)$/;
    const answers: string[] = [];
    for (const [method, path] of routes.filter(([, p]) => !PUBLIC.test(p))) {
      const res = await (request(server) as any)
        [method](path)
        .set('authorization', mockCredentials.none.header())
        .send(method === 'get' || method === 'head' ? undefined : {});
      answers.push(`${res.status} ${method.toUpperCase()} ${path}`);
    }
    expect(answers.filter(a => !a.startsWith('401 '))).toEqual([]);
    // and there are many of them
    expect(answers.length).toBeGreaterThan(40);
  });
});
