import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import express from 'express';
import Router from 'express-promise-router';
import type { HealthService } from './services/HealthService';
import { TARGET_FIELDS } from './services/targets';
import type { ToolChecker } from './services/ToolChecker';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  catalog: CatalogService;
  health: HealthService;
  tools: ToolChecker;
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,252}$/;

export function createRouter(options: RouterOptions): express.Router {
  const { httpAuth, catalog, health, tools } = options;
  const router = Router();

  const entityOf = async (
    req: express.Request,
    kind: 'component' | 'system',
  ) => {
    const { namespace, name } = req.params;
    if (!NAME.test(namespace) || !NAME.test(name)) {
      throw new NotFoundError(`No ${kind} ${namespace}/${name}`);
    }
    const credentials = await httpAuth.credentials(req);
    const entity = await catalog.getEntityByRef(
      { kind, namespace, name },
      { credentials },
    );
    if (!entity)
      throw new NotFoundError(`No ${kind} ${namespace}/${name} in the catalog`);
    return { entity, credentials };
  };

  router.get('/services/:namespace/:name', async (req, res) => {
    const { entity } = await entityOf(req, 'component');
    res.json(await health.service(entity));
  });

  router.get('/modules/:namespace/:name', async (req, res) => {
    const { entity, credentials } = await entityOf(req, 'system');
    const { items } = await catalog.getEntities(
      {
        filter: {
          kind: 'component',
          'spec.type': 'service',
          'spec.system': entity.metadata.name,
        },
        fields: TARGET_FIELDS,
      },
      { credentials },
    );
    res.json(
      await health.module(
        `system:${req.params.namespace}/${req.params.name}`,
        items,
      ),
    );
  });

  router.get('/tools', async (req, res) => {
    await httpAuth.credentials(req);
    res.json(await tools.statuses());
  });

  return router;
}
