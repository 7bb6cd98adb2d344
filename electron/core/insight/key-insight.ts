// Everything Headroom concludes about one key at a moment, from what it has observed: the billing
// cycle it is in, how much of it is used (estimate with a band), when it runs out (forecast), and
// when to probe next (schedule). Pure: the service calls it after every probe and on every tick.
import { cycleBounds, type CycleBounds } from '../cycle/bounds';
import { estimateCycleDetail, type CycleEstimatorInput, type RequestWindowReading } from '../cycle/estimator';
import {
  forecastCycleDetail,
  measuredMs,
  MIN_OBSERVED_MS,
  pointSeries,
  type ForecastDetail,
} from '../forecast/forecaster';
import type { CycleEstimate, Forecast, UsagePoint, UsageSample } from '../forecast/types';
import type { Plan } from '../plans/plan';
import type { Blocked } from '../quota/model';
import { nextProbe, type ProbePlan } from '../schedule/scheduler';
import { readingAboveLimit } from './prompts';

export interface InsightInput {
  now: number;
  plan: Plan | null;
  cycle: { renewalDay: number; timeZone: string };
  /** Request-window readings from probes (any order; older cycles are ignored). */
  readings: readonly RequestWindowReading[];
  /** Times a call met a 429 `api_calls_cycle`. */
  cycleBreaches: readonly number[];
  /** Dashboard readings the user entered. */
  dashboard: readonly UsagePoint[];
  /** The monitor's probes this cycle: sent (for the budget) and billable (part of the usage). */
  probesSent: number;
  probesBillable: number;
  lastProbeAt: number | null;
  blocked: Blocked | null;
  /** Budget as a share of the cycle quota (0.01 = 1 %). */
  budgetShare: number;
  thresholdsPercent: readonly number[];
  minIntervalMs: number;
  maxIntervalMs: number;
  /** Compute the forecast cone for the sparkline (default true; the backtest needs none). */
  cone?: boolean;
  /** Estimator model choices, for the backtest's before -> after (default: the current model). */
  estimatorModel?: CycleEstimatorInput['model'];
}

export interface KeyInsight {
  cycle: CycleBounds;
  /** The cycle quota, when the plan has one. */
  cycleLimit: number | null;
  estimate: CycleEstimate | null;
  forecast: Forecast | null;
  /** Cumulative usage ahead: central path and 80 % band, for the sparkline. */
  cone: ForecastDetail['cone'];
  schedule: ProbePlan;
  /**
   * True when an exact figure ties the cycle estimate down (a dashboard reading, a breach, readings
   * from the cycle's first hour). While false, alerts and the status act only on the band's low end
   * (cycle-gate.ts) and no extra probes are spent near thresholds.
   */
  anchored: boolean;
  /**
   * The latest dashboard reading, when it is above the plan's cycle limit and no cycle breach followed:
   * the API still answers, so the limit is in doubt. Kept as the figure, but no forecast, status or
   * alert rests on that limit until the user confirms the plan or corrects the reading (prompts.ts).
   */
  readingAboveLimit?: { at: number; used: number } | null;
}

const HOUR_MS = 3_600_000;

