// The monitoring methods the backtest compares. Each decides when to probe (its probes cost quota
// in its own world) and reads only what the responses show, through the real parser; each offers
// one or more "views": what it would display (cycle usage now) and predict (run-out time).
// How each peer is modelled, and why, is in docs/forecast.md.
import type { SimResponse } from '../../electron/simulator/engine';
import type { ParseResult } from '../../electron/core/quota/model';
import { estimateCycleDetail, type RequestWindowReading } from '../../electron/core/cycle/estimator';
import {
  forecastCycle,
  type ForecastInput,
  type ForecastOptions,
} from '../../electron/core/forecast/forecaster';

/** Bench-only: sees each forecaster input a view builds at an evaluation (for offline tuning). */
export type ForecastTap = (input: ForecastInput) => void;
import type { Forecast, UsageSample } from '../../electron/core/forecast/types';
import { nextProbe } from '../../electron/core/schedule/scheduler';
import { budgetCalls, type ProbeBudget } from '../../electron/core/schedule/budget';
import { mulberry32 } from '../../electron/core/random';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './traces';

export interface MethodContext {
  cycleStart: number;
  cycleEnd: number;
  limit: number;
  windowPeriodMs: number;
  seed: number;
}

export interface ViewForecast {
  runOutAt: number | null;
  /** 80 % interval (null = beyond the cycle end); undefined when the method gives none. */
  low?: number | null;
  high?: number | null;
  /** P(run out before renewal); undefined when the method gives none. */
  probability?: number | null;
  /** The method says it cannot tell yet. */
  insufficient?: boolean;
}

export interface View {
  label: string;
  /** How often its displayed figure can change: at probes only, or also between them (a model). */
  checks: 'probe' | 'hour' | 'minute';
  shown(at: number): number;
  /** The 80 % band of the shown figure, when the method gives one. */
  band?(at: number): { low: number; high: number };
  forecast(at: number): ViewForecast;
}

export interface Method {
  id: string;
  views: View[];
  /** Next automatic probe time, Infinity for none. */
  next(): number;
  onProbe(at: number, res: SimResponse, parsed: ParseResult): void;
  /** Only the oracle: every accepted call of a minute, for free. */
  observeMinute?(minuteEnd: number, accepted: number): void;
}

/** Adds up the request window between polls: what a header-reading peer can know of the cycle. */
export class WindowIntegrator {
  total = 0;
  /** `total` plus, for each finished window, its unseen tail extrapolated at the window's own pace. */
  corrected = 0;
  exhaustedAt: number | null = null;
  private windowStart = Number.NaN;
  private lastUsed = 0;
  private lastAt = Number.NaN;

  constructor(private readonly periodMs: number) {}

  onProbe(at: number, parsed: ParseResult): void {
    if (parsed.blocked?.type === 'api_calls_cycle') {
      if (this.exhaustedAt === null) this.exhaustedAt = at;
      return;
    }
    const w = parsed.windows.find((x) => x.id === 'api_calls');
    if (!w || w.used === null) return;
    const period = w.periodMs ?? this.periodMs;
    const end = w.resetAt ?? (Math.floor(at / period) + 1) * period;
    const start = end - period;
    if (start === this.windowStart) {
      const d = Math.max(0, w.used - this.lastUsed);
      this.total += d;
      this.corrected += d;
    } else {
      if (!Number.isNaN(this.windowStart)) {
        const f = (this.lastAt - this.windowStart) / period;
        this.corrected += f > 0.05 ? (this.lastUsed * (1 - f)) / f : 0;
      }
      this.total += w.used;
      this.corrected += w.used;
      this.windowStart = start;
    }
    this.lastUsed = w.used;
    this.lastAt = at;
  }
}

/** Linear extrapolation from the cycle start: what "pace" means in the peers. */
export function linearFromStart(
  used: number,
  at: number,
  ctx: MethodContext,
  exhaustedAt: number | null,
): ViewForecast {
  if (exhaustedAt !== null) return { runOutAt: exhaustedAt };
  if (used >= ctx.limit) return { runOutAt: at };
  const elapsed = at - ctx.cycleStart;
  if (!(used > 0) || !(elapsed > 0)) return { runOutAt: null };
  const t = ctx.cycleStart + (ctx.limit * elapsed) / used;
  return { runOutAt: t < ctx.cycleEnd ? t : null };
}

