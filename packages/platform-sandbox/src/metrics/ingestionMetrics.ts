import express from 'express';
import { Counter, Gauge, Registry } from 'prom-client';
import type { SandboxPlatform, SandboxService } from '../platform/loadPlatform';
import type { ScenarioState } from '../scenarios';

/** Financial feeds an ingestion agent reads, with their share of its volume. */
export const SOURCES: Array<[string, number]> = [
  ['bloomberg-bpipe', 0.3],
  ['refinitiv-elektron', 0.25],
  ['ice-data-services', 0.15],
  ['cme-datamine', 0.12],
  ['sec-edgar', 0.1],
  ['fred-api', 0.08],
];
const BYTES_PER_RECORD = 2048;

/**
 * Share of the target an agent runs at, by the time of day in New York:
 * above target while US markets are open, below at night and at weekends.
 */
export function marketFactor(at: Date): number {
  const ny = new Date(
    at.toLocaleString('en-US', { timeZone: 'America/New_York' }),
  );
  const day = ny.getDay();
  const hour = ny.getHours() + ny.getMinutes() / 60;
  if (day === 0 || day === 6) return 0.5;
  if (hour >= 9.5 && hour < 16) return 1.15;
  if (hour >= 7 && hour < 20) return 1.0;
  return 0.7;
}

interface AgentMeter {
  service: SandboxService;
  registry: Registry;
  bytes: Counter<'module' | 'agent' | 'source'>;
  records: Counter<'module' | 'agent' | 'source'>;
  last: number;
}

/** `/metrics` of every ingestion agent, counters growing at the emitted rate. */
export class IngestionMetrics {
  private readonly meters = new Map<string, AgentMeter>();

  constructor(
    platform: SandboxPlatform,
    private readonly scenario: ScenarioState,
    private readonly now = () => Date.now(),
    /** The time the market factor is read at (default: now), for tests pinned to a session. */
    private readonly marketTime?: () => Date,
  ) {
    for (const service of platform.modules
      .flatMap(m => m.services)
      .filter(s => s.ingestion)) {
      const registry = new Registry();
      const labelNames = ['module', 'agent', 'source'] as const;
      this.meters.set(`${service.namespace}/${service.name}`, {
        service,
        registry,
        bytes: new Counter({
          name: 'base_ingestion_bytes_total',
          help: 'Bytes ingested from a source',
          labelNames,
          registers: [registry],
        }),
        records: new Counter({
          name: 'base_ingestion_records_total',
          help: 'Records ingested from a source',
          labelNames,
          registers: [registry],
        }),
        last: this.now(),
      });
      // the agent's own target (its THROUGHPUT_TARGET), for the budget rules
      new Gauge({
        name: 'base_ingestion_target_gb_per_hour',
        help: 'Throughput target of the agent in decimal GB per hour',
        labelNames: ['module', 'agent'] as const,
        registers: [registry],
      }).set(
        { module: service.module, agent: service.descriptor },
        service.ingestion!.targetGbPerHour,
      );
    }
  }

  /** Bytes per second an agent emits now, per source. */
  rates(
    service: SandboxService,
    at = new Date(this.now()),
  ): Record<string, number> {
    const factor =
      marketFactor(this.marketTime?.() ?? at) *
      (this.scenario.get() === 'under-target' ? 0.4 : 1);
    const total = (service.ingestion!.targetGbPerHour * 1e9 * factor) / 3600;
    return Object.fromEntries(
      SOURCES.map(([source, share]) => [source, total * share]),
    );
  }

  private advance(meter: AgentMeter) {
    const now = this.now();
    const seconds = (now - meter.last) / 1000;
    meter.last = now;
    if (seconds <= 0) return;
    for (const [source, rate] of Object.entries(
      this.rates(meter.service, new Date(now)),
    )) {
      const labels = {
        module: meter.service.module,
        agent: meter.service.descriptor,
        source,
      };
      meter.bytes.inc(labels, rate * seconds);
      meter.records.inc(
        labels,
        Math.round((rate * seconds) / BYTES_PER_RECORD),
      );
    }
  }

  router() {
    const router = express.Router();
    router.get('/metrics/:namespace/:agent', async (req, res) => {
      const meter = this.meters.get(
        `${req.params.namespace}/${req.params.agent}`,
      );
      if (!meter)
        return res
          .status(404)
          .type('text/plain')
          .send('no such ingestion agent\n');
      this.advance(meter);
      res.type(meter.registry.contentType);
      return res.send(await meter.registry.metrics());
    });
    // Prometheus HTTP service discovery: one target per ingestion agent
    router.get('/prometheus/targets', (req, res) => {
      res.json(
        [...this.meters.values()].map(m => ({
          targets: [req.headers.host],
          labels: {
            __metrics_path__: `/metrics/${m.service.namespace}/${m.service.name}`,
            namespace: m.service.namespace,
            pod: m.service.name,
          },
        })),
      );
    });
    // what the sandbox emits now, for tests comparing against Prometheus
    router.get('/emitted', (_req, res) => {
      res.json(
        [...this.meters.values()].map(m => {
          const rates = this.rates(m.service);
          const bytesPerSecond = Object.values(rates).reduce(
            (a, b) => a + b,
            0,
          );
          return {
            module: m.service.module,
            agent: m.service.descriptor,
            targetGbPerHour: m.service.ingestion!.targetGbPerHour,
            gbPerHour: (bytesPerSecond * 3600) / 1e9,
            bytesPerSecondBySource: rates,
          };
        }),
      );
    });
    return router;
  }
}
