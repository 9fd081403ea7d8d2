import type {
  AuthService,
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import {
  budgetOf,
  type BudgetPolicy,
  evaluateRules,
  type RuleVerdict,
  windowsOf,
} from './errorBudget';
import type { Incident, ProbeStore } from './ProbeStore';

/** What one evaluation did, per service (for the log and tests). */
export interface EvaluationResult {
  opened: string[];
  updated: string[];
  resolved: string[];
}

const fmt = (n?: number) => (n === undefined ? 'n/a' : `${n.toFixed(1)}×`);

/**
 * Evaluates every probed service's burn rates against the policy's rules
 * and tells the owner group of the service's module: one notification per
 * incident (its `scope`), updated when the firing rule changes, and a
 * resolving one when no rule fires any more. The incidents are rows of the
 * plugin's database and the evaluation a global scheduled task, so with
 * several replicas exactly one evaluates each run and nothing is sent twice.
 */
export class BurnRateAlerts {
  constructor(
    private readonly options: {
      store: ProbeStore;
      catalog: CatalogService;
      auth: AuthService;
      notifications: NotificationService;
      logger: LoggerService;
      policy: BudgetPolicy;
      /** The app's base URL, for the link to the Health tab. */
      appBaseUrl: string;
      evaluateSeconds: number;
    },
  ) {}

  async start(scheduler: SchedulerService): Promise<void> {
    await scheduler.scheduleTask({
      id: 'api-status-burn-rate',
      frequency: { seconds: this.options.evaluateSeconds },
      timeout: { seconds: Math.max(30, this.options.evaluateSeconds * 2) },
      initialDelay: { seconds: this.options.evaluateSeconds },
      fn: async () => {
        const result = await this.evaluate();
        if (
          result.opened.length +
          result.updated.length +
          result.resolved.length
        )
          this.options.logger.info(
            `error budgets: opened ${result.opened.length}, updated ${result.updated.length}, resolved ${result.resolved.length} incidents`,
          );
      },
    });
  }

  /** The rules' verdicts for every service with probes in the longest window, or for one. */
  async verdicts(
    nowMs = Date.now(),
    only?: string,
  ): Promise<Map<string, RuleVerdict[]>> {
    const { store, policy } = this.options;
    const windows = windowsOf(policy);
    const counts = new Map(
      await Promise.all(
        windows.map(
          async w => [w, await store.serviceCounts(nowMs - w, only)] as const,
        ),
      ),
    );
    const services = counts.get(windows[windows.length - 1]) ?? new Map();
    const out = new Map<string, RuleVerdict[]>();
    for (const entityRef of services.keys()) {
      out.set(
        entityRef,
        evaluateRules(
          policy,
          w => counts.get(w)?.get(entityRef) ?? { probes: 0, ok: 0 },
        ),
      );
    }
    return out;
  }

  /** One evaluation: opens, updates and resolves incidents, and notifies. */
  async evaluate(nowMs = Date.now()): Promise<EvaluationResult> {
    const { store } = this.options;
    const [verdicts, open] = await Promise.all([
      this.verdicts(nowMs),
      store.openIncidents(),
    ]);
    const result: EvaluationResult = { opened: [], updated: [], resolved: [] };
    for (const [entityRef, list] of verdicts) {
      const firing = list.find(v => v.firing);
      const incident = open.get(entityRef);
      if (firing && !incident) {
        await store.openIncident({
          entityRef,
          rule: firing.rule.name,
          severity: firing.rule.severity,
          openedAt: nowMs,
        });
        await this.notify(entityRef, firing, list);
        result.opened.push(entityRef);
      } else if (firing && incident && incident.rule !== firing.rule.name) {
        await store.updateIncident(incident.id, {
          rule: firing.rule.name,
          severity: firing.rule.severity,
          at: nowMs,
        });
        await this.notify(entityRef, firing, list);
        result.updated.push(entityRef);
      } else if (!firing && incident) {
        await store.resolveIncident(incident.id, nowMs);
        await this.notifyResolved(entityRef, incident, nowMs);
        result.resolved.push(entityRef);
      }
    }
    // a service no longer probed at all: its incident ends too
    for (const [entityRef, incident] of open) {
      if (verdicts.has(entityRef)) continue;
      await store.resolveIncident(incident.id, nowMs);
      await this.notifyResolved(entityRef, incident, nowMs);
      result.resolved.push(entityRef);
    }
    return result;
  }

  /** The 30-day budget and the rules' burn rates of one service, for the Health tab. */
  async budget(entityRef: string, nowMs = Date.now()) {
    const { store, policy } = this.options;
    const [counts, verdicts, incidents] = await Promise.all([
      store.counts([entityRef], nowMs - policy.periodMs),
      this.verdicts(nowMs, entityRef),
      store.incidents(entityRef),
    ]);
    const total = counts.reduce(
      (s, c) => ({ probes: s.probes + c.probes, ok: s.ok + c.ok }),
      { probes: 0, ok: 0 },
    );
    return {
      ...budgetOf(total, policy.objective),
      periodDays: Math.round(policy.periodMs / 86_400_000),
      rules: (verdicts.get(entityRef) ?? []).map(v => ({
        name: v.rule.name,
        severity: v.rule.severity,
        factor: v.rule.factor,
        longMinutes: v.rule.longMs / 60_000,
        shortMinutes: v.rule.shortMs / 60_000,
        longBurn: v.longBurn,
        shortBurn: v.shortBurn,
        firing: v.firing,
      })),
      incident: incidents.find(i => i.resolvedAt === undefined),
    };
  }

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

  private scope = (entityRef: string) => `api-status:error-budget:${entityRef}`;

  private async send(
    entityRef: string,
    payload: {
      title: string;
      description: string;
      severity: 'critical' | 'high' | 'normal' | 'low';
    },
  ) {
    const recipient = await this.recipientOf(entityRef);
    if (!recipient) {
      this.options.logger.warn(
        `error budget of ${entityRef}: no owner to notify`,
      );
      return;
    }
    try {
      await this.options.notifications.send({
        recipients: { type: 'entity', entityRef: recipient },
        payload: {
          ...payload,
          link: this.link(entityRef),
          topic: 'error-budget',
          scope: this.scope(entityRef),
        },
      });
    } catch (e) {
      this.options.logger.warn(
        `error budget of ${entityRef}: the notification to ${recipient} failed: ${
          (e as Error).message
        }`,
      );
    }
  }

  private notify(entityRef: string, firing: RuleVerdict, all: RuleVerdict[]) {
    const { rule } = firing;
    const { name } = parseEntityRef(entityRef);
    return this.send(entityRef, {
      severity: rule.severity,
      title: `${name}: error budget burning ${fmt(firing.longBurn)} (${
        rule.name
      })`,
      description: `Against ${(this.options.policy.objective * 100).toFixed(
        1,
      )} % availability: burn rate ${fmt(firing.longBurn)} over ${
        rule.longMs / 60_000
      } min and ${fmt(firing.shortBurn)} over ${
        rule.shortMs / 60_000
      } min, at or above ${rule.factor}×. ${all
        .filter(v => v !== firing)
        .map(
          v =>
            `${v.rule.name}: ${fmt(v.longBurn)} / ${fmt(v.shortBurn)}${
              v.firing ? ' (firing)' : ''
            }`,
        )
        .join('; ')}`,
    });
  }

  private notifyResolved(entityRef: string, incident: Incident, nowMs: number) {
    const { name } = parseEntityRef(entityRef);
    return this.send(entityRef, {
      severity: 'low',
      title: `Resolved: ${name}'s error budget no longer burns fast (${incident.rule})`,
      description: `No burn-rate rule fires any more; the incident lasted ${Math.max(
        1,
        Math.round((nowMs - incident.openedAt) / 60_000),
      )} min.`,
    });
  }
}
