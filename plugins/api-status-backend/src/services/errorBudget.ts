import type { Config } from '@backstage/config';

/*
 * Error budgets and multi-window, multi-burn-rate alerts (the Google SRE
 * workbook, "Alerting on SLOs"), on the probes the prober takes.
 *
 * The budget is counted in probes, not minutes: every endpoint of a service
 * is probed once per interval, so a probe is the unit the portal measures;
 * the budget over 30 days is 0.1 % of the service's endpoint probes in that
 * time (objective 99.9 %). A minute-based budget would count a minute with a
 * missed probe run as neither good nor bad; the probe count does not need
 * that rule.
 */

/** Probes and OK probes in a window. */
export interface WindowCount {
  probes: number;
  ok: number;
}

/** One alerting rule: the burn rate over both windows at or above `factor`. */
export interface BurnRule {
  name: string;
  severity: 'critical' | 'high';
  factor: number;
  longMs: number;
  shortMs: number;
}

export interface BudgetPolicy {
  /** e.g. 0.999 */
  objective: number;
  /** The budget's period, e.g. 30 days. */
  periodMs: number;
  rules: BurnRule[];
}

const MINUTE = 60_000;

/**
 * The workbook's two page-worthy rules for a 30-day 99.9 % objective: 2 % of
 * the budget in 1 h (14.4×, confirmed over 5 min) and 5 % in 6 h (6×,
 * confirmed over 30 min).
 */
export const DEFAULT_POLICY: BudgetPolicy = {
  objective: 0.999,
  periodMs: 30 * 24 * 60 * MINUTE,
  rules: [
    {
      name: 'fast burn',
      severity: 'critical',
      factor: 14.4,
      longMs: 60 * MINUTE,
      shortMs: 5 * MINUTE,
    },
    {
      name: 'slow burn',
      severity: 'high',
      factor: 6,
      longMs: 6 * 60 * MINUTE,
      shortMs: 30 * MINUTE,
    },
  ],
};

/** `apiStatus.errorBudget` (objective, periodDays, rules with minutes), else the defaults. */
export function readBudgetPolicy(config?: Config): BudgetPolicy {
  const c = config?.getOptionalConfig('apiStatus.errorBudget');
  if (!c) return DEFAULT_POLICY;
  const rules = c.getOptionalConfigArray('rules')?.map(r => ({
    name: r.getString('name'),
    severity: (r.getOptionalString('severity') ??
      'high') as BurnRule['severity'],
    factor: r.getNumber('factor'),
    longMs: r.getNumber('longMinutes') * MINUTE,
    shortMs: r.getNumber('shortMinutes') * MINUTE,
  }));
  const objective =
    c.getOptionalNumber('objective') ?? DEFAULT_POLICY.objective;
  if (!(objective > 0 && objective < 1))
    throw new Error(
      `apiStatus.errorBudget.objective must be between 0 and 1, not ${objective}`,
    );
  return {
    objective,
    periodMs: (c.getOptionalNumber('periodDays') ?? 30) * 24 * 60 * MINUTE,
    rules: rules ?? DEFAULT_POLICY.rules,
  };
}

/**
 * How fast the budget burns: the failure ratio against the one the objective
 * allows (1 = exactly on budget over the period). Undefined without probes.
 */
export function burnRate(
  count: WindowCount,
  objective: number,
): number | undefined {
  if (count.probes <= 0) return undefined;
  return (count.probes - count.ok) / count.probes / (1 - objective);
}

/** The budget over the period: how many failures it allows, how many there were, the share left. */
export function budgetOf(count: WindowCount, objective: number) {
  const allowed = count.probes * (1 - objective);
  const failures = count.probes - count.ok;
  return {
    objective,
    probes: count.probes,
    failures,
    allowedFailures: allowed,
    /** 1 = untouched, 0 = spent, below 0 = overspent. Undefined without probes. */
    remaining: count.probes > 0 ? 1 - failures / allowed : undefined,
  };
}

/** What each rule sees now, and whether it fires (both windows at or above the factor). */
export interface RuleVerdict {
  rule: BurnRule;
  longBurn?: number;
  shortBurn?: number;
  firing: boolean;
}

/** Every rule against the counts of its windows (`count(ms)`: the probes of the last `ms`). */
export function evaluateRules(
  policy: BudgetPolicy,
  count: (windowMs: number) => WindowCount,
): RuleVerdict[] {
  return policy.rules.map(rule => {
    const longBurn = burnRate(count(rule.longMs), policy.objective);
    const shortBurn = burnRate(count(rule.shortMs), policy.objective);
    return {
      rule,
      longBurn,
      shortBurn,
      firing:
        longBurn !== undefined &&
        shortBurn !== undefined &&
        longBurn >= rule.factor &&
        shortBurn >= rule.factor,
    };
  });
}

/** Every window length the policy reads, for one query per window. */
export function windowsOf(policy: BudgetPolicy): number[] {
  return [...new Set(policy.rules.flatMap(r => [r.longMs, r.shortMs]))].sort(
    (a, b) => a - b,
  );
}
