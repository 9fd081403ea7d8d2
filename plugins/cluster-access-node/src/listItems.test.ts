import { listItems } from './listItems';

const list = (
  get: (signal: AbortSignal) => Promise<{ status: number; body: string }>,
  optional?: boolean,
) =>
  listItems({
    cluster: 'base-app-layer-dev',
    path: '/api/v1/namespaces/base-data-ingestion/events?fieldSelector=type%3DWarning',
    timeoutMs: 100,
    get,
    optional,
  });

describe('listItems', () => {
  it("returns a list's items", async () => {
    await expect(
      list(async () => ({ status: 200, body: '{"items":[{"a":1}]}' })),
    ).resolves.toEqual([{ a: 1 }]);
  });

  it('names the cluster, the path and the reason of an answer other than 2xx', async () => {
    await expect(
      list(async () => ({
        status: 403,
        body: JSON.stringify({
          kind: 'Status',
          message: 'events is forbidden',
        }),
      })),
    ).rejects.toThrow(
      'cluster base-app-layer-dev: GET /api/v1/namespaces/base-data-ingestion/events answered 403: events is forbidden',
    );
  });

  it('names a body that is not JSON (e.g. cut short) instead of a bare parse error', async () => {
    await expect(
      list(async () => ({ status: 200, body: '{"items":[{"a"' })),
    ).rejects.toThrow(
      /^cluster base-app-layer-dev: GET \/api\/v1\/namespaces\/base-data-ingestion\/events answered 200 with a body that is not a list: /,
    );
  });

  it('says when the cluster did not answer in time', async () => {
    await expect(
      list(
        signal =>
          new Promise((_, reject) =>
            signal.addEventListener('abort', () => reject(signal.reason)),
          ),
      ),
    ).rejects.toThrow(
      'cluster base-app-layer-dev: GET /api/v1/namespaces/base-data-ingestion/events did not answer within 0.1 s',
    );
  });

  it('takes a 404 as "not served" only for an optional list', async () => {
    const notFound = async () => ({ status: 404, body: 'not found' });
    await expect(list(notFound, true)).resolves.toBeUndefined();
    await expect(list(notFound)).rejects.toThrow('answered 404: not found');
  });
});
