import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ARGOCD_APP_ANNOTATION,
  syncWavesApplicationSyncPermission,
} from '@internal/plugin-sync-waves-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { DeploymentService } from './services/DeploymentService';
import { sendSharedJson } from '@internal/plugin-base-platform-node';

const k8sName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
  .max(63);
const appName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
  .max(253);

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  /** Undefined when no ArgoCD is configured. */
  deployments?: DeploymentService;
}

export function createRouter(options: RouterOptions): express.Router {
  const { httpAuth, permissions, auditor, catalog } = options;
  const router = Router();
  router.use(express.json());

  const deployments = () => {
    if (!options.deployments) {
      throw new NotFoundError(
        'ArgoCD is not configured: set argocd.appLocatorMethods in app-config',
      );
    }
    return options.deployments;
  };
  const workloadQuery = z.object({
    workload: k8sName.optional(),
    service: k8sName.optional(),
  });

  router.get('/waves', async (req, res) => {
    await httpAuth.credentials(req);
    sendSharedJson(req, res, await deployments().board());
  });

  router.get('/applications/:name', async (req, res) => {
    await httpAuth.credentials(req);
    const name = appName.safeParse(req.params.name);
    if (!name.success)
      throw new InputError(`Invalid Application name "${req.params.name}"`);
    const query = workloadQuery.safeParse(req.query);
    if (!query.success) {
      throw new InputError(
        'workload and service must be Kubernetes object names',
      );
    }
    const { workload, service } = query.data;
    sendSharedJson(
      req,
      res,
      await deployments().application(
        name.data,
        workload ? { id: workload, service } : undefined,
      ),
    );
  });

  router.post('/applications/:name/sync', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const name = appName.safeParse(req.params.name);
    if (!name.success)
      throw new InputError(`Invalid Application name "${req.params.name}"`);
    const audit = await auditor.createEvent({
      eventId: 'application-sync',
      severityLevel: 'medium',
      request: req,
      meta: { application: name.data },
    });
    // The resource is the module's System: its owners may sync its Application.
    const { items: systems } = await catalog.getEntities(
      {
        filter: {
          kind: 'System',
          [`metadata.annotations.${ARGOCD_APP_ANNOTATION}`]: name.data,
        },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    if (systems.length === 0) {
      const error = new NotFoundError(
        `No module in the catalog deploys the Application "${name.data}"`,
      );
      await audit.fail({ error });
      throw error;
    }
    const resourceRef = stringifyEntityRef(systems[0]);
    const [decision] = await permissions.authorize(
      [{ permission: syncWavesApplicationSyncPermission, resourceRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      const error = new NotAllowedError(
        `You may not sync the Application "${name.data}": only platform-team and the owners of ${resourceRef} may`,
      );
      await audit.fail({ error, meta: { module: resourceRef } });
      throw error;
    }
    try {
      await deployments().sync(name.data);
      await audit.success();
      res.status(202).json({ application: name.data, status: 'sync started' });
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });
  return router;
}
