import type {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { TtlCache } from '@internal/plugin-upstream-cache-node';
import { TARGET_FIELDS } from './targets';

const MAX_PRINCIPALS = 1000;

/**
 * The entities behind the Health routes and the probe runs, read without a
 * catalog round trip per request: api-status' one catalog reader. Each
 * replica keeps the services and systems it needs (the fields of
 * TARGET_FIELDS), read with its own credentials once per `ttlMs`;
 * a viewer gets them only when the permission policy lets them read every
 * catalog entity (`catalog.entity.read` decided ALLOW without conditions),
 * a decision kept per user or service for `ttlMs`. With a conditional
 * decision, or for an entity not read yet, the catalog is asked with the
 * viewer's own credentials, as before; DENY reads nothing.
 */
export class CatalogReader {
  private readonly snapshot: TtlCache<{
    services: Entity[];
    byRef: Map<string, Entity>;
    bySystem: Map<string, Entity[]>;
  }>;
  private readonly decisions = new Map<
    string,
    { at: number; result: Promise<AuthorizeResult> }
  >();

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      permissions: PermissionsService;
      ttlMs: number;
      now?: () => number;
    },
  ) {
    this.snapshot = new TtlCache(
      () => this.readAll(),
      options.ttlMs,
      options.now,
    );
  }

  private async readAll() {
    const { items } = await this.options.catalog.getEntities(
      {
        filter: [
          { kind: 'component', 'spec.type': 'service' },
          { kind: 'system' },
        ],
        fields: TARGET_FIELDS,
      },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    const services: Entity[] = [];
    const byRef = new Map<string, Entity>();
    const bySystem = new Map<string, Entity[]>();
    for (const entity of items) {
      byRef.set(stringifyEntityRef(entity), entity);
      if (entity.kind.toLowerCase() === 'component') services.push(entity);
      const system = (entity.spec as { system?: string } | undefined)?.system;
      if (entity.kind.toLowerCase() === 'component' && system) {
        const key = `${entity.metadata.namespace ?? 'default'}/${system}`;
        const ofSystem = bySystem.get(key);
        if (ofSystem) ofSystem.push(entity);
        else bySystem.set(key, [entity]);
      }
    }
    return { services, byRef, bySystem };
  }

  /**
   * Every service component, as the plugin itself reads them: what the probe
   * runs probe. The same read as the Health routes' (one catalog read per
   * `ttlMs` for both); while the catalog cannot be read, the last good list
   * with the error. Throws when nothing was ever read.
   */
  async services(): Promise<{ entities: Entity[]; error?: string }> {
    const cached = await this.snapshot.get();
    return { entities: cached.value.services, error: cached.error };
  }

  private decision(
    credentials: BackstageCredentials,
  ): Promise<AuthorizeResult> {
    const p = credentials.principal as {
      type: string;
      userEntityRef?: string;
      subject?: string;
    };
    const key = `${p.type}:${p.userEntityRef ?? p.subject ?? ''}`;
    const now = (this.options.now ?? Date.now)();
    const hit = this.decisions.get(key);
    if (hit && now - hit.at < this.options.ttlMs) return hit.result;
    const result = this.options.permissions
      .authorizeConditional([{ permission: catalogEntityReadPermission }], {
        credentials,
      })
      .then(([d]) => d.result);
    result.catch(() => this.decisions.delete(key));
    this.decisions.delete(key);
    this.decisions.set(key, { at: now, result });
    if (this.decisions.size > MAX_PRINCIPALS)
      this.decisions.delete(this.decisions.keys().next().value!);
    return result;
  }

  /** The kept entities; none while the catalog cannot be read (then each request asks it). */
  private async kept() {
    try {
      return (await this.snapshot.get()).value;
    } catch {
      return undefined;
    }
  }

  /** Whether the kept entities may be handed to this viewer. */
  private async allowedAll(credentials: BackstageCredentials) {
    const result = await this.decision(credentials);
    if (result === AuthorizeResult.DENY) return 'deny' as const;
    return result === AuthorizeResult.ALLOW
      ? ('all' as const)
      : ('ask' as const);
  }

  /** The entity as the viewer may read it; undefined when it is not in the catalog or not theirs to read. */
  async entity(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<Entity | undefined> {
    const access = await this.allowedAll(credentials);
    if (access === 'deny') return undefined;
    if (access === 'all') {
      const kept = (await this.kept())?.byRef.get(stringifyEntityRef(ref));
      if (kept) return kept;
    }
    return this.options.catalog.getEntityByRef(ref, { credentials });
  }

  /** The services of a System, as the viewer may read them. */
  async servicesOf(
    system: Entity,
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const access = await this.allowedAll(credentials);
    if (access === 'deny') return [];
    const key = `${system.metadata.namespace ?? 'default'}/${
      system.metadata.name
    }`;
    if (access === 'all') {
      const kept = (await this.kept())?.bySystem.get(key);
      if (kept) return kept;
    }
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          kind: 'component',
          'spec.type': 'service',
          'spec.system': system.metadata.name,
        },
        fields: TARGET_FIELDS,
      },
      { credentials },
    );
    return items;
  }
}
