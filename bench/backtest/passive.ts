// Backtest: passive readings against probing, on the simulator's plans. The same demand trace runs
// twice through the engine on a ManualClock: once with Headroom probing at its 1 % budget (the
// estimator's figure and band), once with every call of the integration passing through the proxy
// (each call answered by the engine with its real headers, read by the real parser and counted by
// core/passive). Reported at the end of each day: the error of the cycle figure against the engine's
// own count, the band's width, and the calls the monitor spent.
import { readPassive } from '../../electron/core/passive/answer';
import { countPassive } from '../../electron/core/passive/counting';
import { PassiveLog } from '../../electron/core/passive/log';
import { ManualClock } from '../../electron/simulator/clock';
import { VoucherifyEngine, engineLimits, type SimPlanId } from '../../electron/simulator/engine';
import { table, type BenchSection } from '../section';
import { runTrace } from './harness';
import { headroom } from './methods';
import { MINUTE_MS, syntheticTrace, TRACE_MINUTES, type Scenario, type Trace } from './traces';

const PLANS: SimPlanId[] = ['free', 'startup', 'growth', 'professional'];
const SCENARIOS: Scenario[] = ['steady', 'diurnal-weekly', 'bursty'];
const SEED = 101;
const CYCLE_START = Date.parse('2026-06-01T00:00:00Z');
const CREDENTIALS = { appId: 'backtest-app', appToken: 'backtest-token-not-secret' };
const HEADERS = { 'x-app-id': CREDENTIALS.appId, 'x-app-token': CREDENTIALS.appToken };
const HOUR = 3_600_000;

interface Row {
  errorMax: number;
  errorMedian: number;
  bandMedian: number;
  spent: number;
  exactDays: number;
  days: number;
}

/** Every call through the proxy: the figure at each day's end is counted, not estimated. */
function runPassive(trace: Trace, plan: SimPlanId): Row {
  const clock = new ManualClock(CYCLE_START);
  const engine = new VoucherifyEngine({ plan, clock, credentials: CREDENTIALS, cycleStart: CYCLE_START });
  const cycleEnd = engine.truth().cycleEnd;
  // Headroom was watching when the cycle renewed: the count starts at 0 without a dashboard reading.
  const log = new PassiveLog(CYCLE_START - 1);
  const parse = { provider: 'voucherify', profile: 'voucherify', hints: { requestPeriodMs: HOUR } };
  const errors: number[] = [];
  let exactDays = 0;
  const minutes = Math.min(TRACE_MINUTES, Math.round((cycleEnd - CYCLE_START) / MINUTE_MS));
  for (let m = 0; m < minutes; m++) {
    const t = CYCLE_START + m * MINUTE_MS;
    const demand = trace.demand[m] ?? 0;
    for (let i = 0; i < demand; i++) {
      const at = Math.floor(t + ((i + 0.5) * MINUTE_MS) / demand);
      clock.set(Math.max(clock.now(), at));
      // One in fifty of the integration's calls is a bulk job: it counts against the bulk window only.
      const path = i % 50 === 49 ? '/v1/vouchers/bulk/async' : '/v1/vouchers?limit=1';
      const res = engine.handle({ method: 'GET', path, headers: HEADERS });
      log.add(readPassive({ sentAt: at, at, status: res.status, headers: res.headers, path }, parse).answer);
    }
    if ((m + 1) % 1440 === 0) {
      const end = t + MINUTE_MS - 1;
      clock.set(Math.max(clock.now(), end));
      const c = countPassive({
        now: end,
        cycleStart: CYCLE_START,
        anchor: { at: CYCLE_START, used: 0 },
        answers: log.answers(),
        probes: [],
        truncatedSince: log.truncatedSince(CYCLE_START),
      });
      const truth = engine.truth().cycleUsed;
      if (c.exact !== null) exactDays++;
      errors.push(Math.abs((c.exact ?? Number.NaN) - truth));
    }
  }
  const sorted = [...errors].sort((a, b) => a - b);
  return {
    errorMax: Math.max(...errors),
    errorMedian: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    bandMedian: 0,
    spent: 0,
    exactDays,
    days: errors.length,
  };
}

/** Headroom probing at its budget: the estimator's figure and band at each day's end. */
function runProbing(trace: Trace, plan: SimPlanId): Row {
  const run = runTrace(trace, plan, CYCLE_START, (ctx) => headroom(ctx), SEED);
  const daily = run.views[0]?.daily ?? [];
  const errors = daily.map((d) => Math.abs(d.shown - d.truth)).sort((a, b) => a - b);
  const bands = daily.map((d) => (d.band ? d.band.high - d.band.low : Number.NaN)).sort((a, b) => a - b);
  return {
    errorMax: Math.max(...errors),
    errorMedian: errors[Math.floor(errors.length / 2)] ?? Number.NaN,
    bandMedian: bands[Math.floor(bands.length / 2)] ?? Number.NaN,
    spent: run.probes,
    exactDays: 0,
    days: daily.length,
  };
}

const n = (x: number) => (Number.isFinite(x) ? String(Math.round(x)) : 'n/a');

export const section: BenchSection = {
  title: 'Backtest: passive readings vs probing (cycle figure at each day end, seed 101)',
  async run(print) {
    const rows: (string | number)[][] = [];
    for (const plan of PLANS) {
      const limit = engineLimits(plan).cycle ?? 0;
      for (const scenario of SCENARIOS) {
        const trace = syntheticTrace(scenario, SEED, limit, new Date(CYCLE_START).getUTCDay());
        const probing = runProbing(trace, plan);
        const passive = runPassive(trace, plan);
        for (const [method, r] of [
          ['probing (1 % budget)', probing],
          ['passive (proxy)', passive],
        ] as const)
          rows.push([
            plan,
            scenario,
            method,
            n(r.errorMedian),
            n(r.errorMax),
            n(r.bandMedian),
            r.spent,
            `${r.exactDays}/${r.days}`,
          ]);
      }
    }
    for (const line of table(
      [
        'plan',
        'trace',
        'method',
        'median |error|',
        'max |error|',
        'median band',
        'calls spent',
        'exact days',
      ],
      rows,
    ))
      print(line);
  },
};
