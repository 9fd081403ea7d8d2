import type { UrlReaderService } from '@backstage/backend-plugin-api';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import {
  parsePlatformTree,
  type ParseOptions,
  platformLocation,
  type PlatformSource,
  type PlatformTree,
  readDirectoryTree,
  readUrlTree,
  treeDigest,
} from '@internal/plugin-base-platform-node';
import {
  type ClusterGet,
  listItems,
} from '@internal/plugin-cluster-access-node';
import type { DriftReport } from '@internal/plugin-sync-waves-common';
import { SharedViews, TtlCache } from '@internal/plugin-upstream-cache-node';
import type { DeploymentService } from '../DeploymentService';
import { compareModule, LiveIndex } from './compareDrift';

/** The lists one refresh reads per cluster: one call per kind. */
export const DRIFT_LISTS = {
  Deployment: '/apis/apps/v1/deployments',
  Service: '/api/v1/services',
  HorizontalPodAutoscaler: '/apis/autoscaling/v2/horizontalpodautoscalers',
  ConfigMap: '/api/v1/configmaps',
} as const;

type ClusterLists = Record<keyof typeof DRIFT_LISTS, any[]>;

/**
 * Drift between the platform tree, the clusters and ArgoCD. The tree is read
 * (and parsed only when it changed) once per tree period, each cluster's
 * four lists once per refresh, ArgoCD's Applications from the Deploy views'
 * cached list; the report is worked out once per change of any of them and
 * shared by every viewer.
 */
export class DriftService {
  private readonly tree: TtlCache<{ digest: string; tree: PlatformTree }>;
  private readonly clusters = new Map<string, TtlCache<ClusterLists>>();
  private readonly reports = new SharedViews<DriftReport>(1);

  constructor(
    private readonly options: {
      source: PlatformSource;
      parse: ParseOptions;
      reader: UrlReaderService;
      clusters: string[];
      get: ClusterGet;
      deployments?: DeploymentService;
      cacheMs: number;
      treeCacheMs: number;
      timeoutMs: number;
    },
  ) {
    let last: { digest: string; tree: PlatformTree } | undefined;
    this.tree = new TtlCache(async () => {
      const { source } = options;
      const files =
        source.type === 'directory'
          ? await readDirectoryTree(source.path)
          : await readUrlTree(options.reader, source.url);
      const digest = treeDigest(files);
      // an unchanged tree is not parsed again (the report stays shared)
      if (last?.digest !== digest)
        last = { digest, tree: parsePlatformTree(files, options.parse) };
      return last;
    }, options.treeCacheMs);
    for (const cluster of options.clusters) {
      this.clusters.set(
        cluster,
        new TtlCache(() => this.readCluster(cluster), options.cacheMs),
      );
    }
  }

  private async readCluster(cluster: string): Promise<ClusterLists> {
    const entries = await Promise.all(
      Object.entries(DRIFT_LISTS).map(async ([kind, path]) => [
        kind,
        await listItems({
          cluster,
          path,
          timeoutMs: this.options.timeoutMs,
          optional: false,
          get: signal => this.options.get(cluster, path, signal),
        }),
      ]),
    );
    return Object.fromEntries(entries) as ClusterLists;
  }

  /** The drift of every module, with the state of each source. */
  async report(): Promise<DriftReport> {
    const location = platformLocation(this.options.source);
    const [tree, clusters, argo] = await Promise.all([
      this.tree.get().catch((e: Error) => e),
      Promise.all(
        this.options.clusters.map(c =>
          this.clusters
            .get(c)!
            .get()
            .catch((e: Error) => e),
        ),
      ),
      this.options.deployments
        ? this.options.deployments.list().catch((e: Error) => e)
        : Promise.resolve(new Error('ArgoCD is not configured')),
    ]);
    // a new answer when any source has new data or a new error
    const deps = [tree, ...clusters, argo].flatMap(x =>
      x instanceof Error ? [x.message] : [x.value, x.error],
    );
    return this.reports.get('report', deps, () => {
      const index = new LiveIndex();
      clusters.forEach((c, i) => {
        if (c instanceof Error) return;
        for (const kind of Object.keys(DRIFT_LISTS) as Array<
          keyof typeof DRIFT_LISTS
        >)
          index.add(kind, this.options.clusters[i], c.value[kind]);
      });
      const apps = argo instanceof Error ? [] : argo.value;
      const byNamespace = new Map(
        apps.map(a => [a.spec?.destination?.namespace ?? '', a]),
      );
      const byName = new Map(apps.map(a => [a.metadata.name, a]));
      const liveReadable = clusters.some(c => !(c instanceof Error));
      const modules =
        tree instanceof Error || !liveReadable
          ? []
          : tree.value.tree.modules.map(m => {
              const app =
                (m.application && byName.get(m.application.name)) ??
                byNamespace.get(m.namespace);
              return compareModule(
                m,
                index,
                app
                  ? {
                      application: app.metadata.name,
                      resources: app.status?.resources ?? [],
                    }
                  : undefined,
              );
            });
      return {
        readAt: new Date().toISOString(),
        sources: {
          tree:
            tree instanceof Error
              ? { location, error: tree.message }
              : {
                  location,
                  readAt: new Date(tree.fetchedAt).toISOString(),
                  error: tree.error,
                },
          clusters: clusters.map((c, i) => ({
            cluster: this.options.clusters[i],
            ...(c instanceof Error
              ? { error: c.message }
              : {
                  readAt: new Date(c.fetchedAt).toISOString(),
                  error: c.error,
                }),
          })),
          argocd:
            argo instanceof Error
              ? { error: argo.message }
              : {
                  readAt: new Date(argo.fetchedAt).toISOString(),
                  error: argo.error,
                },
        },
        modules,
      };
    });
  }

  /** One module's drift (by its namespace), with the sources. */
  async namespace(namespace: string) {
    const report = await this.report();
    const module = report.modules.find(m => m.namespace === namespace);
    let unreadable: string | undefined;
    if (report.sources.tree.error && !report.sources.tree.readAt) {
      unreadable = `the platform tree at ${report.sources.tree.location} could not be read: ${report.sources.tree.error}`;
    } else if (report.sources.clusters.every(c => !c.readAt)) {
      unreadable = `no cluster could be read: ${report.sources.clusters
        .map(c => `${c.cluster}: ${c.error}`)
        .join('; ')}`;
    }
    if (unreadable) throw new ServiceUnavailableError(unreadable);
    if (!module) {
      throw new NotFoundError(
        `No module of the platform tree has the namespace "${namespace}"`,
      );
    }
    return { readAt: report.readAt, sources: report.sources, module };
  }
}
