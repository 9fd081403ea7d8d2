import { NotFoundError } from '@backstage/errors';
import type {
  ApplicationDeployment,
  WaveBoard,
} from '@internal/plugin-sync-waves-common';
import type { ArgoCdClient, ArgoResourceNode } from '../ArgoCdClient';
import { serviceResources, type ServiceWorkload } from '../ServiceResources';
import { SharedViews, TtlCache } from '@internal/plugin-upstream-cache-node';
import {
  ArgoApplication,
  buildWaves,
  toWaveApplication,
} from '../WaveBoard/buildWaveBoard';

/**
 * Deploy data for the wave board and the entity pages: one list of every
 * Application per TTL, and one resource tree per Application per TTL, so
 * upstream calls grow with neither the number of services nor of viewers.
 */
export class DeploymentService {
  private readonly applications: TtlCache<ArgoApplication[]>;
  private readonly trees = new Map<
    string,
    TtlCache<{ nodes: ArgoResourceNode[] }>
  >();

  /** What every entity request derives from one list, computed once per list. */
  private readonly derived = new WeakMap<
    ArgoApplication[],
    {
      byName: Map<string, ArgoApplication>;
      waves: ReturnType<typeof buildWaves>;
    }
  >();

  /** One answer per Application (and service) and refresh, shared by its viewers. */
  private readonly views = new SharedViews<ApplicationDeployment>();
  private readonly boards = new SharedViews<WaveBoard>(1);

  constructor(
    private readonly client: ArgoCdClient,
    private readonly ttlMs: number,
  ) {
    this.applications = new TtlCache(() => client.listApplications(), ttlMs);
  }

  /** The cached list of every Application (for the drift comparison). */
  list() {
    return this.applications.get();
  }

  async board(): Promise<WaveBoard> {
    const { value, fetchedAt, stale, error } = await this.applications.get();
    return this.boards.get('board', [value, fetchedAt, error], () => ({
      waves: buildWaves(value),
      fetchedAt: new Date(fetchedAt).toISOString(),
      stale,
      error,
    }));
  }

  async application(
    name: string,
    workload?: ServiceWorkload,
  ): Promise<ApplicationDeployment> {
    // an Application read before: its resource tree is read alongside the
    // list, so a slow ArgoCD costs one timeout, not two in a row
    const early = workload ? this.trees.get(name)?.get() : undefined;
    early?.catch(() => undefined);
    const { value, fetchedAt, stale, error } = await this.applications.get();
    let derived = this.derived.get(value);
    if (!derived) {
      derived = {
        byName: new Map(value.map(a => [a.metadata.name, a])),
        waves: buildWaves(value),
      };
      this.derived.set(value, derived);
    }
    const app = derived.byName.get(name);
    if (!app) throw new NotFoundError(`ArgoCD has no Application "${name}"`);
    let nodes: ArgoResourceNode[] | undefined;
    if (workload) {
      let tree = this.trees.get(name);
      if (!tree) {
        tree = new TtlCache(() => this.client.resourceTree(name), this.ttlMs);
        this.trees.set(name, tree);
      }
      nodes = (await (early ?? tree.get())).value.nodes ?? [];
    }
    const key = `${name}/${workload?.id ?? ''}/${workload?.service ?? ''}/${
      workload?.hpa ?? ''
    }`;
    return this.views.get(key, [app, fetchedAt, error, nodes], () => {
      const application = toWaveApplication(app);
      return {
        application,
        blockedBy: derived.waves.find(w => w.wave === application.wave)
          ?.blockedBy,
        resources:
          workload && nodes
            ? serviceResources(app, nodes, workload)
            : undefined,
        fetchedAt: new Date(fetchedAt).toISOString(),
        stale,
        error,
      };
    });
  }

  async sync(name: string): Promise<void> {
    await this.client.sync(name);
    this.applications.invalidate();
    this.trees.get(name)?.invalidate();
  }
}
