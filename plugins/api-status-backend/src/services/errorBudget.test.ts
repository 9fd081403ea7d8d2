import { ConfigReader } from '@backstage/config';
import {
  budgetOf,
  burnRate,
  DEFAULT_POLICY,
  evaluateRules,
  readBudgetPolicy,
  WindowCount,
  windowsOf,
} from './errorBudget';

const MINUTE = 60_000;
/** Probes per minute: 3 endpoints probed every 30 s. */
const PER_MINUTE = 6;

/**
 * A probe history, minute by minute, oldest first: each segment lasts
 * `minutes` with that share of failing probes. `count(ms)` sums the last
 * `ms` of it, as the store does.
 */
function history(...segments: Array<[minutes: number, failing: number]>) {
  const minutes = segments.flatMap(([n, failing]) =>
    Array.from({ length: n }, () => failing),
  );
  return (ms: number): WindowCount => {
    const last = minutes.slice(-Math.round(ms / MINUTE));
    const probes = last.length * PER_MINUTE;
    const failed = last.reduce((s, f) => s + f * PER_MINUTE, 0);
    return { probes, ok: probes - failed };
  };
}

const firing = (count: (ms: number) => WindowCount) =>
  evaluateRules(DEFAULT_POLICY, count)
    .filter(v => v.firing)
    .map(v => v.rule.name);

describe('burn rates', () => {
  it('is 1 when failures are exactly what the objective allows', () => {
    expect(burnRate({ probes: 100_000, ok: 99_900 }, 0.999)).toBeCloseTo(1);
    expect(burnRate({ probes: 0, ok: 0 }, 0.999)).toBeUndefined();
  });

  it.each([
    ['no alert at 1× (0.1 % failing all along)', history([720, 0.001]), []],
    ['no alert when healthy', history([720, 0]), []],
    [
      'fast burn fires: everything failing for the last 10 minutes',
      history([710, 0], [10, 1]),
      ['fast burn', 'slow burn'],
    ],
    [
      'slow burn fires alone: 1 % failing for 6 hours (10×)',
      history([360, 0], [360, 0.01]),
      ['slow burn'],
    ],
    [
      'a short blip does not: one failing minute, then 20 good ones',
      history([699, 0], [1, 1], [20, 0]),
      [],
    ],
    [
      'recovery ends the fast burn: 20 failing minutes, then 10 good ones',
      history([690, 0], [20, 1], [10, 0]),
      ['slow burn'],
    ],
    [
      'recovery resolves both once the short windows are clean: then 35 good minutes',
      history([665, 0], [20, 1], [35, 0]),
      [],
    ],
  ])('%s', (_name, count, expected) => {
    expect(firing(count)).toEqual(expected);
  });

  it('reads the windows and factors from config', () => {
    const policy = readBudgetPolicy(
      new ConfigReader({
        apiStatus: {
          errorBudget: {
            objective: 0.99,
            rules: [
              { name: 'test', factor: 2, longMinutes: 2, shortMinutes: 1 },
            ],
          },
        },
      }),
    );
    expect(policy.objective).toBe(0.99);
    expect(windowsOf(policy)).toEqual([MINUTE, 2 * MINUTE]);
    expect(windowsOf(DEFAULT_POLICY)).toEqual([
      5 * MINUTE,
      30 * MINUTE,
      60 * MINUTE,
      360 * MINUTE,
    ]);
    expect(() =>
      readBudgetPolicy(
        new ConfigReader({ apiStatus: { errorBudget: { objective: 99.9 } } }),
      ),
    ).toThrow(/between 0 and 1/);
  });
});

describe('the budget', () => {
  it('is the share of allowed failures left over the period', () => {
    expect(budgetOf({ probes: 10_000, ok: 10_000 }, 0.999).remaining).toBe(1);
    expect(
      budgetOf({ probes: 10_000, ok: 9_995 }, 0.999).remaining,
    ).toBeCloseTo(0.5);
    expect(
      budgetOf({ probes: 10_000, ok: 9_980 }, 0.999).remaining,
    ).toBeCloseTo(-1);
    expect(budgetOf({ probes: 0, ok: 0 }, 0.999).remaining).toBeUndefined();
  });
});
