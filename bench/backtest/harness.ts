// One method, one trace, one world: a simulated Voucherify project on a ManualClock advanced minute by
// minute. The integration's demand goes in through `consume`; the method's probes go through `handle`
// and the real parser. Probes cost quota in this world only, so each method has its own truth.
import { parseResponse } from '../../electron/core/parse';
import { mulberry32, normalSource, type Rng } from '../../electron/core/random';
import { ManualClock } from '../../electron/simulator/clock';
import { VoucherifyEngine, type SimPlanId, type SimRequest } from '../../electron/simulator/engine';
import type { Method, MethodContext, ViewForecast } from './methods';
import { MINUTE_MS, TRACE_MINUTES, type Trace } from './traces';

export const THRESHOLDS = [0.8, 0.9, 1] as const;
export const EVAL_POINTS = [0.25, 0.5, 0.75] as const;
/**
 * Where the stated run-out probability is also recorded, for the reliability table (is "60-80 %"
 * followed by a run-out 60-80 % of the time?): from day 2 on, denser early, where issue 16's
 * over-confident "62 % chance" on day 4 came from.
 */
export const CALIBRATION_POINTS = [
  0.07, 0.1, 0.13, 0.17, 0.2, 0.25, 0.33, 0.42, 0.5, 0.6, 0.75, 0.85,
] as const;

const CREDENTIALS = { appId: 'backtest-app', appToken: 'backtest-token-not-secret' };
const PROBE: SimRequest = {
  method: 'GET',
  path: '/v1/vouchers?limit=1',
  headers: { 'x-app-id': CREDENTIALS.appId, 'x-app-token': CREDENTIALS.appToken },
};

export interface ViewResult {
  label: string;
  /** Forecast at 25 / 50 / 75 % of the cycle (null when the evaluation time was not reached). */
  evals: {
    at: number;
    forecast: ViewForecast;
    shown: number;
    band: { low: number; high: number } | null;
    truth: number;
  }[];
  /** First time the shown usage reached each threshold (null: never). */
  detected: (number | null)[];
  /** The stated P(run out before renewal) at each calibration point reached (only views that state one). */
  calibration: { f: number; at: number; probability: number }[];
  /** The shown usage, its band and the truth at the end of each day. */
  daily: { shown: number; band: { low: number; high: number } | null; truth: number }[];
}

export interface RunResult {
  method: string;
  trace: string;
  family: string;
  plan: SimPlanId;
  limit: number;
  cycleStart: number;
  cycleEnd: number;
  probes: number;
  /** Probes the provider counted (accepted calls). */
  billable: number;
  /** True crossing times of 80 / 90 / 100 % in this world (null: never). */
  crossed: (number | null)[];
  /** The first probe that saw the cycle block, and how many probes after the block it took. */
  blockSeenAt: number | null;
  probesAfterBlock: number | null;
  views: ViewResult[];
  /** Sanity: our tally against the engine's own count. */
  tallyMatches: boolean;
}

/** How many of a minute's n calls land before a moment `frac` into it (each uniform in the minute). */
function binomial(rng: Rng, normal: () => number, n: number, frac: number): number {
  if (n <= 0 || frac <= 0) return 0;
  if (frac >= 1) return n;
  if (n > 60) {
    const k = Math.round(n * frac + Math.sqrt(n * frac * (1 - frac)) * normal());
    return Math.max(0, Math.min(n, k));
  }
  let k = 0;
  for (let i = 0; i < n; i++) if (rng() < frac) k++;
  return k;
}

