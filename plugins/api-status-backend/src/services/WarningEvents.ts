import type {
  ServiceEvents,
  WarningEvent,
} from '@internal/plugin-api-status-common';
import {
  type ClusterAnswer,
  listItems,
  SharedViews,
  TtlCache,
} from '@internal/plugin-base-platform-node';

/** GET a path of a cluster (directly or through the Kubernetes backend's proxy). */
export type ClusterRead = (
  cluster: string,
  path: string,
  signal: AbortSignal,
) => Promise<ClusterAnswer>;

const MAX_EVENTS = 20;

interface NamespaceRead {
  pods: any[];
  events: any[];
}

/**
 * The recent Warning events of a service's objects: its pods (by the
 * `backstage.io/kubernetes-id` label), their ReplicaSets, and the Deployment,
 * HPA and Service named after it. Two lists per namespace and refresh (pods,
 * Warning events), whatever the number of viewers; the last good read is
 * kept with the error when the cluster does not answer.
 */
export class WarningEvents {
  private readonly reads = new Map<string, TtlCache<NamespaceRead>>();
  private readonly views = new SharedViews<ServiceEvents>();

  constructor(
    private readonly options: {
      get: ClusterRead;
      ttlMs: number;
      timeoutMs: number;
    },
  ) {}

  private list(cluster: string, path: string): Promise<any[]> {
    return listItems({
      cluster,
      path,
      timeoutMs: this.options.timeoutMs,
      get: signal => this.options.get(cluster, path, signal),
    });
  }

  async service(target: {
    cluster: string;
    namespace: string;
    id: string;
    service?: string;
  }): Promise<ServiceEvents> {
    const { cluster, namespace } = target;
    const key = `${cluster}/${namespace}`;
    let cache = this.reads.get(key);
    if (!cache) {
      const ns = encodeURIComponent(namespace);
      cache = new TtlCache(async () => {
        const [pods, events] = await Promise.all([
          this.list(cluster, `/api/v1/namespaces/${ns}/pods`),
          this.list(
            cluster,
            `/api/v1/namespaces/${ns}/events?fieldSelector=type%3DWarning`,
          ),
        ]);
        return { pods, events };
      }, this.options.ttlMs);
      this.reads.set(key, cache);
    }
    let read;
    try {
      read = await cache.get();
    } catch (e) {
      return {
        cluster,
        namespace,
        events: [],
        error: (e as Error).message,
      };
    }
    return this.views.get(
      `${key}/${target.id}/${target.service ?? ''}`,
      [read.value, read.error],
      () => ({
        cluster,
        namespace,
        events: warningsOf(read.value, target.id, target.service),
        readAt: new Date(read.fetchedAt).toISOString(),
        error: read.error,
      }),
    );
  }
}

/** The Warning events of a service's objects, newest first. */
export function warningsOf(
  read: NamespaceRead,
  id: string,
  service?: string,
): WarningEvent[] {
  const pods = read.pods.filter(
    p => p.metadata?.labels?.['backstage.io/kubernetes-id'] === id,
  );
  const uids = new Set(pods.map(p => p.metadata?.uid).filter(Boolean));
  const objects = new Set<string>([
    ...pods.map(p => `Pod/${p.metadata?.name}`),
    ...pods.flatMap(p =>
      (p.metadata?.ownerReferences ?? []).map(
        (o: any) => `${o.kind}/${o.name}`,
      ),
    ),
    `Deployment/${id}`,
    `HorizontalPodAutoscaler/${id}`,
    ...(service ? [`Service/${service}`] : []),
  ]);
  const seen = (e: any) =>
    e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
  return read.events
    .filter(e => e.type === 'Warning')
    .filter(
      e =>
        uids.has(e.involvedObject?.uid) ||
        objects.has(`${e.involvedObject?.kind}/${e.involvedObject?.name}`),
    )
    .sort((a, b) => String(seen(b)).localeCompare(String(seen(a))))
    .slice(0, MAX_EVENTS)
    .map(e => ({
      object: `${e.involvedObject?.kind}/${e.involvedObject?.name}`,
      reason: e.reason,
      message: e.message,
      count: e.count ?? e.series?.count ?? 1,
      firstSeen: e.firstTimestamp ?? undefined,
      lastSeen: seen(e),
    }));
}
