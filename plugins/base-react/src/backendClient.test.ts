/**
 * @jest-environment node
 */
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { backendClient, errorReason, routePath } from './backendClient';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const BASE = 'http://portal.test/api';
const seen: Array<{ url: string; method: string; auth: string | null }> = [];
const request = backendClient(
  {
    discoveryApi: { getBaseUrl: async id => `${BASE}/${id}` },
    fetchApi: {
      fetch: (input, init) =>
        fetch(input, {
          ...init,
          headers: { authorization: 'Bearer user-token' },
        }),
    },
  },
  'karpenter',
);

describe('backendClient', () => {
  beforeEach(() => {
    seen.length = 0;
    server.events.removeAllListeners();
    server.events.on('request:start', ({ request: r }) =>
      seen.push({
        url: r.url,
        method: r.method,
        auth: r.headers.get('authorization'),
      }),
    );
  });

  it("reads JSON from the plugin's base URL through the app's fetch", async () => {
    server.use(
      http.get(`${BASE}/karpenter/clusters`, () =>
        HttpResponse.json({ clusters: ['base-app-layer-dev'] }),
      ),
    );
    await expect(request('/clusters')).resolves.toEqual({
      clusters: ['base-app-layer-dev'],
    });
    expect(seen).toEqual([
      {
        url: `${BASE}/karpenter/clusters`,
        method: 'GET',
        auth: 'Bearer user-token',
      },
    ]);
  });

  it("throws the backend's reason on a non-2xx answer", async () => {
    server.use(
      http.get(`${BASE}/karpenter/clusters/nope`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No cluster "nope"' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const error: any = await request('/clusters/nope').catch(e => e);
    expect(error.name).toBe('ResponseError');
    expect(error.statusCode).toBe(404);
    expect(errorReason(error)).toBe('No cluster "nope"');
  });

  it('answers undefined for an empty body, and passes the method on', async () => {
    server.use(
      http.post(
        `${BASE}/karpenter/sync`,
        () => new HttpResponse(null, { status: 202 }),
      ),
    );
    await expect(request('/sync', { method: 'POST' })).resolves.toBeUndefined();
    expect(seen[0].method).toBe('POST');
  });
});

describe('errorReason', () => {
  it("is a plain error's message", () => {
    expect(errorReason(new Error('offline'))).toBe('offline');
  });
});

describe('routePath', () => {
  it('encodes each segment', () => {
    expect(routePath('modules', 'default', 'a/b c')).toBe(
      '/modules/default/a%2Fb%20c',
    );
  });
});
