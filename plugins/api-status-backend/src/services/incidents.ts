import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { Incident, IncidentBudget, ProbeStore } from './ProbeStore';

/*
 * The incidents of both budgets (availability from the probes, throughput
 * from Prometheus' alerts) and how their owners hear of them: one home, so
 * both open, update, resolve and notify the same way.
 */

/** What one evaluation did, per service (for the log and tests). */
export interface EvaluationResult {
  opened: string[];
  updated: string[];
  resolved: string[];
}

/** The rule firing now for a service. */
export interface FiringRule {
  rule: string;
  severity: 'critical' | 'high';
}

/**
 * Brings a budget's incidents in line with what fires now: an incident opens
 * for a service with a firing rule and none open, is updated when the firing
 * rule changes, and is resolved when nothing fires for its service any more.
 * The callbacks notify; the incidents are rows of the plugin's database, so
 * another replica or a restart opens or resolves nothing twice.
 */
export async function reconcileIncidents(options: {
  store: ProbeStore;
  budget: IncidentBudget;
  nowMs: number;
  firing: Map<string, FiringRule>;
  onOpen(entityRef: string, firing: FiringRule): Promise<void>;
  onUpdate(entityRef: string, firing: FiringRule): Promise<void>;
  onResolve(entityRef: string, incident: Incident): Promise<void>;
}): Promise<EvaluationResult> {
  const { store, budget, nowMs, firing } = options;
  const open = await store.openIncidents(budget);
  const result: EvaluationResult = { opened: [], updated: [], resolved: [] };
  for (const [entityRef, now] of firing) {
    const incident = open.get(entityRef);
    if (!incident) {
      await store.openIncident({
        budget,
        entityRef,
        rule: now.rule,
        severity: now.severity,
        openedAt: nowMs,
      });
      await options.onOpen(entityRef, now);
      result.opened.push(entityRef);
    } else if (incident.rule !== now.rule) {
      await store.updateIncident(incident.id, {
        rule: now.rule,
        severity: now.severity,
        at: nowMs,
      });
      await options.onUpdate(entityRef, now);
      result.updated.push(entityRef);
    }
  }
  for (const [entityRef, incident] of open) {
    if (firing.has(entityRef)) continue;
    await store.resolveIncident(incident.id, nowMs);
    await options.onResolve(entityRef, incident);
    result.resolved.push(entityRef);
  }
  return result;
}

/** How long an incident lasted, in whole minutes (at least 1). */
export const lastedMinutes = (incident: Incident, nowMs: number) =>
  Math.max(1, Math.round((nowMs - incident.openedAt) / 60_000));

/**
 * Sends a service's incident notifications to the owner of its catalog
 * entity (a group, or a user), linked to the service's Health tab.
 */
export class OwnerNotifier {
  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      notifications: NotificationService;
      logger: LoggerService;
      /** The app's base URL, for the link to the Health tab. */
      appBaseUrl: string;
    },
  ) {}

  private async recipientOf(entityRef: string): Promise<string | undefined> {
    const { catalog, auth } = this.options;
    const entity = await catalog.getEntityByRef(entityRef, {
      credentials: await auth.getOwnServiceCredentials(),
    });
    const owner = entity?.spec?.owner;
    return typeof owner === 'string'
      ? stringifyEntityRef(
          parseEntityRef(owner, {
            defaultKind: 'group',
            defaultNamespace: 'default',
          }),
        )
      : undefined;
  }

  private link(entityRef: string) {
    const { namespace, name } = parseEntityRef(entityRef);
    return `${this.options.appBaseUrl}/catalog/${namespace}/component/${name}/health`;
  }

  /** One notification of a budget's incident; `scope` keeps one per incident in the notifications list. */
  async send(
    entityRef: string,
    budget: IncidentBudget,
    payload: {
      title: string;
      description: string;
      severity: 'critical' | 'high' | 'normal' | 'low';
    },
  ): Promise<void> {
    const what = `${budget} budget of ${entityRef}`;
    // the availability budget's topic and scope kept their first names
    const topic =
      budget === 'availability' ? 'error-budget' : 'throughput-budget';
    const recipient = await this.recipientOf(entityRef);
    if (!recipient) {
      this.options.logger.warn(`${what}: no owner to notify`);
      return;
    }
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: recipient },
        payload: {
          ...payload,
          link: this.link(entityRef),
          topic,
          scope: `api-status:${topic}:${entityRef}`,
        },
      });
    } catch (e) {
      this.options.logger.warn(
        `${what}: the notification to ${recipient} failed: ${
          (e as Error).message
        }`,
      );
    }
  }
}
