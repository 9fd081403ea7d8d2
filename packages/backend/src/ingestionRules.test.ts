/*
 * The Prometheus rules of deploy/prometheus, run by Debian's promtool: `check
 * rules` on the file as shipped, and `test rules` on tables of agents'
 * throughput over a day (what each agent ingests minute by minute) with the
 * alerts expected at given times. promtool's clock starts at Thursday
 * 1970-01-01 00:00 UTC: New York is on standard time, its session is
 * 14:30–21:00 UTC.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';

const exec = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../..');
const RULES = path.join(ROOT, 'deploy/prometheus/ingestion.rules.yaml');
const MODULE = 'data-ingestion';
const STEP_SECONDS = 30;
const DAY_MINUTES = 22 * 60;

/** GB/h an agent ingests in a given minute of the day (UTC). */
type Schedule = (minute: number) => number;

const at = (h: number, m = 0) => h * 60 + m;
const during =
  (from: number, to: number, inside: number, outside: number): Schedule =>
  minute =>
    minute >= from && minute < to ? inside : outside;

/** The agents of the table: each one a shape of a day. */
const AGENTS: Record<string, { schedule: Schedule; targetGbPerHour?: number }> =
  {
    // 120 GB/h all day against 100: nothing fires
    steady: { schedule: () => 120 },
    // 60 GB/h for the hour 15:00–16:00: the fast burn fires, then resolves
    'hour-down': { schedule: during(at(15), at(16), 60, 120) },
    // 60 GB/h for three minutes: a blip, under 14.4 % of any hour
    blip: { schedule: during(at(16), at(16, 3), 60, 120) },
    // 60 GB/h for 2 of every 40 minutes: about 9 % of the time under target,
    // over the slow rule's 6 % and under the fast rule's 14.4 %
    intermittent: {
      schedule: minute => (minute % 40 >= 38 ? 60 : 120),
    },
    // 60 GB/h all day, but it exports its own target of 50: on target
    converter: { schedule: () => 60, targetGbPerHour: 50 },
    // under target only outside the session: no budget is spent
    'night-low': {
      schedule: during(at(14, 30), at(21), 120, 30),
    },
  };

/** A counter's samples every STEP_SECONDS: bytes so far at each step. */
function counterValues(schedule: Schedule): string {
  const values: string[] = [];
  let bytes = 0;
  for (let s = 0; s * STEP_SECONDS <= DAY_MINUTES * 60; s++) {
    values.push(String(Math.round(bytes)));
    const minute = Math.floor((s * STEP_SECONDS) / 60);
    bytes += (schedule(minute) * 1e9 * STEP_SECONDS) / 3600;
  }
  return values.join(' ');
}

/** The two alerts as promtool reports them for an agent. */
const ALERTS = {
  fast: {
    severity: 'critical',
    factor: '14.4',
    description:
      "Under its target for more than 14.4 % of the last hour's and the last 5 minutes' session time (the budget is 1 %): at this rate 2 % of the 30-day budget goes in an hour.",
  },
  slow: {
    severity: 'high',
    factor: '6',
    description:
      "Under its target for more than 6 % of the last 6 hours' and the last 30 minutes' session time (the budget is 1 %): at this rate 5 % of the 30-day budget goes in 6 hours.",
  },
};
const alertOf = (kind: keyof typeof ALERTS) => (agent: string) => ({
  exp_labels: { severity: ALERTS[kind].severity, module: MODULE, agent },
  exp_annotations: {
    summary: `${agent} of ${MODULE} burns its throughput budget ${ALERTS[kind].factor}× too fast`,
    description: ALERTS[kind].description,
  },
});

const clock = (minute: number) => `${Math.floor(minute / 60)}h${minute % 60}m`;

/** The alerts expected at each time: [time, fast burn's agents, slow burn's agents]. */
const EXPECTED: Array<[number, string[], string[]]> = [
  // before the session and at its open: nothing, not even night-low
  [at(14), [], []],
  [at(14, 40), [], []],
  // half an hour into hour-down's hour: the fast burn fires; the 6 h window
  // holds only an hour of session, under the quarter the slow rule needs
  [at(15, 30), ['hour-down'], []],
  // the blip's minutes: the blip's 5 minutes are mostly under target, its
  // hour and 6 h are not, nothing fires for it. hour-down is back at 120
  // since 16:00, but its 5-minute rate trails the change: still firing, and
  // with 94 minutes of session behind it the slow rule counts too; so does
  // intermittent's dip of 15:58
  [at(16, 4), ['hour-down'], ['hour-down', 'intermittent']],
  // hour-down's 5-minute window is clean: the fast burn resolves; its last
  // 30 minutes still hold the hour's end
  [at(16, 10), [], ['hour-down', 'intermittent']],
  // intermittent's dip of 17:58–18:00 is in its last 30 minutes and its 6 h
  // hold more than 90 minutes of session: the slow burn fires, the fast not;
  // hour-down's last 30 minutes are clean, slow is quiet for it
  [at(18, 2), [], ['intermittent']],
  // intermittent's next dip (18:38–18:40) fills its 30 minutes again
  [at(18, 44), [], ['intermittent']],
  // after the close: no session samples in the short windows
  [at(21, 30), [], []],
];

