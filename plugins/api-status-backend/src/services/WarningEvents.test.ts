import { isPodOf, WarningEvents, warningsOf } from './WarningEvents';

const pod = (name: string, id: string, uid: string) => ({
  metadata: {
    name,
    uid,
    labels: { 'backstage.io/kubernetes-id': id },
    ownerReferences: [{ kind: 'ReplicaSet', name: `${id}-5f7c` }],
  },
});
const event = (
  kind: string,
  name: string,
  reason: string,
  lastTimestamp: string,
  uid?: string,
) => ({
  type: 'Warning',
  reason,
  message: `${reason} of ${name}`,
  count: 3,
  lastTimestamp,
  involvedObject: { kind, name, uid },
});

const ID = 'base-data-collector';
const read = {
  pods: [
    pod(`${ID}-5f7c-aaaaa`, ID, 'u1'),
    pod('base-data-collector-v2-1-bbbbb', 'base-data-collector-v2', 'u2'),
  ],
  events: [
    event('Pod', `${ID}-5f7c-aaaaa`, 'BackOff', '2026-11-27T10:00:00Z', 'u1'),
    event('ReplicaSet', `${ID}-5f7c`, 'FailedCreate', '2026-11-27T11:00:00Z'),
    event(
      'HorizontalPodAutoscaler',
      ID,
      'FailedGetResourceMetric',
      '2026-11-27T09:00:00Z',
    ),
    event(
      'Service',
      'base-data-collector-service',
      'FailedToUpdateEndpoint',
      '2026-11-27T08:00:00Z',
    ),
    // another service's pod with a name that starts the same way
    event(
      'Pod',
      'base-data-collector-v2-1-bbbbb',
      'BackOff',
      '2026-11-27T12:00:00Z',
      'u2',
    ),
  ],
};

describe('warningsOf', () => {
  it("keeps the Warning events of the service's own objects, newest first", () => {
    expect(
      warningsOf(read, ID, 'base-data-collector-service').map(
        e => `${e.object} ${e.reason}`,
      ),
    ).toEqual([
      `ReplicaSet/${ID}-5f7c FailedCreate`,
      `Pod/${ID}-5f7c-aaaaa BackOff`,
      `HorizontalPodAutoscaler/${ID} FailedGetResourceMetric`,
      'Service/base-data-collector-service FailedToUpdateEndpoint',
    ]);
  });
});

describe('isPodOf', () => {
  const realPod = (owner: string, labels: Record<string, string> = {}) => ({
    metadata: {
      labels: { 'app.kubernetes.io/name': 'base-data-collector', ...labels },
      ownerReferences: [{ kind: 'ReplicaSet', name: owner }],
    },
  });

  it('matches by the backstage.io/kubernetes-id label where pods carry it', () => {
    expect(isPodOf(pod('p', ID, 'u'), ID)).toBe(true);
    expect(isPodOf(pod('p', `${ID}-v2`, 'u'), ID)).toBe(false);
  });

  it("matches the real platform's pods, which carry no such label, by their ReplicaSet <deployment>-<hash>", () => {
    expect(isPodOf(realPod(`${ID}-7d9f8b6c5`), ID)).toBe(true);
    // another Deployment whose name starts with this one's
    expect(isPodOf(realPod(`${ID}-v2-7d9f8b6c5`), ID)).toBe(false);
    expect(isPodOf(realPod('base-data-7d9f8b6c5'), ID)).toBe(false);
    // not a pod-template hash (vowels and 0, 1, 3 are never in one)
    expect(isPodOf(realPod(`${ID}-abc013`), ID)).toBe(false);
    // a label that names another Deployment wins over the owner
    expect(
      isPodOf(
        realPod(`${ID}-7d9f8b6c5`, { 'backstage.io/kubernetes-id': 'other' }),
        ID,
      ),
    ).toBe(false);
  });
});

describe('WarningEvents', () => {
  it('reads pods and Warning events once per namespace and refresh, and names the cluster when it fails', async () => {
    let up = true;
    const get = jest.fn(async (_cluster: string, path: string) => {
      if (!up)
        throw new Error(
          'cluster base-app-layer-dev (127.0.0.1:7101): connect ECONNREFUSED',
        );
      return {
        status: 200,
        body: JSON.stringify({
          items: path.includes('/events') ? read.events : read.pods,
        }),
      };
    });
    const events = new WarningEvents({ get, ttlMs: 10_000, timeoutMs: 5_000 });
    const target = {
      cluster: 'base-app-layer-dev',
      namespace: 'base-data-ingestion',
      id: ID,
    };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => events.service(target)),
    );
    expect(answers[0].events).toHaveLength(3);
    expect(get).toHaveBeenCalledTimes(2);
    expect(get.mock.calls.map(c => c[1]).sort()).toEqual([
      '/api/v1/namespaces/base-data-ingestion/events?fieldSelector=type%3DWarning',
      '/api/v1/namespaces/base-data-ingestion/pods',
    ]);

    // the module: every Warning of the namespace, from the same two reads
    const module = await events.module({
      cluster: target.cluster,
      namespace: target.namespace,
    });
    expect(module.events.map(e => `${e.object} ${e.reason}`)).toEqual([
      'Pod/base-data-collector-v2-1-bbbbb BackOff',
      `ReplicaSet/${ID}-5f7c FailedCreate`,
      `Pod/${ID}-5f7c-aaaaa BackOff`,
      `HorizontalPodAutoscaler/${ID} FailedGetResourceMetric`,
      'Service/base-data-collector-service FailedToUpdateEndpoint',
    ]);
    expect(get).toHaveBeenCalledTimes(2);

    up = false;
    const fresh = new WarningEvents({ get, ttlMs: 0, timeoutMs: 5_000 });
    const down = await fresh.service(target);
    expect(down.events).toEqual([]);
    expect(down.error).toMatch(/^cluster base-app-layer-dev .*ECONNREFUSED/);
  });
});