const probeCount = (parsed: ParseResult, res: SimResponse) => (res.status < 300 && !parsed.blocked ? 1 : 0);

/** Fixed-interval polling (every 5 minutes) with linear extrapolation from the cycle start. */
export function fixedPolling(ctx: MethodContext, intervalMs = 5 * MINUTE_MS): Method {
  const rng = mulberry32(ctx.seed ^ 0x5a5a);
  let nextAt = ctx.cycleStart + Math.floor(rng() * intervalMs);
  const integ = new WindowIntegrator(ctx.windowPeriodMs);
  const shown = (c: boolean) => () =>
    integ.exhaustedAt !== null ? ctx.limit : Math.min(ctx.limit, c ? integ.corrected : integ.total);
  return {
    id: 'poll-5min',
    views: [
      {
        label: '5-min polling + linear',
        checks: 'probe',
        shown: shown(false),
        forecast: (at) => linearFromStart(shown(false)(), at, ctx, integ.exhaustedAt),
      },
      {
        label: '5-min polling + linear, tail-corrected',
        checks: 'probe',
        shown: shown(true),
        forecast: (at) => linearFromStart(shown(true)(), at, ctx, integ.exhaustedAt),
      },
    ],
    next: () => nextAt,
    onProbe(at, _res, parsed) {
      integ.onProbe(at, parsed);
      nextAt = at + intervalMs;
    },
  };
}

/**
 * CodexBar-style adaptive refresh, 2 to 30 minutes: halves the interval when the usage moved since
 * the last refresh (other than by the refresh itself), doubles it when it did not; pace is linear.
 */
export function adaptivePolling(ctx: MethodContext): Method {
  const integ = new WindowIntegrator(ctx.windowPeriodMs);
  let interval = 2 * MINUTE_MS;
  let nextAt = ctx.cycleStart;
  let prevTotal = 0;
  const shown = () => (integ.exhaustedAt !== null ? ctx.limit : Math.min(ctx.limit, integ.total));
  return {
    id: 'codexbar',
    views: [
      {
        label: 'CodexBar-style 2-30 min + linear pace',
        checks: 'probe',
        shown,
        forecast: (at) => linearFromStart(shown(), at, ctx, integ.exhaustedAt),
      },
    ],
    next: () => nextAt,
    onProbe(at, res, parsed) {
      integ.onProbe(at, parsed);
      const moved = integ.total - prevTotal - probeCount(parsed, res) > 0;
      prevTotal = integ.total;
      if (parsed.blocked) interval = 30 * MINUTE_MS;
      else interval = moved ? Math.max(2 * MINUTE_MS, interval / 2) : Math.min(30 * MINUTE_MS, interval * 2);
      nextAt = Math.max(at + interval, parsed.blocked?.retryAt ?? 0);
    },
  };
}

/**
 * claude-bar-style: a 5-minute refresh, twice as fast at 70 % and four times at 90 %; waits out a
 * 429's retry time. Its own prediction is "time to critical": the trend of the last 30 minutes of
 * history (second half against first half), shown only when under 24 hours away.
 */
