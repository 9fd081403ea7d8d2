import type { EventsService } from '@backstage/plugin-events-node';
import { BASE_PLATFORM_CHANGED_TOPIC } from '@internal/plugin-base-platform-common';
import type {
  LoggerService,
  SchedulerServiceTaskRunner,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import type {
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import { buildEntities, buildModuleEntities } from './buildEntities';
import type { BasePlatformProviderConfig } from './config';
import {
  ModuleTree,
  parsePlatformTreeInBatches,
  platformLocation,
  PlatformFile,
  readDirectoryTree,
  readUrlTree,
  treeDigest,
} from '@internal/plugin-base-platform-node';

/** An unchanged tree is applied again after this long at the latest. */
const REAPPLY_MS = 10 * 60_000;

/**
 * Modules per early batch (about 1,600 entities): a big tree's modules go
 * into the catalog as they are parsed, not all after the last one.
 */
export const BATCH_MODULES = 50;

/** Without undefined fields, so the entity is plain JSON (and hashes as stored). */
const plain = (entity: Entity): Entity => JSON.parse(JSON.stringify(entity));

/**
 * Reads the BASE platform tree on a schedule and replaces the catalog's view
 * of it. A failed read throws and applies nothing, so the catalog keeps what
 * it had; bad files inside the tree are findings on their module.
 */
export class BasePlatformEntityProvider implements EntityProvider {
  private connection?: EntityProviderConnection;
  /** The tree last applied, so an unchanged tree costs no parsing and no mutation. */
  private last?: {
    digest: string;
    at: number;
    result: { entities: number; findings: number };
  };

  constructor(
    private readonly options: {
      config: BasePlatformProviderConfig;
      logger: LoggerService;
      reader: UrlReaderService;
      taskRunner: SchedulerServiceTaskRunner;
      /** When given, a `base-platform.changed` event triggers a read at once. */
      events?: EventsService;
      /** Modules per early batch; default BATCH_MODULES. */
      batchModules?: number;
    },
  ) {}

  getProviderName(): string {
    return 'base-platform';
  }

  async connect(connection: EntityProviderConnection): Promise<void> {
    this.connection = connection;
    await this.options.events?.subscribe({
      id: `${this.getProviderName()}:changed`,
      topics: [BASE_PLATFORM_CHANGED_TOPIC],
      onEvent: async () => {
        this.options.logger.info('The platform tree changed; reading it again');
        await this.refresh();
      },
    });
    await this.options.taskRunner.run({
      id: `${this.getProviderName()}:refresh`,
      fn: async () => {
        try {
          await this.refresh();
        } catch (error) {
          this.options.logger.error(
            `Could not read the BASE platform tree; the catalog keeps its last view of it`,
            error as Error,
          );
        }
      },
    });
  }

  /** Where entities say they come from. */
  private location(): string {
    return platformLocation(this.options.config.source);
  }

  private async read(): Promise<PlatformFile[]> {
    const { source } = this.options.config;
    return source.type === 'directory'
      ? readDirectoryTree(source.path)
      : readUrlTree(this.options.reader, source.url);
  }

  /** One full read and replace. Throws when the tree cannot be read. */
  async refresh(): Promise<{
    entities: number;
    findings: number;
    unchanged?: boolean;
  }> {
    if (!this.connection) throw new Error('Not connected to the catalog');
    const files = await this.read();
    if (files.length === 0) {
      throw new Error(`The platform tree at ${this.location()} is empty`);
    }
    // an unchanged tree is neither parsed nor applied again (re-applied at
    // most every REAPPLY_MS, so entities removed by hand come back)
    const digest = treeDigest(files);
    if (
      this.last?.digest === digest &&
      Date.now() - this.last.at < REAPPLY_MS
    ) {
      return { ...this.last.result, unchanged: true };
    }
    // Parsing the YAML is most of a read (about 45 ms a module): the modules
    // of a tree bigger than one batch are added batch by batch as they are
    // parsed (a delta: an entity whose hash is unchanged costs the catalog
    // nothing), and the full mutation at the end adds the platform's own
    // entities and removes what the tree no longer has.
    // The parse goes a module at a time, and the replica's other requests
    // are served between modules: a batch of 50 parsed in one go would
    // stall its event loop for about 2 s (readiness checks time out).
    const location = this.location();
    const batchSize = this.options.batchModules ?? BATCH_MODULES;
    const parts = parsePlatformTreeInBatches(
      files,
      this.options.config.parse,
      1,
    );
    let batches = 0;
    let pending: ModuleTree[] = [];
    const addPending = async (slugs: ReadonlySet<string>) => {
      if (batches === 0)
        this.options.logger.info(
          `Adding the tree's ${slugs.size} modules to the catalog in batches of ${batchSize} as they are parsed`,
        );
      const added = pending
        .flatMap(m => buildModuleEntities(m, location, slugs))
        .map(entity => ({ entity: plain(entity), locationKey: location }));
      pending = [];
      await this.connection!.applyMutation({
        type: 'delta',
        added,
        removed: [],
      });
      batches++;
    };
    let step = parts.next();
    let lastSlugs: ReadonlySet<string> | undefined;
    while (!step.done) {
      const { modules, slugs } = step.value;
      lastSlugs = slugs;
      pending.push(...modules);
      // a tree bigger than one batch: its modules go in as deltas
      if (pending.length >= batchSize && slugs.size > batchSize)
        await addPending(slugs);
      await new Promise(resolve => setImmediate(resolve));
      step = parts.next();
    }
    if (batches > 0 && pending.length > 0) await addPending(lastSlugs!);
    const tree = step.value;
    if (tree.modules.length === 0) {
      throw new Error(
        `The platform tree at ${this.location()} has no module folder (a snake_case folder with agents/ and kustomization.yaml); nothing applied`,
      );
    }
    const entities: Entity[] = buildEntities(tree, location).map(plain);
    await this.connection.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({ entity, locationKey: location })),
    });
    const findings =
      tree.findings.length +
      tree.modules.reduce((n, m) => n + m.findings.length, 0);
    this.options.logger.info(
      `Read ${tree.modules.length} modules: ${
        entities.length
      } entities, ${findings} conformance findings${
        batches > 0 ? ` (modules added in ${batches} batches first)` : ''
      }`,
    );
    const result = { entities: entities.length, findings };
    this.last = { digest, at: Date.now(), result };
    return result;
  }
}
