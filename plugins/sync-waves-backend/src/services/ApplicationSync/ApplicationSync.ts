import type {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ARGOCD_APP_ANNOTATION,
  syncWavesApplicationSyncPermission,
} from '@internal/plugin-sync-waves-common';
import type { Request } from 'express';

/** Whoever may sync, and the Sync itself (ArgoCD's). */
export interface SyncTarget {
  sync(application: string): Promise<void>;
}

/** What a Sync did, or (dryRun) would do. */
export interface SyncOutcome {
  application: string;
  /** The module (System) whose Application it is: its owners may sync it. */
  module: string;
  dryRun: boolean;
  status: 'sync started' | 'would sync';
}

/**
 * The portal's Sync of an Application, one path for the UI's button (POST
 * /applications/:name/sync) and the MCP tool: the module that deploys it is
 * looked up as the caller sees the catalog, the caller must hold
 * `sync-waves.application.sync` on it (platform-team, or the module's
 * owners), and every attempt is audited (`application-sync`), refusals
 * included. A dry run checks the same and syncs nothing.
 */
export class ApplicationSync {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      permissions: PermissionsService;
      auditor: AuditorService;
      target: () => SyncTarget;
    },
  ) {}

  async sync(
    application: string,
    credentials: BackstageCredentials,
    options: { dryRun?: boolean; request?: Request; via: 'ui' | 'mcp' },
  ): Promise<SyncOutcome> {
    const { catalog, permissions, auditor } = this.options;
    const dryRun = options.dryRun ?? false;
    const principal = credentials.principal as {
      userEntityRef?: string;
      subject?: string;
    };
    const audit = await auditor.createEvent({
      eventId: 'application-sync',
      severityLevel: dryRun ? 'low' : 'medium',
      request: options.request,
      meta: {
        application,
        via: options.via,
        dryRun,
        actor: principal.userEntityRef ?? principal.subject,
      },
    });
    const { items: systems } = await catalog.getEntities(
      {
        filter: {
          kind: 'System',
          [`metadata.annotations.${ARGOCD_APP_ANNOTATION}`]: application,
        },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    if (systems.length === 0) {
      const error = new NotFoundError(
        `No module in the catalog deploys the Application "${application}"`,
      );
      await audit.fail({ error });
      throw error;
    }
    const module = stringifyEntityRef(systems[0]);
    const [decision] = await permissions.authorize(
      [{ permission: syncWavesApplicationSyncPermission, resourceRef: module }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      const error = new NotAllowedError(
        `You may not sync the Application "${application}": only platform-team and the owners of ${module} may`,
      );
      await audit.fail({ error, meta: { module } });
      throw error;
    }
    if (dryRun) {
      await audit.success({ meta: { module } });
      return { application, module, dryRun, status: 'would sync' };
    }
    try {
      await this.options.target().sync(application);
      await audit.success({ meta: { module } });
      return { application, module, dryRun, status: 'sync started' };
    } catch (error) {
      await audit.fail({ error: error as Error, meta: { module } });
      throw error;
    }
  }
}