export function runTrace(
  trace: Trace,
  plan: SimPlanId,
  cycleStart: number,
  make: (ctx: MethodContext) => Method,
  seed: number,
): RunResult {
  const clock = new ManualClock(cycleStart);
  const engine = new VoucherifyEngine({ plan, clock, credentials: CREDENTIALS, cycleStart });
  const truth0 = engine.truth();
  const limit = truth0.cycleLimit ?? Infinity;
  const ctx: MethodContext = {
    cycleStart,
    cycleEnd: truth0.cycleEnd,
    limit,
    windowPeriodMs: engine.limits.requestPeriodMs,
    seed,
  };
  const method = make(ctx);
  const rng = mulberry32(seed ^ 0x9e3779b9);
  const normal = normalSource(rng);
  const views: ViewResult[] = method.views.map((v) => ({
    label: v.label,
    evals: [],
    detected: THRESHOLDS.map(() => null),
    calibration: [],
    daily: [],
  }));
  const evalTimes = EVAL_POINTS.map((f) => cycleStart + f * (ctx.cycleEnd - cycleStart));
  let nextEval = 0;
  const calibrationTimes = CALIBRATION_POINTS.map((f) => cycleStart + f * (ctx.cycleEnd - cycleStart));
  let nextCalibration = 0;
  const crossed: (number | null)[] = THRESHOLDS.map(() => null);
  let tally = 0;
  let probes = 0;
  let billable = 0;
  let blockSeenAt: number | null = null;
  let probesAfterBlock: number | null = null;
  let afterBlock = 0;

  const noteTally = (at: number) => {
    for (let k = 0; k < THRESHOLDS.length; k++) {
      if (crossed[k] === null && tally >= (THRESHOLDS[k] as number) * limit) crossed[k] = at;
    }
  };
  const check = (at: number, kind: 'probe' | 'hour' | 'minute') => {
    method.views.forEach((v, i) => {
      const r = views[i] as ViewResult;
      const due = kind === 'probe' || v.checks === 'minute' || (v.checks === 'hour' && kind === 'hour');
      if (!due || r.detected.every((d) => d !== null)) return;
      const shown = v.shown(at);
      for (let k = 0; k < THRESHOLDS.length; k++) {
        if (r.detected[k] === null && shown >= (THRESHOLDS[k] as number) * limit) r.detected[k] = at;
      }
    });
  };

  const minutes = Math.min(TRACE_MINUTES, Math.round((ctx.cycleEnd - cycleStart) / MINUTE_MS));
  for (let m = 0; m < minutes; m++) {
    const t = cycleStart + m * MINUTE_MS;
    const demand = trace.demand[m] ?? 0;
    let consumed = 0;
    let accepted = 0;
    let probeAt = method.next();
    // The calls not yet made this minute are spread evenly over what is left of it.
    let mark = t;
    while (probeAt < t + MINUTE_MS) {
      const at = Math.max(t, probeAt);
      const part = binomial(rng, normal, demand - consumed, (at - mark) / (t + MINUTE_MS - mark));
      mark = at;
      clock.set(at);
      if (part > 0) {
        const a = engine.consume(part);
        accepted += a;
        tally += a;
        consumed += part;
        noteTally(at);
      }
      const blockedBefore = crossed[2] !== null;
      const res = engine.handle(PROBE);
      const parsed = parseResponse(res, { provider: 'voucherify', now: at });
      probes++;
      if (res.status < 300) {
        billable++;
        tally++;
        noteTally(at);
      }
      const cycleBlocked = parsed.blocked?.type === 'api_calls_cycle';
      if (blockedBefore && blockSeenAt === null) {
        afterBlock++;
        if (cycleBlocked) {
          blockSeenAt = at;
          probesAfterBlock = afterBlock;
        }
      }
      method.onProbe(at, res, parsed);
      check(at, 'probe');
      const n = method.next();
      probeAt = n > at ? n : at + MINUTE_MS;
    }
    const end = t + MINUTE_MS;
    clock.set(Math.max(clock.now(), end - 1));
    const rest = demand - consumed;
    if (rest > 0) {
      const a = engine.consume(rest);
      accepted += a;
      tally += a;
      noteTally(end - 1);
    }
    method.observeMinute?.(end, accepted);
    const hourEnd = (m + 1) % 60 === 0;
    check(end, hourEnd ? 'hour' : 'minute');
    if ((m + 1) % 1440 === 0) {
      method.views.forEach((v, i) =>
        (views[i] as ViewResult).daily.push({
          shown: v.shown(end),
          band: v.band?.(end) ?? null,
          truth: tally,
        }),
      );
    }
    while (nextEval < evalTimes.length && end >= (evalTimes[nextEval] as number)) {
      const at = evalTimes[nextEval] as number;
      method.views.forEach((v, i) =>
        (views[i] as ViewResult).evals.push({
          at,
          forecast: v.forecast(end),
          shown: v.shown(end),
          band: v.band?.(end) ?? null,
          truth: tally,
        }),
      );
      nextEval++;
    }
    while (
      nextCalibration < calibrationTimes.length &&
      end >= (calibrationTimes[nextCalibration] as number)
    ) {
      const at = calibrationTimes[nextCalibration] as number;
      const f = CALIBRATION_POINTS[nextCalibration] as number;
      method.views.forEach((v, i) => {
        const p = v.forecast(end).probability;
        if (p !== undefined && p !== null)
          (views[i] as ViewResult).calibration.push({ f, at, probability: p });
      });
      nextCalibration++;
    }
  }
  const truth = engine.truth();
  return {
    method: method.id,
    trace: trace.name,
    family: trace.family,
    plan,
    limit,
    cycleStart,
    cycleEnd: ctx.cycleEnd,
    probes,
    billable,
    crossed,
    blockSeenAt,
    probesAfterBlock,
    views,
    tallyMatches: truth.cycleUsed === tally || truth.now >= truth.cycleEnd,
  };
}
