import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import type { ApplicationSync } from './services/ApplicationSync';
import type { DeploymentService } from './services/DeploymentService';
import { sendSharedJson } from '@internal/plugin-upstream-cache-node';

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
  /** The Deployment service; throws NotFoundError, saying so, when no ArgoCD is configured. */
  deployments: () => DeploymentService;
  /** The Sync, shared with the MCP tool. */
  applicationSync: ApplicationSync;
}

export function createRouter(options: RouterOptions): express.Router {
  const { httpAuth, applicationSync, deployments } = options;
  const router = Router();
  router.use(express.json());
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
    const outcome = await applicationSync.sync(name.data, credentials, {
      request: req,
      via: 'ui',
    });
    res
      .status(202)
      .json({ application: outcome.application, status: outcome.status });
  });
  return router;
}
