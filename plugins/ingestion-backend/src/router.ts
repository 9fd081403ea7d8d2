import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  entityParamsSchema,
  parseInput,
} from '@internal/plugin-base-platform-common';
import { sendSharedJson } from '@internal/plugin-upstream-cache-node';
import express from 'express';
import Router from 'express-promise-router';
import type { ThroughputService } from './services/ThroughputService';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  /** The throughput service; throws NotFoundError, saying so, when no Prometheus is configured. */
  throughput: () => ThroughputService;
}

/** Read-only routes; every one needs a signed-in user or a service. */
export function createRouter(options: RouterOptions): express.Router {
  const { httpAuth, throughput } = options;
  const router = Router();

  const ref = (kind: string, params: unknown) => {
    const { namespace, name } = parseInput(
      entityParamsSchema,
      params,
      `${kind} reference`,
    );
    return `${kind}:${namespace}/${name}`;
  };

  router.get('/agents/:namespace/:name', async (req, res) => {
    await httpAuth.credentials(req);
    // the agent's view is shared by every viewer until the next query
    sendSharedJson(
      req,
      res,
      await throughput().agent(ref('component', req.params)),
    );
  });

  router.get('/modules/:namespace/:name', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(await throughput().module(ref('system', req.params)));
  });

  router.get('/platform', async (req, res) => {
    await httpAuth.credentials(req);
    sendSharedJson(req, res, await throughput().platformThroughput());
  });

  return router;
}
