import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { ThroughputBudget } from '@internal/plugin-api-status-common';
import { formatComponentName } from '@internal/plugin-base-platform-common';
import type { PrometheusClient } from '@internal/plugin-upstream-cache-node';
import {
  type EvaluationResult,
  type FiringRule,
  lastedMinutes,
  type OwnerNotifier,
  reconcileIncidents,
} from './incidents';
import type { ProbeStore } from './ProbeStore';

/** The objective of deploy/prometheus/ingestion.rules.yaml: 99 % of session time at or above target. */
export const THROUGHPUT_OBJECTIVE = 0.99;
/** The rules' evaluation interval: each sample of base:ingestion_under_target:agent stands for this long. */
const SAMPLE_SECONDS = 30;
const PERIOD_DAYS = 30;

/**
 * The throughput burn-rate alerts of deploy/prometheus/ingestion.rules.yaml
 * with their windows (the recorded ratio of each), strongest first: while
 * both fire for an agent, its incident is the fast burn's. Their test reads
 * the rules file, so the two cannot part.
 */
export const THROUGHPUT_RULES = [
  {
    alert: 'BaseIngestionThroughputFastBurn',
    rule: 'fast burn',
    severity: 'critical',
    factor: 14.4,
    longMinutes: 60,
    shortMinutes: 5,
    long: 'base:ingestion_under_target:ratio1h',
    short: 'base:ingestion_under_target:ratio5m',
  },
  {
    alert: 'BaseIngestionThroughputSlowBurn',
    rule: 'slow burn',
    severity: 'high',
    factor: 6,
    longMinutes: 360,
    shortMinutes: 30,
    long: 'base:ingestion_under_target:ratio6h',
    short: 'base:ingestion_under_target:ratio30m',
  },
] as const;

const RULE_OF_ALERT = new Map<string, FiringRule>(
  THROUGHPUT_RULES.map(r => [r.alert, { rule: r.rule, severity: r.severity }]),
);

/** A firing throughput alert of one agent, as the notification tells it. */
interface AgentAlert extends FiringRule {
  summary?: string;
  description?: string;
  since?: string;
  /** Every rule firing for the agent (the one above is the strongest). */
  rules: Set<string>;
}

/**
 * Relays Prometheus' throughput burn-rate alerts to the owners of the
 * ingestion agents: Prometheus evaluates the objective (one home for its
 * arithmetic, the rules it alerts on in production too), the portal turns a
 * firing alert into one incident and one Backstage notification for the
 * agent's owner, updated when the firing rule changes and resolved when
 * Prometheus no longer fires it. When Prometheus cannot be read, nothing is
 * opened or resolved: an unknown state is not a recovery.
 */
export class ThroughputAlerts {
  constructor(
    private readonly options: {
      store: ProbeStore;
      notifier: OwnerNotifier;
      logger: LoggerService;
      /** The Prometheus of ingestion.prometheus.baseUrl. */
      prometheus: PrometheusClient;
      evaluateSeconds: number;
    },
  ) {}

  async start(scheduler: SchedulerService): Promise<void> {
    const { evaluateSeconds, logger } = this.options;
    await scheduler.scheduleTask({
      id: 'api-status-throughput-alerts',
      frequency: { seconds: evaluateSeconds },
      timeout: { seconds: Math.max(30, evaluateSeconds * 2) },
      initialDelay: { seconds: evaluateSeconds },
      fn: async () => {
        try {
          const r = await this.evaluate();
          if (r.opened.length + r.updated.length + r.resolved.length)
            logger.info(
              `throughput budgets: opened ${r.opened.length}, updated ${r.updated.length}, resolved ${r.resolved.length} incidents`,
            );
        } catch (e) {
          logger.warn(
            `throughput budgets not evaluated, incidents left as they are: ${
              (e as Error).message
            }`,
          );
        }
      },
    });
  }

  /** The agents with a firing throughput alert, by entity ref; throws when Prometheus cannot be read. */
  async firing(): Promise<Map<string, AgentAlert>> {
    const alerts = await this.options.prometheus.alerts();
    const out = new Map<string, AgentAlert>();
    for (const alert of alerts) {
      const known = RULE_OF_ALERT.get(alert.labels.alertname);
      const { module, agent } = alert.labels;
      if (!known || alert.state !== 'firing' || !module || !agent) continue;
      let entityRef: string;
      try {
        entityRef = stringifyEntityRef({
          kind: 'component',
          name: formatComponentName({
            module,
            type: 'agent',
            descriptor: agent,
          }),
        });
      } catch {
        continue; // labels that name no BASE agent
      }
      const held = out.get(entityRef);
      const rules = new Set([...(held?.rules ?? []), known.rule]);
      if (held?.severity === 'critical') {
        held.rules = rules;
        continue;
      }
      out.set(entityRef, {
        ...known,
        summary: alert.annotations?.summary,
        description: alert.annotations?.description,
        since: alert.activeAt,
        rules,
      });
    }
    return out;
  }