function ruleTests() {
  return {
    rule_files: [RULES],
    evaluation_interval: `${STEP_SECONDS}s`,
    tests: [
      {
        interval: `${STEP_SECONDS}s`,
        input_series: Object.entries(AGENTS).flatMap(
          ([agent, { schedule, targetGbPerHour }]) => [
            {
              series: `base_ingestion_bytes_total{module="${MODULE}",agent="${agent}",source="bloomberg-bpipe"}`,
              values: counterValues(schedule),
            },
            ...(targetGbPerHour
              ? [
                  {
                    series: `base_ingestion_target_gb_per_hour{module="${MODULE}",agent="${agent}",pod="${agent}-0"}`,
                    values: `${targetGbPerHour}x${
                      (DAY_MINUTES * 60) / STEP_SECONDS
                    }`,
                  },
                ]
              : []),
          ],
        ),
        alert_rule_test: EXPECTED.flatMap(
          ([minute, fastAgents, slowAgents]) => [
            {
              eval_time: clock(minute),
              alertname: 'BaseIngestionThroughputFastBurn',
              exp_alerts: fastAgents.map(alertOf('fast')),
            },
            {
              eval_time: clock(minute),
              alertname: 'BaseIngestionThroughputSlowBurn',
              exp_alerts: slowAgents.map(alertOf('slow')),
            },
          ],
        ),
        promql_expr_test: [
          {
            // the exported target where there is one, else 100
            expr: 'base:ingestion_target_gb_per_hour:agent{agent=~"converter|steady"}',
            eval_time: clock(at(15)),
            exp_samples: [
              {
                labels: `base:ingestion_target_gb_per_hour:agent{module="${MODULE}",agent="converter"}`,
                value: 50,
              },
              {
                labels: `base:ingestion_target_gb_per_hour:agent{module="${MODULE}",agent="steady"}`,
                value: 100,
              },
            ],
          },
          // the session's edges on the first day (EST): 14:30 and 21:00 UTC
          ...(
            [
              ['14h29m30s', 0],
              ['14h30m', 1],
              ['20h59m30s', 1],
              ['21h', 0],
            ] as const
          ).map(([evalTime, open]) => ({
            expr: 'base:market_open',
            eval_time: evalTime,
            exp_samples: [{ labels: 'base:market_open', value: open }],
          })),
          {
            // an hour under target is the hour's whole session share
            expr: `base:ingestion_under_target:ratio5m{agent="hour-down"}`,
            eval_time: clock(at(15, 40)),
            exp_samples: [
              {
                labels: `base:ingestion_under_target:ratio5m{module="${MODULE}",agent="hour-down"}`,
                value: 1,
              },
            ],
          },
        ],
      },
    ],
  };
}

/**
 * The session through the year: eval times in hours from promtool's start,
 * with base:market_open expected. Evaluated hourly (a finer grid over 305
 * days takes promtool minutes), so the hours tell standard from daylight
 * time: 14:00 and 20:00 UTC are in the session on daylight time and out of
 * it and in it on standard time. The half-hour edges are checked on the
 * first day, in the burn-rate tests.
 */
const CALENDAR: Array<[string, string, number]> = [
  ['Thursday 1 January, 14:00 UTC (EST: 9:00)', '14h', 0],
  ['Thursday 1 January, 20:00 UTC (EST: 15:00)', '20h', 1],
  ['Saturday 3 January, 15:00 UTC', `${2 * 24 + 15}h`, 0],
  ['Friday 6 March, 20:00 UTC (still EST: 15:00)', `${64 * 24 + 20}h`, 1],
  // daylight time from Sunday 8 March, the second Sunday
  ['Monday 9 March, 14:00 UTC (EDT: 10:00)', `${67 * 24 + 14}h`, 1],
  ['Monday 9 March, 20:00 UTC (EDT: 16:00)', `${67 * 24 + 20}h`, 0],
  ['Friday 30 October, 20:00 UTC (EDT: 16:00)', `${302 * 24 + 20}h`, 0],
  // standard time again from Sunday 1 November, the first Sunday
  ['Monday 2 November, 20:00 UTC (EST: 15:00)', `${305 * 24 + 20}h`, 1],
  ['Monday 2 November, 14:00 UTC (EST: 9:00)', `${305 * 24 + 14}h`, 0],
];

function calendarTests() {
  return {
    rule_files: [RULES],
    evaluation_interval: '1h',
    tests: [
      {
        interval: '1h',
        input_series: [],
        promql_expr_test: CALENDAR.map(([, evalTime, open]) => ({
          expr: 'base:market_open',
          eval_time: evalTime,
          exp_samples: [{ labels: 'base:market_open', value: open }],
        })),
      },
    ],
  };
}

async function promtool(...args: string[]) {
  try {
    return (await exec('promtool', args, { maxBuffer: 16 << 20 })).stdout;
  } catch (e: any) {
    throw new Error(`promtool ${args.join(' ')}: ${e.stdout}${e.stderr}`);
  }
}

describe('deploy/prometheus rules (promtool)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ingestion-rules-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('check rules: the shipped file is valid', async () => {
    expect(await promtool('check', 'rules', RULES)).toMatch(
      /SUCCESS: \d+ rules found/,
    );
  });

  it('the burn-rate alerts fire and resolve as the tables say', async () => {
    const file = path.join(dir, 'burn.test.yaml');
    fs.writeFileSync(file, stringify(ruleTests(), { lineWidth: 0 }));
    expect(await promtool('test', 'rules', file)).toContain('SUCCESS');
  }, 120_000);

  it("the session follows New York's standard and daylight time", async () => {
    const file = path.join(dir, 'calendar.test.yaml');
    fs.writeFileSync(file, stringify(calendarTests(), { lineWidth: 0 }));
    expect(await promtool('test', 'rules', file)).toContain('SUCCESS');
  }, 120_000);
});
