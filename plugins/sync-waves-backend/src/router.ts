import type {
  AuditorService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { syncWavesApplicationSyncPermission } from '@internal/plugin-sync-waves-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { ArgoCdClient } from './services/ArgoCdClient';
import type { WaveCache } from './services/WaveCache';
import { toWaveApplication } from './services/WaveBoard/buildWaveBoard';

const appName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
  .max(253);

export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  cache?: WaveCache;
  client?: ArgoCdClient;
}

export function createRouter(options: RouterOptions): express.Router {
  const { httpAuth, permissions, auditor, cache, client } = options;
  const router = Router();
  router.use(express.json());

  const configured = () => {
    if (!cache || !client) {
      throw new NotFoundError(
        'ArgoCD is not configured: set argocd.appLocatorMethods in app-config',
      );
    }
    return { cache, client };
  };

  router.get('/waves', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(await configured().cache.board());
  });

  router.get('/applications/:name', async (req, res) => {
    await httpAuth.credentials(req);
    const name = appName.safeParse(req.params.name);
    if (!name.success)
      throw new InputError(`Invalid Application name "${req.params.name}"`);
    const { apps, fetchedAt, stale, error } =
      await configured().cache.applications();
    const app = apps.find(a => a.metadata.name === name.data);
    if (!app)
      throw new NotFoundError(`ArgoCD has no Application "${name.data}"`);
    res.json({
      application: toWaveApplication(app),
      fetchedAt: new Date(fetchedAt).toISOString(),
      stale,
      error,
    });
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
    const [decision] = await permissions.authorize(
      [{ permission: syncWavesApplicationSyncPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      const error = new NotAllowedError(
        `You may not sync the Application "${name.data}"`,
      );
      await audit.fail({ error });
      throw error;
    }
    try {
      await configured().client.sync(name.data);
      configured().cache.invalidate();
      await audit.success();
      res.status(202).json({ application: name.data, status: 'sync started' });
    } catch (error) {
      await audit.fail({ error: error as Error });
      throw error;
    }
  });
  return router;
}
