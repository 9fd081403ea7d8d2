import { ConfigReader } from '@backstage/config';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { directClusters } from './directClusters';

const LARGE_LIST = Array.from({ length: 40 }, (_, i) => ({
  metadata: { name: `pod-${i}`, annotations: { note: 'x'.repeat(4000) } },
}));

describe('directClusters', () => {
  let server: http.Server;
  let url: string;
  const seen: Array<{ path?: string; auth?: string; socket: unknown }> = [];
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({
        path: req.url,
        auth: req.headers.authorization,
        socket: req.socket,
      });
      if (req.url?.includes('slow')) return; // never answers
      if (req.url?.includes('pods')) {
        // a namespace's pods: far more than a health answer
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ items: LARGE_LIST }));
        return;
      }
      res.writeHead(req.url?.includes('fail') ? 503 : 200, {
        'content-type': 'text/plain',
      });
      res.end(req.url?.includes('fail') ? 'no endpoints available' : 'ok');
    });
    await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });
  beforeEach(() => {
    seen.length = 0;
  });

  const config = (clusters: object[]) =>
    new ConfigReader({
      kubernetes: {
        clusterLocatorMethods: [{ type: 'config', clusters }],
      },
    });

  /** The direct GET of one cluster with a service account token. */
  const serviceAccountCluster = (name: string, clusterUrl: string) =>
    directClusters(
      config([
        {
          name,
          url: clusterUrl,
          authProvider: 'serviceAccount',
          serviceAccountToken: 't',
        },
      ]),
    ).get(name)!;

  it('calls serviceAccount clusters with their token over one kept-alive connection', async () => {
    const direct = directClusters(
      config([
        {
          name: 'base-app-layer-dev',
          url,
          authProvider: 'serviceAccount',
          serviceAccountToken: 'sa-token',
        },
      ]),
    );
    const get = direct.get('base-app-layer-dev')!;
    const signal = () => AbortSignal.timeout(2000);
    const answers = [];
    for (let i = 0; i < 5; i++) {
      answers.push(
        await get('base-app-layer-dev', `/health/live?i=${i}`, signal()),
      );
    }
    expect(answers.map(a => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(seen.map(s => s.auth)).toEqual(Array(5).fill('Bearer sa-token'));
    expect(new Set(seen.map(s => s.socket)).size).toBe(1);
    expect(await get('base-app-layer-dev', '/fail', signal())).toEqual({
      status: 503,
      body: 'no endpoints available',
    });
  });

  it('reads a list whole, and only the start of a body when told to', async () => {
    const get = serviceAccountCluster('c', url);
    const list = await get('c', '/api/v1/pods', AbortSignal.timeout(2000));
    expect(list.body.length).toBeGreaterThan(150_000);
    expect(JSON.parse(list.body).items).toHaveLength(40);
    const start = await get(
      'c',
      '/api/v1/pods',
      AbortSignal.timeout(2000),
      1024,
    );
    expect(start.body).toBe(list.body.slice(0, 1024));
  });

  it('gives up when the signal aborts', async () => {
    const get = serviceAccountCluster('c', url);
    await expect(get('c', '/slow', AbortSignal.timeout(200))).rejects.toThrow(
      /abort/i,
    );
  });

  it('names the cluster when it cannot be reached', async () => {
    const get = serviceAccountCluster(
      'base-app-layer-dev',
      'http://127.0.0.1:1',
    );
    await expect(
      get('base-app-layer-dev', '/x', AbortSignal.timeout(2000)),
    ).rejects.toThrow(
      /^cluster base-app-layer-dev \(127\.0\.0\.1:1\): .*ECONNREFUSED/,
    );
  });

  it('leaves clusters of other auth providers to the proxy', () => {
    const direct = directClusters(
      config([
        { name: 'gke', url, authProvider: 'google' },
        { name: 'eks', url: 'https://eks.example.com', authProvider: 'aws' },
      ]),
    );
    expect([...direct.keys()]).toEqual(['eks']);
  });
});