export function thresholdPolling(ctx: MethodContext): Method {
  const rng = mulberry32(ctx.seed ^ 0xc1a0);
  const base = 5 * MINUTE_MS;
  let nextAt = ctx.cycleStart + Math.floor(rng() * base);
  const integ = new WindowIntegrator(ctx.windowPeriodMs);
  const history: { at: number; pct: number }[] = [];
  const shown = () => (integ.exhaustedAt !== null ? ctx.limit : Math.min(ctx.limit, integ.total));
  const trendForecast = (at: number): ViewForecast => {
    if (integ.exhaustedAt !== null) return { runOutAt: integ.exhaustedAt };
    const recent = history.filter((h) => h.at >= at - 30 * MINUTE_MS);
    if (recent.length < 2) return { runOutAt: null };
    const mid = Math.floor(recent.length / 2);
    const avg = (xs: typeof recent) => xs.reduce((s, h) => s + h.pct, 0) / xs.length;
    const spanH = ((recent.at(-1) as { at: number }).at - (recent[0] as { at: number }).at) / HOUR_MS || 1;
    const perHour = (avg(recent.slice(mid)) - avg(recent.slice(0, mid))) / (spanH / 2);
    const current = (shown() / ctx.limit) * 100;
    if (perHour <= 0 || current >= 100) return { runOutAt: current >= 100 ? at : null };
    const hours = (100 - current) / perHour;
    if (hours > 24) return { runOutAt: null };
    const t = at + hours * HOUR_MS;
    return { runOutAt: t < ctx.cycleEnd ? t : null };
  };
  return {
    id: 'claude-bar',
    views: [
      { label: 'claude-bar-style 5 min, faster at 70/90 %', checks: 'probe', shown, forecast: trendForecast },
    ],
    next: () => nextAt,
    onProbe(at, _res, parsed) {
      integ.onProbe(at, parsed);
      const pct = (shown() / ctx.limit) * 100;
      history.push({ at, pct });
      if (history.length > 1000) history.splice(0, history.length - 1000);
      const interval = pct >= 90 ? base / 4 : pct >= 70 ? base / 2 : base;
      const retry = parsed.blocked?.retryAt ?? null;
      nextAt = retry !== null && retry > at ? retry + 2_000 : at + interval;
    },
  };
}

/** Sees every accepted call for free. Two views: Headroom's forecaster and linear extrapolation. */
export function oracle(ctx: MethodContext, forecastOptions?: ForecastOptions, tap?: ForecastTap): Method {
  let used = 0;
  const hours: UsageSample[] = [];
  let hourStart = ctx.cycleStart;
  let hourCount = 0;
  let exhaustedAt: number | null = null;
  const samples = (at: number): UsageSample[] =>
    at > hourStart ? [...hours, { from: hourStart, to: at, count: hourCount }] : [...hours];
  return {
    id: 'oracle',
    views: [
      {
        label: 'oracle (every call) + Headroom forecaster',
        checks: 'minute',
        shown: () => used,
        forecast(at) {
          const input: ForecastInput = {
            limit: ctx.limit,
            cycleStart: ctx.cycleStart,
            cycleEnd: ctx.cycleEnd,
            now: at,
            samples: samples(at),
            current: { at, used },
            ranOutAt: exhaustedAt,
            ...(forecastOptions ? { options: forecastOptions } : {}),
          };
          tap?.(input);
          return fromForecast(forecastCycle(input));
        },
      },
      {
        label: 'oracle (every call) + linear',
        checks: 'minute',
        shown: () => used,
        forecast: (at) => linearFromStart(used, at, ctx, exhaustedAt),
      },
    ],
    next: () => Infinity,
    onProbe() {},
    observeMinute(minuteEnd, accepted) {
      used += accepted;
      hourCount += accepted;
      if (exhaustedAt === null && used >= ctx.limit) exhaustedAt = minuteEnd;
      if (minuteEnd - hourStart >= HOUR_MS) {
        hours.push({ from: hourStart, to: minuteEnd, count: hourCount });
        hourStart = minuteEnd;
        hourCount = 0;
      }
    },
  };
}

export function fromForecast(f: Forecast): ViewForecast {
  if (f.status !== 'ok')
    return { runOutAt: null, low: null, high: null, probability: null, insufficient: true };
  return { runOutAt: f.runOutAt, low: f.low, high: f.high, probability: f.probabilityRunOut };
}

export interface HeadroomOptions {
  budget?: ProbeBudget;
  forecast?: ForecastOptions;
  tap?: ForecastTap;
  estimator?: { seasonal?: boolean; backfit?: boolean };
  /** Recompute the forecast the scheduler uses at most this often (default 6 h). */
  forecastEveryMs?: number;
}

