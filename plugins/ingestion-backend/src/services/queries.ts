import { InputError } from '@backstage/errors';
import {
  kubernetesNameSchema,
  parseInput,
} from '@internal/plugin-base-platform-common';

/** How the backend reads the ingestion metric contract. */
export interface QueryOptions {
  /**
   * Use the recording rules kept in deploy/prometheus (`base:ingestion_*:rate5m`);
   * otherwise compute `rate()` over `rateWindow` from the raw counters.
   */
  recordingRules: boolean;
  /** Window of `rate()` without recording rules, e.g. `5m`. */
  rateWindow: string;
}

function selector(labels: Record<string, string>): string {
  const parts = Object.entries(labels).map(([k, v]) => {
    // a label value in PromQL: a module slug or agent descriptor
    parseInput(kubernetesNameSchema, v, `${k} name for a Prometheus query`);
    return `${k}="${v}"`;
  });
  return `{${parts.join(',')}}`;
}

function rate(
  measure: 'bytes' | 'records',
  sel: string,
  options: QueryOptions,
): string {
  if (!/^\d+[smh]$/.test(options.rateWindow)) {
    throw new InputError(
      `ingestion.rateWindow "${options.rateWindow}" is not a Prometheus duration such as 5m`,
    );
  }
  return options.recordingRules
    ? `base:ingestion_${measure}:rate5m${sel}`
    : `rate(base_ingestion_${measure}_total${sel}[${options.rateWindow}])`;
}

/**
 * One query for everything an agent's card shows: bytes/s and records/s per
 * source, told apart by a `measure` label. Asked as a range query, it gives
 * the current figures (last step), the 24 h chart and the on-target shares.
 */
export function agentQuery(
  agent: { module: string; agent: string },
  options: QueryOptions,
): string {
  const sel = selector({ module: agent.module, agent: agent.agent });
  return (['bytes', 'records'] as const)
    .map(
      measure =>
        `label_replace(sum by (source) (${rate(
          measure,
          sel,
          options,
        )}), "measure", "${measure}", "", "")`,
    )
    .join(' or ');
}

/** Bytes/s of every agent of the platform, now: one query for the Home widget. */
export function platformQuery(options: QueryOptions): string {
  return `sum by (module, agent) (${rate('bytes', '', options)})`;
}
