import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { type Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import {
  entityParamsSchema,
  ingestionAgentOf,
  kubernetesIdOf,
  namespaceOf,
  parseInput,
} from '@internal/plugin-base-platform-common';
import { sendSharedJson } from '@internal/plugin-upstream-cache-node';
import express from 'express';
import Router from 'express-promise-router';
import type { HealthService } from './services/HealthService';
import type { CatalogReader } from './services/CatalogReader';
import type { ToolChecker } from './services/ToolChecker';
import { fromPlatform, ProbeScope, targetOf } from './services/targets';
import type { WarningEvents } from './services/WarningEvents';
import type { BurnRateAlerts } from './services/BurnRateAlerts';
import type { ThroughputAlerts } from './services/ThroughputAlerts';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  catalog: CatalogReader;
  health: HealthService;
  tools: ToolChecker;
  events: WarningEvents;
  /** The cluster the modules run in, and whose entities may be probed. */
  scope: ProbeScope;
  /** Error budgets and burn rates. */
  alerts: BurnRateAlerts;
  /** The throughput budgets from Prometheus; absent when no Prometheus is configured. */
  throughputAlerts?: ThroughputAlerts;
}

export function createRouter(options: RouterOptions): express.Router {
  const { httpAuth, catalog, health, tools, events, scope, alerts } = options;
  const { throughputAlerts } = options;
  const router = Router();

  const entityOf = async (
    req: express.Request,
    kind: 'component' | 'system',
  ) => {
    const { namespace, name } = parseInput(
      entityParamsSchema,
      req.params,
      `${kind} reference`,
    );
    const credentials = await httpAuth.credentials(req);
    const entity = await catalog.entity({ kind, namespace, name }, credentials);
    if (!entity)
      throw new NotFoundError(`No ${kind} ${namespace}/${name} in the catalog`);
    return { entity, credentials };
  };

  router.get('/services/:namespace/:name', async (req, res) => {
    const { entity } = await entityOf(req, 'component');
    sendSharedJson(req, res, await health.service(entity));
  });

  /**
   * The namespace whose events an entity's card lists: only for entities
   * from the platform repository (the pods of entities from elsewhere are
   * not read: their annotations could name any namespace).
   */
  const eventsNamespace = (entity: Entity, declared?: string) => {
    if (!fromPlatform(entity, scope)) {
      throw new NotFoundError(
        `${entity.metadata.name} is not from the platform repository the portal reads`,
      );
    }
    const namespace = declared ?? namespaceOf(entity);
    if (!namespace) {
      throw new NotFoundError(
        `${entity.metadata.name} has no backstage.io/kubernetes-namespace annotation`,
      );
    }
    return namespace;
  };

  router.get('/services/:namespace/:name/budget', async (req, res) => {
    const { entity } = await entityOf(req, 'component');
    res.json(await alerts.budget(stringifyEntityRef(entity)));
  });

  router.get(
    '/services/:namespace/:name/throughput-budget',
    async (req, res) => {
      const { entity } = await entityOf(req, 'component');
      const agent = ingestionAgentOf(entity);
      if (!agent)
        throw new NotFoundError(
          `${entity.metadata.name} is not an ingestion agent (no throughput target)`,
        );
      if (!throughputAlerts)
        throw new NotFoundError(
          'Prometheus is not configured: set ingestion.prometheus.baseUrl in app-config',
        );
      res.json(await throughputAlerts.budget(agent.entityRef, agent));
    },
  );

  router.get('/services/:namespace/:name/events', async (req, res) => {
    const { entity } = await entityOf(req, 'component');
    const found = targetOf(entity, scope);
    const namespace = eventsNamespace(
      entity,
      'target' in found ? found.target.namespace : undefined,
    );
    sendSharedJson(
      req,
      res,
      await events.service({
        cluster: scope.cluster,
        namespace,
        id: kubernetesIdOf(entity) ?? entity.metadata.name,
        service: 'target' in found ? found.target.service : undefined,
      }),
    );
  });

  router.get('/modules/:namespace/:name', async (req, res) => {
    const { entity, credentials } = await entityOf(req, 'system');
    const services = await catalog.servicesOf(entity, credentials);
    res.json(
      await health.module(
        `system:${req.params.namespace}/${req.params.name}`,
        services,
      ),
    );
  });

  router.get('/modules/:namespace/:name/events', async (req, res) => {
    const { entity } = await entityOf(req, 'system');
    sendSharedJson(
      req,
      res,
      await events.module({
        cluster: scope.cluster,
        namespace: eventsNamespace(entity),
      }),
    );
  });

  router.get('/tools', async (req, res) => {
    await httpAuth.credentials(req);
    sendSharedJson(req, res, await tools.statuses());
  });

  return router;
}