/** Headroom: the scheduler spends the budget, the estimator reads the windows, the forecaster predicts. */
export function headroom(ctx: MethodContext, options: HeadroomOptions = {}): Method {
  const readings: RequestWindowReading[] = [];
  const breaches: number[] = [];
  let spent = 0;
  let lastProbeAt: number | null = null;
  let blocked: { type: string; retryAt: number | null } | null = null;
  let windowResetAt: number | null = null;
  let nextAt = ctx.cycleStart;
  let cachedForecast: { at: number; forecast: Forecast } | null = null;
  const everyMs = options.forecastEveryMs ?? 6 * HOUR_MS;
  const budget = budgetCalls(options.budget, ctx.limit, ctx.cycleStart, ctx.cycleEnd);

  const detail = (at: number) =>
    estimateCycleDetail({
      at,
      cycleStart: ctx.cycleStart,
      cycleEnd: ctx.cycleEnd,
      limit: ctx.limit,
      windows: readings,
      cycleBreaches: breaches,
      monitorCalls: readings.filter((r) => r.monitor !== false).length,
      ...(options.estimator ? { model: options.estimator } : {}),
    });
  const plannedPerDay = (at: number) => {
    const daysLeft = Math.max(1 / 24, (ctx.cycleEnd - at) / DAY_MS);
    return Math.min(24, Math.max(0, budget - spent) / daysLeft);
  };
  const forecastAt = (at: number): Forecast => {
    const d = detail(at);
    const input: ForecastInput = {
      limit: ctx.limit,
      cycleStart: ctx.cycleStart,
      cycleEnd: ctx.cycleEnd,
      now: at,
      samples: d.samples,
      current: { at, used: d.estimate.used, low: d.estimate.low, high: d.estimate.high },
      ranOutAt: breaches[0] ?? null,
      extraPerDay: plannedPerDay(at),
      ...(options.forecast ? { options: options.forecast } : {}),
    };
    options.tap?.(input);
    return forecastCycle(input);
  };

  return {
    id: 'headroom',
    views: [
      {
        label: 'Headroom (1 % budget)',
        checks: 'hour',
        shown: (at) => detail(at).estimate.used,
        band: (at) => {
          const e = detail(at).estimate;
          return { low: e.low, high: e.high };
        },
        forecast: (at) => fromForecast(forecastAt(at)),
      },
    ],
    next: () => nextAt,
    onProbe(at, res, parsed) {
      spent++;
      lastProbeAt = at;
      const w = parsed.windows.find((x) => x.id === 'api_calls');
      const accepted = res.status < 300 && !parsed.blocked;
      if (w) {
        readings.push({
          observedAt: at,
          used: w.used,
          limit: w.limit,
          remaining: w.remaining,
          resetAt: w.resetAt,
          periodMs: w.periodMs ?? ctx.windowPeriodMs,
          monitor: accepted,
        });
        if (w.resetAt !== null) windowResetAt = w.resetAt;
      }
      if (parsed.blocked) {
        blocked = { type: parsed.blocked.type, retryAt: parsed.blocked.retryAt };
        if (parsed.blocked.type === 'api_calls_cycle') breaches.push(at);
      } else if (accepted) blocked = null;
      const d = detail(at);
      if (!cachedForecast || at - cachedForecast.at >= everyMs) {
        cachedForecast = {
          at,
          forecast: forecastCycle({
            limit: ctx.limit,
            cycleStart: ctx.cycleStart,
            cycleEnd: ctx.cycleEnd,
            now: at,
            samples: d.samples,
            current: { at, used: d.estimate.used, low: d.estimate.low, high: d.estimate.high },
            extraPerDay: plannedPerDay(at),
            options: { ...options.forecast, paths: 200 },
          }),
        };
      }
      const active = blocked && blocked.retryAt !== null && blocked.retryAt > at ? blocked : null;
      nextAt = nextProbe({
        now: at,
        cycleStart: ctx.cycleStart,
        cycleEnd: ctx.cycleEnd,
        cycleLimit: ctx.limit,
        budget: options.budget,
        spent,
        lastProbeAt,
        estimate: d.estimate,
        ratePerHour: d.ratePerHour,
        forecast: cachedForecast.forecast,
        blocked: active,
        windowResetAt,
        windowPeriodMs: ctx.windowPeriodMs,
      }).at;
      if (nextAt <= at) nextAt = at + MINUTE_MS;
    },
  };
}