export function keyInsight(input: InsightInput): KeyInsight {
  const { now } = input;
  const cycle = cycleBounds({ renewalDay: input.cycle.renewalDay, timeZone: input.cycle.timeZone }, now);
  const cycleLimit = input.plan?.windows.find((w) => w.kind === 'billing-cycle')?.limit ?? null;
  const inCycle = <T extends { at: number }>(list: readonly T[]) =>
    list.filter((p) => p.at >= cycle.start && p.at <= now);
  const readings = input.readings.filter((r) => r.observedAt >= cycle.start - HOUR_MS && r.observedAt <= now);
  const newest = readings.reduce<RequestWindowReading | null>(
    (a, r) => (a === null || r.observedAt > a.observedAt ? r : a),
    null,
  );

  let estimate: CycleEstimate | null = null;
  let forecast: Forecast | null = null;
  let cone: ForecastDetail['cone'] = [];
  let ratePerHour: number | null = null;
  let anchored = true;
  let aboveLimit: { at: number; used: number } | null = null;
  let measured = 0;
  // Only keys whose plan has a billing cycle get a cycle estimate (Voucherify; any plan the user gave one).
  if (cycleLimit !== null) {
    const breaches = input.cycleBreaches.filter((t) => t >= cycle.start && t <= now);
    // When the cycle ran out (the first refusal seen), not when the last one was.
    const firstBreach = breaches.length > 0 ? Math.min(...breaches) : null;
    const estimated = estimateCycleDetail({
      at: now,
      cycleStart: cycle.start,
      cycleEnd: cycle.end,
      limit: cycleLimit,
      windows: readings,
      cycleBreaches: breaches,
      readings: inCycle(input.dashboard),
      monitorCalls: input.probesBillable,
      timeZone: input.cycle.timeZone,
      ...(input.estimatorModel ? { model: input.estimatorModel } : {}),
    });
    estimate = estimated.estimate;
    ratePerHour = estimated.ratePerHour;
    anchored = estimated.anchored;
    const latest = inCycle(input.dashboard).reduce<UsagePoint | null>(
      (a, r) => (a === null || r.at >= a.at ? r : a),
      null,
    );
    aboveLimit = estimate.basis === 'dashboard' ? readingAboveLimit(latest, cycleLimit, breaches) : null;
    if (estimate.basis !== 'none' && aboveLimit === null) {
      const current = { at: now, used: estimate.used, low: estimate.low, high: estimate.high };
      const forecastFrom = (samples: readonly UsageSample[]) =>
        forecastCycleDetail({
          limit: cycleLimit,
          cycleStart: cycle.start,
          cycleEnd: cycle.end,
          now,
          samples,
          current,
          timeZone: input.cycle.timeZone,
          extraPerDay: probesPerDay(input, cycle, cycleLimit),
          ranOutAt: firstBreach,
          options: { cone: input.cone !== false },
        });
      let samples: readonly UsageSample[] = estimated.samples;
      let detail = forecastFrom(samples);
      // Where the probes alone cannot carry a forecast (Free's five a cycle, a spent budget), the
      // dashboard readings can: the calls between two of them (and since the cycle start, at 0) are
      // exact. Only then, so a forecast the probes carry stays as measured.
      if (detail.forecast.status === 'insufficient-data') {
        const between = readingSamples(inCycle(input.dashboard), readings, cycle.start, now);
        if (between.length > 0) {
          samples = [...estimated.samples, ...between];
          detail = forecastFrom(samples);
        }
      }
      forecast = detail.forecast;
      measured = measuredMs(samples, cycle.end);
      cone = detail.cone;
    }
  }

  const schedule = nextProbe({
    now,
    cycleStart: cycle.start,
    cycleEnd: cycle.end,
    cycleLimit,
    budget: { share: input.budgetShare },
    spent: input.probesSent,
    lastProbeAt: input.lastProbeAt,
    estimate,
    ratePerHour,
    forecast,
    thresholds: input.thresholdsPercent.map((p) => p / 100),
    blocked: input.blocked,
    windowResetAt: newest?.resetAt ?? null,
    windowPeriodMs: newest?.periodMs ?? null,
    minIntervalMs: input.minIntervalMs,
    maxIntervalMs: input.maxIntervalMs,
    anchored,
  });
  if (forecast?.status === 'insufficient-data')
    forecast = withProbeWait(forecast, {
      measured,
      schedule,
      now,
      lastProbeAt: input.lastProbeAt,
      cycleEnd: cycle.end,
      windowMs: newest?.periodMs ?? HOUR_MS,
    });
  return { cycle, cycleLimit, estimate, forecast, cone, schedule, anchored, readingAboveLimit: aboveLimit };
}

/**
 * The forecaster's `readyAt` counts every hour from now as measured; a probe measures one window.
 * When hours measured are what is missing, the first forecast waits for that many probes at the
 * schedule's pace, and when the budget left cannot bring them before renewal (Free: 5 probes a
 * cycle, 6 hours needed), only a dashboard reading can: "First forecast after ~3 h" all month long
 * would be a promise the probes never keep.
 */
function withProbeWait(
  f: Forecast,
  c: {
    measured: number;
    schedule: ProbePlan;
    now: number;
    lastProbeAt: number | null;
    cycleEnd: number;
    windowMs: number;
  },
): Forecast {
  const missing = MIN_OBSERVED_MS - c.measured;
  if (missing <= 0) return f;
  const probes = Math.ceil(missing / c.windowMs);
  // The schedule's current cadence: from the last probe to the next one, at least a window.
  const spacing = Math.max(c.windowMs, c.schedule.at - (c.lastProbeAt ?? c.now));
  const byProbes = c.schedule.at + (probes - 1) * spacing;
  if (c.schedule.budgetLeft < probes || byProbes >= c.cycleEnd)
    return { ...f, readyAt: null, needsReading: true };
  // No time from the forecaster (its history cannot be long enough before renewal): none here either.
  if (f.readyAt === null || f.readyAt === undefined) return f;
  return { ...f, readyAt: Math.max(f.readyAt, byProbes) };
}

/** The monitor's own calls a day for the rest of the cycle, if it spends its budget evenly. */
function probesPerDay(input: InsightInput, cycle: CycleBounds, cycleLimit: number): number {
  const budget = Math.floor(cycleLimit * input.budgetShare);
  const left = Math.max(0, budget - input.probesSent);
  const days = Math.max(1 / 24, (cycle.end - input.now) / 86_400_000);
  return left / days;
}

/**
 * The integration's calls between consecutive dashboard readings (the first one counted from the
 * cycle start, at 0), without the monitor's own probes in between: exact samples for the forecaster.
 */
function readingSamples(
  points: readonly UsagePoint[],
  readings: readonly RequestWindowReading[],
  cycleStart: number,
  now: number,
): UsageSample[] {
  if (points.length === 0) return [];
  const own = readings.filter((r) => r.monitor !== false).map((r) => r.observedAt);
  return pointSeries(points, cycleStart, now).samples.map((s) => ({
    ...s,
    count: Math.max(0, s.count - own.filter((t) => t > s.from && t <= s.to).length),
  }));
}