  /** One evaluation: Prometheus' firing alerts against the open incidents. */
  async evaluate(nowMs = Date.now()): Promise<EvaluationResult> {
    const firing = await this.firing();
    const { notifier, store } = this.options;
    const tell = (entityRef: string, alert: AgentAlert) =>
      notifier.send(entityRef, 'throughput', {
        severity: alert.severity,
        title:
          alert.summary ??
          `${entityRef}: throughput budget burning (${alert.rule})`,
        description: `${alert.description ?? ''}${
          alert.since && !Number.isNaN(Date.parse(alert.since))
            ? ` Firing in Prometheus since ${new Date(
                alert.since,
              ).toISOString()}.`
            : ''
        }`.trim(),
      });
    return reconcileIncidents({
      store,
      budget: 'throughput',
      nowMs,
      firing,
      onOpen: ref => tell(ref, firing.get(ref)!),
      onUpdate: ref => tell(ref, firing.get(ref)!),
      onResolve: (ref, incident) =>
        notifier.send(ref, 'throughput', {
          severity: 'low',
          title: `Resolved: ${
            ref.split('/')[1]
          } is back on its throughput target (${incident.rule})`,
          description: `Prometheus no longer fires a throughput burn-rate alert for it; the incident lasted ${lastedMinutes(
            incident,
            nowMs,
          )} min.`,
        }),
    });
  }

  /** An instant query's values, by their __name__ (or a label given). */
  private async query(expr: string, by = '__name__') {
    const series = await this.options.prometheus.query(expr);
    return new Map(series.map(r => [r.metric[by], r.values[0][1]]));
  }

  /** An ingestion agent's throughput budget over 30 days and its burn rates now, for the Health tab. */
  async budget(
    entityRef: string,
    agent: { module: string; agent: string },
  ): Promise<ThroughputBudget> {
    const sel = `module="${agent.module}",agent="${agent.agent}"`;
    const under = `base:ingestion_under_target:agent{${sel}}`;
    const [ratios, period, firing, incidents] = await Promise.all([
      this.query(`{__name__=~"base:ingestion_under_target:ratio.+",${sel}}`),
      this.query(
        `label_replace(sum_over_time(${under}[${PERIOD_DAYS}d]), "measure", "under", "", "")` +
          ` or label_replace(count_over_time(${under}[${PERIOD_DAYS}d]), "measure", "samples", "", "")`,
        'measure',
      ),
      this.firing(),
      this.options.store.incidents(entityRef, 'throughput'),
    ]);
    const minutes = (samples = 0) => (samples * SAMPLE_SECONDS) / 60;
    const sessionMinutes = minutes(period.get('samples'));
    const underMinutes = minutes(period.get('under'));
    const allowed = sessionMinutes * (1 - THROUGHPUT_OBJECTIVE);
    const burnOf = (ratio?: number) =>
      ratio === undefined ? undefined : ratio / (1 - THROUGHPUT_OBJECTIVE);
    const firingNow = firing.get(entityRef);
    const open = incidents.find(i => i.resolvedAt === undefined);
    return {
      objective: THROUGHPUT_OBJECTIVE,
      periodDays: PERIOD_DAYS,
      sessionMinutes,
      underMinutes,
      remaining: sessionMinutes > 0 ? 1 - underMinutes / allowed : undefined,
      rules: THROUGHPUT_RULES.map(r => ({
        name: r.rule,
        severity: r.severity,
        factor: r.factor,
        longMinutes: r.longMinutes,
        shortMinutes: r.shortMinutes,
        longBurn: burnOf(ratios.get(r.long)),
        shortBurn: burnOf(ratios.get(r.short)),
        // Prometheus' verdict, not the portal's: its alert fires
        firing: firingNow?.rules.has(r.rule) ?? false,
      })),
      incident: open && {
        rule: open.rule,
        severity: open.severity,
        openedAt: open.openedAt,
      },
      readAt: new Date().toISOString(),
    };
  }
}
