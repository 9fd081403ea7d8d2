import type { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  applicationNameSchema,
  kubernetesNameSchema,
  kubernetesObjectNameSchema,
  parseInput,
} from '@internal/plugin-base-platform-common';
import type { ApplicationSync } from './services/ApplicationSync';
import type { DeploymentService } from './services/DeploymentService';
import type { DriftService } from './services/Drift';
import { sendSharedJson } from '@internal/plugin-upstream-cache-node';

const workloadQuery = z.object({
  workload: kubernetesObjectNameSchema.optional(),
  service: kubernetesObjectNameSchema.optional(),
  hpa: kubernetesObjectNameSchema.optional(),
});

export interface RouterOptions {
  httpAuth: HttpAuthService;
  /** The Deployment service; throws NotFoundError, saying so, when no ArgoCD is configured. */
  deployments: () => DeploymentService;
  /** The Sync, shared with the MCP tool. */
  applicationSync: ApplicationSync;
  /** The drift comparison; throws, saying why, when the tree or clusters are not configured. */
  drift: () => DriftService;
}

export function createRouter(options: RouterOptions): express.Router {
  const { httpAuth, applicationSync, deployments, drift } = options;
  const router = Router();
  router.use(express.json());

  router.get('/waves', async (req, res) => {
    await httpAuth.credentials(req);
    sendSharedJson(req, res, await deployments().board());
  });

  router.get('/drift', async (req, res) => {
    await httpAuth.credentials(req);
    sendSharedJson(req, res, await drift().report());
  });

  router.get('/drift/namespaces/:namespace', async (req, res) => {
    await httpAuth.credentials(req);
    const namespace = parseInput(
      kubernetesNameSchema,
      req.params.namespace,
      'namespace',
    );
    res.json(await drift().namespace(namespace));
  });

  router.get('/applications/:name', async (req, res) => {
    await httpAuth.credentials(req);
    const name = parseInput(
      applicationNameSchema,
      req.params.name,
      'Application name',
    );
    const { workload, service, hpa } = parseInput(
      workloadQuery,
      req.query,
      'workload query',
    );
    sendSharedJson(
      req,
      res,
      await deployments().application(
        name,
        workload ? { id: workload, service, hpa } : undefined,
      ),
    );
  });

  router.post('/applications/:name/sync', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const name = parseInput(
      applicationNameSchema,
      req.params.name,
      'Application name',
    );
    const outcome = await applicationSync.sync(name, credentials, {
      request: req,
      via: 'ui',
    });
    res
      .status(202)
      .json({ application: outcome.application, status: outcome.status });
  });
  return router;
}
