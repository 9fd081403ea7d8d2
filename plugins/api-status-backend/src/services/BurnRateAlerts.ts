import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  budgetOf,
  type BudgetPolicy,
  evaluateRules,
  type RuleVerdict,
  windowsOf,
} from './errorBudget';
import {
  type EvaluationResult,
  lastedMinutes,
  type OwnerNotifier,
  reconcileIncidents,
} from './incidents';
import type { Incident, ProbeStore } from './ProbeStore';

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
      notifier: OwnerNotifier;
      logger: LoggerService;
      policy: BudgetPolicy;
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
    const bySince = await store.serviceCountsSince(
      windows.map(w => nowMs - w),
      only,
    );
    const counts = new Map(windows.map(w => [w, bySince.get(nowMs - w)!]));
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
    const verdicts = await this.verdicts(nowMs);
    const firing = new Map<
      string,
      { verdict: RuleVerdict; all: RuleVerdict[] }
    >();
    for (const [entityRef, list] of verdicts) {
      const verdict = list.find(v => v.firing);
      if (verdict) firing.set(entityRef, { verdict, all: list });
    }
    // a service no longer probed at all is not firing: its incident ends too
    return reconcileIncidents({
      store: this.options.store,
      budget: 'availability',
      nowMs,
      firing: new Map(
        [...firing].map(([ref, { verdict }]) => [
          ref,
          { rule: verdict.rule.name, severity: verdict.rule.severity },
        ]),
      ),
      onOpen: ref =>
        this.notify(ref, firing.get(ref)!.verdict, firing.get(ref)!.all),
      onUpdate: ref =>
        this.notify(ref, firing.get(ref)!.verdict, firing.get(ref)!.all),
      onResolve: (ref, incident) => this.notifyResolved(ref, incident, nowMs),
    });
  }

  /** The 30-day budget and the rules' burn rates of one service, for the Health tab. */
  async budget(entityRef: string, nowMs = Date.now()) {
    const { store, policy } = this.options;
    const [counts, verdicts, incidents] = await Promise.all([
      store.counts([entityRef], nowMs - policy.periodMs),
      this.verdicts(nowMs, entityRef),
      store.incidents(entityRef, 'availability'),
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

  private notify(entityRef: string, firing: RuleVerdict, all: RuleVerdict[]) {
    const { rule } = firing;
    const { name } = parseEntityRef(entityRef);
    return this.options.notifier.send(entityRef, 'availability', {
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
    return this.options.notifier.send(entityRef, 'availability', {
      severity: 'low',
      title: `Resolved: ${name}'s error budget no longer burns fast (${incident.rule})`,
      description: `No burn-rate rule fires any more; the incident lasted ${lastedMinutes(
        incident,
        nowMs,
      )} min.`,
    });
  }
}
