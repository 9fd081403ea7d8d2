import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import {
  kubernetesNameSchema,
  parseInput,
} from '@internal/plugin-base-platform-common';
import { sendSharedJson } from '@internal/plugin-upstream-cache-node';
import express from 'express';
import Router from 'express-promise-router';
import type { CapacityService } from './services/CapacityService';

const checked = (value: string, what: string) =>
  parseInput(kubernetesNameSchema, value, `${what} name`);

/** Read-only routes; every one needs a signed-in user or a service. */
export function createRouter(options: {
  httpAuth: HttpAuthService;
  capacity: CapacityService;
}): express.Router {
  const { httpAuth, capacity } = options;
  const router = Router();

  router.get('/clusters', async (req, res) => {
    await httpAuth.credentials(req);
    res.json({ clusters: capacity.clusters() });
  });

  router.get('/clusters/:cluster', async (req, res) => {
    await httpAuth.credentials(req);
    sendSharedJson(
      req,
      res,
      await capacity.cluster(checked(req.params.cluster, 'cluster')),
    );
  });

  router.get('/clusters/:cluster/cost', async (req, res) => {
    await httpAuth.credentials(req);
    sendSharedJson(
      req,
      res,
      await capacity.clusterCost(checked(req.params.cluster, 'cluster')),
    );
  });

  router.get('/namespaces/:namespace/cost', async (req, res) => {
    await httpAuth.credentials(req);
    sendSharedJson(
      req,
      res,
      await capacity.namespaceCost(checked(req.params.namespace, 'namespace')),
    );
  });

  router.get('/namespaces/:namespace', async (req, res) => {
    await httpAuth.credentials(req);
    sendSharedJson(
      req,
      res,
      await capacity.namespace(checked(req.params.namespace, 'namespace')),
    );
  });

  router.get('/pools/:pool', async (req, res) => {
    await httpAuth.credentials(req);
    const name = checked(req.params.pool, 'NodePool');
    const errors: string[] = [];
    for (const cluster of capacity.clusters()) {
      try {
        const view = await capacity.cluster(cluster);
        const pool = view.pools.find(p => p.name === name);
        if (pool) {
          res.json({
            cluster,
            readAt: view.readAt,
            error: view.error,
            pool,
            spot: view.spot,
            pending: view.pending.length,
            claims: view.claims.filter(c => c.pool === name),
          });
          return;
        }
      } catch (e) {
        errors.push((e as Error).message);
      }
    }
    throw new NotFoundError(
      `No NodePool "${name}" in ${capacity.clusters().join(', ')}${
        errors.length ? ` (${errors.join('; ')})` : ''
      }`,
    );
  });

  return router;
}
