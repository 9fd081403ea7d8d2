import type {
  LoggerService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { formatComponentName } from '@internal/plugin-base-platform-common';
import {
  type EvaluationResult,
  type FiringRule,
  lastedMinutes,
  type OwnerNotifier,
  reconcileIncidents,
} from './incidents';
import type { ProbeStore } from './ProbeStore';

/**
 * The throughput burn-rate alerts of deploy/prometheus/ingestion.rules.yaml,
 * strongest first: while both fire for an agent, its incident is the fast
 * burn's.
 */
export const THROUGHPUT_ALERTS: Record<
  string,
  { rule: string; severity: FiringRule['severity'] }
> = {
  BaseIngestionThroughputFastBurn: { rule: 'fast burn', severity: 'critical' },
  BaseIngestionThroughputSlowBurn: { rule: 'slow burn', severity: 'high' },
};

/** An alert as Prometheus' `GET /api/v1/alerts` lists it. */
interface PrometheusAlert {
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  state: 'pending' | 'firing' | 'inactive';
  activeAt?: string;
  value?: string;
}

/** A firing throughput alert of one agent, as the notification tells it. */
interface AgentAlert extends FiringRule {
  summary?: string;
  description?: string;
  since?: string;
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
      /** Prometheus' base URL (ingestion.prometheus.baseUrl). */
      prometheusUrl: string;
      timeoutMs: number;
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
    const { prometheusUrl, timeoutMs } = this.options;
    const url = `${prometheusUrl.replace(/\/$/, '')}/api/v1/alerts`;
    let body: any;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      body = await res.json();
    } catch (e) {
      throw new Error(`Prometheus ${url}: ${(e as Error).message}`);
    }
    if (body?.status !== 'success' || !Array.isArray(body.data?.alerts))
      throw new Error(`Prometheus ${url}: not an alerts answer`);
    const out = new Map<string, AgentAlert>();
    for (const alert of body.data.alerts as PrometheusAlert[]) {
      const known = THROUGHPUT_ALERTS[alert.labels.alertname];
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
      if (held?.severity === 'critical') continue;
      out.set(entityRef, {
        ...known,
        summary: alert.annotations?.summary,
        description: alert.annotations?.description,
        since: alert.activeAt,
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
          alert.since
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
}
