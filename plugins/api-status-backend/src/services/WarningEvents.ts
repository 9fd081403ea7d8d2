import type {
  ServiceEvents,
  WarningEvent,
} from '@internal/plugin-api-status-common';
import { ANNOTATION_KUBERNETES_ID } from '@internal/plugin-base-platform-common';
import {
  type ClusterGet,
  listItems,
} from '@internal/plugin-cluster-access-node';
import { SharedViews, TtlCache } from '@internal/plugin-upstream-cache-node';

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
      get: ClusterGet;
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
    return this.read(
      target.cluster,
      target.namespace,
      `${target.id}/${target.service ?? ''}`,
      read => warningsOf(read, target.id, target.service),
    );
  }

  /** The recent Warning events of every object in a module's namespace. */
  async module(target: {
    cluster: string;
    namespace: string;
  }): Promise<ServiceEvents> {
    return this.read(target.cluster, target.namespace, '', read =>
      newestWarnings(read.events),
    );
  }

  private async read(
    cluster: string,
    namespace: string,
    view: string,
    select: (read: NamespaceRead) => WarningEvent[],
  ): Promise<ServiceEvents> {
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
    return this.views.get(`${key}/${view}`, [read.value, read.error], () => ({
      cluster,
      namespace,
      events: select(read.value),
      readAt: new Date(read.fetchedAt).toISOString(),
      error: read.error,
    }));
  }
}

/** A ReplicaSet's name suffix: the Deployment's pod-template hash. */
const POD_TEMPLATE_HASH = /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/;

/**
 * Whether a pod is one of the Deployment `id`'s: by the
 * `backstage.io/kubernetes-id` label (our examples and what the scaffolder
 * writes), else — the real platform's pods carry only
 * `app.kubernetes.io/name` — by its owner, a ReplicaSet named
 * `<id>-<pod-template-hash>`.
 */
export function isPodOf(pod: any, id: string): boolean {
  const label = pod.metadata?.labels?.[ANNOTATION_KUBERNETES_ID];
  if (label !== undefined) return label === id;
  return (pod.metadata?.ownerReferences ?? []).some(
    (o: any) =>
      o.kind === 'ReplicaSet' &&
      typeof o.name === 'string' &&
      o.name.startsWith(`${id}-`) &&
      POD_TEMPLATE_HASH.test(o.name.slice(id.length + 1)),
  );
}

/** The Warning events of a service's objects, newest first. */
export function warningsOf(
  read: NamespaceRead,
  id: string,
  service?: string,
): WarningEvent[] {
  const pods = read.pods.filter(p => isPodOf(p, id));
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
  return newestWarnings(
    read.events.filter(
      e =>
        uids.has(e.involvedObject?.uid) ||
        objects.has(`${e.involvedObject?.kind}/${e.involvedObject?.name}`),
    ),
  );
}

/** Warning events, newest first, at most MAX_EVENTS. */
function newestWarnings(events: any[]): WarningEvent[] {
  const seen = (e: any) =>
    e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp;
  return events
    .filter(e => e.type === 'Warning')
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
