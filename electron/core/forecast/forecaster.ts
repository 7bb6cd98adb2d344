// Will the cycle quota last until renewal? From exact usage samples (window readings, or the
// differences of cumulative readings) the forecaster fits the rhythm of the day and week and the
// current pace (with change points and growth), then simulates the rest of the cycle many times
// (seeded Monte Carlo): the level is uncertain, days vary like the days seen (bootstrapped), and the
// pace may drift. The spread of the simulated run-out times is the answer's uncertainty.
// Pure and deterministic: the same input gives the same forecast.
import { fitLevel, type Block, type LevelOptions } from './level';
import { hashSeed, mulberry32, normalSource } from '../random';
import {
  DAY_MS,
  fitProfile,
  forEachCell,
  HOUR_MS,
  hourGrid,
  seasonArray,
  type SeasonalProfile,
} from './seasonal';
import type { Forecast, UsagePoint, UsageSample } from './types';

export interface ForecastInput {
  /** The cycle quota (> 0). */
  limit: number;
  cycleStart: number;
  cycleEnd: number;
  now: number;
  /** Exact calls over intervals (demand; need not cover the whole time). */
  samples: readonly UsageSample[];
  /** Cumulative usage at a moment, with its 80 % band when it is an estimate. Simulation starts here. */
  current: { at: number; used: number; low?: number; high?: number };
  /** When the usage is already at or above the limit: when it got there, if known. */
  ranOutAt?: number | null;
  /** Zone whose day and week the demand follows (default UTC). */
  timeZone?: string;
  /** Calls a day spent on top of the demand (the monitor's own probes). */
  extraPerDay?: number;
  options?: ForecastOptions;
}

export interface ForecastOptions extends LevelOptions {
  /** Simulated paths (default 400). */
  paths?: number;
  /** Seed of the simulation (default derived from nothing but a constant: same input, same output). */
  seed?: number;
  /** Random drift of the pace, standard deviation of log level per sqrt(day) (default 0.12). */
  driftPerSqrtDay?: number;
  /** Least span of samples to forecast from (default 12 h). */
  minSpanMs?: number;
  /** Fewest samples (default 2). */
  minSamples?: number;
  /** Also return the cone of cumulative usage ahead (ForecastDetail.cone). */
  cone?: boolean;
  /** Least time the samples cover together (default 6 h): a few glimpses are not a pace. */
  minObservedMs?: number;
  /** Use the seasonal profiles (default true). */
  seasonal?: boolean;
  /** Growth trend damping per day ahead (default 0.97). */
  trendDamping?: number;
  /**
   * A new pace is believed in proportion to how long it has lasted: the level blends the last
   * segment with the median pace before it, which weighs as this many days (0 = off, default 0.5).
   */
  youngBlendDays?: number;
}

/** Least time the samples must cover together, by default (ForecastOptions.minObservedMs). */
export const MIN_OBSERVED_MS = 6 * HOUR_MS;

/** The time the samples cover together, up to the cycle end (what MIN_OBSERVED_MS is checked against). */
export function measuredMs(samples: readonly UsageSample[], cycleEnd: number): number {
  return samples.reduce((sum, x) => sum + Math.max(0, Math.min(x.to, cycleEnd) - x.from), 0);
}

const Z80 = 1.2816;
const MIN_BOOTSTRAP = 4;
const DEFAULT_DAY_SD = 0.3;

function insufficient(reason: string, projected: number | null = null): Forecast {
  return {
    status: 'insufficient-data',
    runOutAt: null,
    low: null,
    high: null,
    probabilityRunOut: null,
    projectedAtCycleEnd: projected,
    safeDailyBudget: null,
    pacePerDay: null,
    reason,
  };
}

function quantileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return (sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo);
}

// Blocks the pace is measured in, and chunks the future is drawn in: half a day.
const BLOCK_MS = DAY_MS / 2;

/** Half-day blocks of deseasonalised usage, newest last, ending at `end`. */
function buildBlocks(
  samples: readonly UsageSample[],
  season: Float64Array,
  grid: ReturnType<typeof hourGrid>,
  end: number,
  begin: number,
): Block[] {
  const count = Math.max(1, Math.ceil((end - begin) / BLOCK_MS));
  const blocks: Block[] = [];
  for (let b = 0; b < count; b++) {
    const bEnd = end - (count - 1 - b) * BLOCK_MS;
    const bStart = Math.max(begin, bEnd - BLOCK_MS);
    blocks.push({ count: 0, exposure: 0, t: (bStart + bEnd) / 2 / DAY_MS - end / DAY_MS });
  }
  const blockOf = (t: number) =>
    Math.min(count - 1, Math.max(0, count - 1 - Math.floor((end - t - 1) / BLOCK_MS)));
  for (const s of samples) {
    const dur = s.to - s.from;
    if (!(dur > 0)) continue;
    // Spread the sample's calls over its hours in proportion to the rhythm.
    let weighted = 0;
    forEachCell(grid, s.from, s.to, (i, ov) => {
      weighted += ov * (season[i] as number);
    });
    if (!(weighted > 0)) continue;
    forEachCell(grid, s.from, s.to, (i, ov) => {
      const cs = grid.start + i * HOUR_MS;
      const mid = Math.max(s.from, cs) + ov / 2;
      const bl = blocks[blockOf(mid)] as Block;
      const sw = ov * (season[i] as number);
      bl.count += (s.count * sw) / weighted;
      bl.exposure += sw / HOUR_MS;
    });
  }
  return blocks.filter((b) => b.exposure > 0.5);
}

export interface ForecastDetail {
  forecast: Forecast;
  profile: SeasonalProfile | null;
  /** Deseasonalised calls per hour the forecast runs on. */
  level: number | null;
  changes: number;
  /**
   * Cumulative usage ahead, every half day to the cycle end: median and 80 % band of the simulated
   * paths (demand, not capped at the limit). Only with `options.cone`; empty otherwise.
   */
  cone: { at: number; mid: number; low: number; high: number }[];
}

export function forecastCycle(input: ForecastInput): Forecast {
  return forecastCycleDetail(input).forecast;
}

export function forecastCycleDetail(input: ForecastInput): ForecastDetail {
  const { limit, cycleStart, cycleEnd, current } = input;
  const opts = input.options ?? {};
  const now = Math.min(Math.max(input.now, cycleStart), cycleEnd);
  const extraPerDay = Math.max(0, input.extraPerDay ?? 0);
  const daysLeft = Math.max(0, (cycleEnd - now) / DAY_MS);
  const currentHigh = Math.max(current.used, current.high ?? current.used);
  const currentLow = Math.min(current.used, current.low ?? current.used);
  const safeDaily = (used: number) =>
    daysLeft > 0 ? Math.max(0, (limit - used - extraPerDay * daysLeft) / daysLeft) : null;
  const none: ForecastDetail = {
    forecast: insufficient(''),
    profile: null,
    level: null,
    changes: 0,
    cone: [],
  };

  const samples = input.samples.filter(
    (s) =>
      Number.isFinite(s.from) && Number.isFinite(s.to) && s.to > s.from && s.count >= 0 && s.from < cycleEnd,
  );
  const spanFrom = samples.reduce((m, s) => Math.min(m, s.from), Infinity);
  const spanTo = samples.reduce((m, s) => Math.max(m, s.to), -Infinity);
  const span = samples.length > 0 ? spanTo - spanFrom : 0;
  const minSpan = opts.minSpanMs ?? 12 * HOUR_MS;
  const minSamples = opts.minSamples ?? 2;

  // Known to be out (a breach was seen, or even the low end of the usage is at the limit): nothing
  // to predict about when. An estimate whose middle only touches the limit is not proof: simulate.
  const knownOut = (input.ranOutAt ?? null) !== null || currentLow >= limit;
  if (knownOut) {
    const at = input.ranOutAt ?? current.at;
    return {
      ...none,
      forecast: {
        status: 'ok',
        runOutAt: at,
        low: at,
        high: at,
        whenRunsOut: { low: at, high: at },
        probabilityRunOut: 1,
        projectedAtCycleEnd: current.used,
        safeDailyBudget: daysLeft > 0 ? 0 : null,
        pacePerDay: null,
        reason: 'the cycle quota is used up',
      },
    };
  }
  const observed = measuredMs(samples, cycleEnd);
  const minObserved = opts.minObservedMs ?? MIN_OBSERVED_MS;
  if (samples.length < minSamples || span < minSpan || observed < minObserved) {
    const hours = (ms: number) => Math.round((ms / HOUR_MS) * 10) / 10;
    const why =
      samples.length < minSamples
        ? `not enough data: ${samples.length} usage ${samples.length === 1 ? 'interval' : 'intervals'}, need ${minSamples}`
        : span < minSpan
          ? `not enough data: ${hours(span)} h of history, need ${minSpan / HOUR_MS} h`
          : `not enough data: ${hours(observed)} h measured, need ${minObserved / HOUR_MS} h (probe more, or enter a dashboard reading)`;
    // A pace is only safe against a usage we can bound below the limit: when the band reaches the
    // limit (nothing known of the days before monitoring), no figure is honest.
    const safe = currentHigh < limit ? safeDaily(currentHigh) : null;
    // Readings keep coming at the usual pace: the history and the measured time grow with the clock.
    const wait = Math.max(
      minSpan - span,
      minObserved - observed,
      samples.length < minSamples ? HOUR_MS : 0,
      0,
    );
    const readyAt = current.at + wait < cycleEnd ? current.at + wait : null;
    return { ...none, forecast: { ...insufficient(why), safeDailyBudget: safe, readyAt } };
  }

  const timeZone = input.timeZone ?? 'UTC';
  const start = Math.min(current.at, cycleEnd);
  const grid = hourGrid(Math.min(spanFrom, start), Math.max(cycleEnd, spanTo), timeZone);
  const profile = opts.seasonal === false ? null : fitProfile(samples, grid);
  const season = profile ? seasonArray(profile, grid) : new Float64Array(grid.hours).fill(1);

  const blocks = buildBlocks(samples, season, grid, spanTo, Math.max(spanFrom, cycleStart));
  const fit = fitLevel(blocks, opts);
  let level = fit.level;
  let seLog = fit.seLog;
  const blend = opts.youngBlendDays ?? 0.5;
  const segs = fit.segments;
  if (blend > 0 && segs.length >= 2 && fit.slopePerDay === 0 && level > 0) {
    // The baseline a young pace is weighed against: the median pace of the time before it, by
    // duration (a spike that ended is not what the next days will look like).
    const cur = segs.at(-1) as (typeof segs)[number];
    const earlier = segs.slice(0, -1).map((g) => ({ level: g.level, len: g.end - g.start }));
    earlier.sort((a, b) => a.level - b.level);
    const half = earlier.reduce((sum, g) => sum + g.len, 0) / 2;
    let acc = 0;
    let baseline = (earlier.at(-1) as { level: number }).level;
    for (const g of earlier) {
      acc += g.len;
      if (acc >= half) {
        baseline = g.level;
        break;
      }
    }
    const age = (cur.end - cur.start) * (BLOCK_MS / DAY_MS);
    if (baseline > 0) {
      const wOld = blend / (age + blend);
      const shift = Math.log(baseline / level);
      level = level * Math.exp(wOld * shift);
      // Which of the two paces holds is itself uncertain.
      seLog = Math.sqrt(seLog * seLog + wOld * (1 - wOld) * shift * shift);
    }
  }
  const pacePerDay = level * 24 + extraPerDay;

  // Expected demand per future cell (at the fitted level, no trend), from `start` to cycleEnd.
  const cellsFrom = Math.floor((start - grid.start) / HOUR_MS);
  const cellsTo = Math.ceil((cycleEnd - grid.start) / HOUR_MS);
  const m = Math.max(0, cellsTo - cellsFrom);
  const cellStart = new Float64Array(m);
  const cellEnd = new Float64Array(m);
  const prefix = new Float64Array(m + 1);
  const extraPerMs = extraPerDay / DAY_MS;
  for (let k = 0; k < m; k++) {
    const i = cellsFrom + k;
    const cs = Math.max(grid.start + i * HOUR_MS, start);
    const ce = Math.min(grid.start + (i + 1) * HOUR_MS, cycleEnd);
    cellStart[k] = cs;
    cellEnd[k] = ce;
    const dur = Math.max(0, ce - cs);
    const mu = level * (season[i] ?? 1) * (dur / HOUR_MS) + extraPerMs * dur;
    prefix[k + 1] = (prefix[k] as number) + mu;
  }
  // Half-day chunks of the future, each drawn with its own multiplier.
  const chunkBounds: number[] = [0];
  for (let k = 0; k < m; k++) {
    if ((cellEnd[k] as number) - start >= chunkBounds.length * BLOCK_MS || k === m - 1)
      chunkBounds.push(k + 1);
  }
  const chunks = chunkBounds.length - 1;

  // Residual day-to-day variation to resample (complete-ish blocks only), mean 1.
  const resid = fit.residualRatios.filter((r) => Number.isFinite(r));
  let residMean = 0;
  for (const r of resid) residMean += r;
  residMean = resid.length > 0 ? residMean / resid.length : 1;
  const useBootstrap = resid.length >= MIN_BOOTSTRAP && residMean > 0;

  const paths = opts.paths ?? 400;
  const drift = (opts.driftPerSqrtDay ?? 0.12) * Math.sqrt(BLOCK_MS / DAY_MS);
  const damping = opts.trendDamping ?? 0.97;
  const rng = mulberry32(opts.seed ?? hashSeed(20_260_401));
  const normal = normalSource(rng);
  const bandSd = (currentHigh - currentLow) / (2 * Z80);

  const runOut = new Float64Array(paths);
  const totals = new Float64Array(paths);
  const coneAcc = opts.cone ? new Float64Array(paths * chunks) : null;
  let outCount = 0;
  for (let p = 0; p < paths; p++) {
    let acc = Math.max(0, current.used + (bandSd > 0 ? bandSd * normal() : 0));
    const levelDev = seLog * normal();
    const slope = fit.slopePerDay + fit.seSlope * normal();
    let walk = 0;
    let crossed = Infinity;
    let trendDays = 0;
    for (let c = 0; c < chunks; c++) {
      const k0 = chunkBounds[c] as number;
      const k1 = chunkBounds[c + 1] as number;
      const base = (prefix[k1] as number) - (prefix[k0] as number);
      if (!(base > 0)) {
        if (coneAcc) coneAcc[c * paths + p] = acc;
        continue;
      }
      walk += drift * normal();
      // Damped growth: the trend continues but fades with distance.
      trendDays = trendDays * Math.sqrt(damping) + 0.5;
      const trend = slope !== 0 ? Math.exp(slope * trendDays) : 1;
      const day = useBootstrap
        ? (resid[Math.floor(rng() * resid.length)] as number) / residMean
        : Math.exp(DEFAULT_DAY_SD * normal() - (DEFAULT_DAY_SD * DEFAULT_DAY_SD) / 2);
      const mult = Math.exp(levelDev + walk) * trend * day;
      const add = base * mult;
      if (crossed === Infinity && acc + add >= limit && mult > 0) {
        // Where inside the chunk: walk the expected-demand prefix sums.
        const need = (prefix[k0] as number) + (limit - acc) / mult;
        let lo = k0;
        let hi = k1 - 1;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if ((prefix[mid + 1] as number) < need) lo = mid + 1;
          else hi = mid;
        }
        const cellMu = (prefix[lo + 1] as number) - (prefix[lo] as number);
        const frac = cellMu > 0 ? Math.min(1, Math.max(0, (need - (prefix[lo] as number)) / cellMu)) : 0;
        crossed = (cellStart[lo] as number) + frac * ((cellEnd[lo] as number) - (cellStart[lo] as number));
      }
      acc += add;
      if (coneAcc) coneAcc[c * paths + p] = acc;
    }
    if (acc >= limit && crossed === Infinity) crossed = start;
    runOut[p] = crossed;
    totals[p] = acc;
    if (crossed < cycleEnd) outCount++;
  }
  runOut.sort();
  totals.sort();
  const q = (x: number) => {
    const v = quantileSorted(runOut, x);
    return Number.isFinite(v) && v < cycleEnd ? v : null;
  };
  const probabilityRunOut = outCount / paths;
  const median = q(0.5);
  // The 80 % interval: the 10th to the 90th percentile while both fall inside the cycle. When the
  // 90th is past renewal the interval is open-ended ("not before low"), and [10th, renewal and
  // beyond) would hold 90 % of the paths, not 80 %: its low end is then the 20th percentile.
  const high = q(0.9);
  const low = q(high === null ? 0.2 : 0.1);
  return {
    forecast: {
      status: 'ok',
      runOutAt: median,
      low,
      high,
      whenRunsOut:
        outCount > 0
          ? {
              low: quantileSorted(runOut.subarray(0, outCount), 0.1),
              high: quantileSorted(runOut.subarray(0, outCount), 0.9),
            }
          : null,
      probabilityRunOut,
      projectedAtCycleEnd: quantileSorted(totals, 0.5),
      safeDailyBudget: safeDaily(currentHigh),
      pacePerDay,
      reason:
        fit.changes.length > 0
          ? 'pace since the last change of pace'
          : fit.slopePerDay !== 0
            ? 'pace with its trend'
            : 'pace over the data',
    },
    profile,
    level,
    changes: fit.changes.length,
    cone: coneAcc ? coneOf(coneAcc, paths, chunks, chunkBounds, cellEnd) : [],
  };
}

function coneOf(
  acc: Float64Array,
  paths: number,
  chunks: number,
  bounds: readonly number[],
  cellEnd: Float64Array,
): ForecastDetail['cone'] {
  const out: ForecastDetail['cone'] = [];
  for (let c = 0; c < chunks; c++) {
    const col = acc.slice(c * paths, (c + 1) * paths).sort();
    out.push({
      at: cellEnd[(bounds[c + 1] as number) - 1] as number,
      mid: quantileSorted(col, 0.5),
      low: quantileSorted(col, 0.1),
      high: quantileSorted(col, 0.9),
    });
  }
  return out;
}

/** Cumulative readings into samples (the differences) and the latest reading. */
export interface PointSeries {
  samples: UsageSample[];
  current: UsagePoint | null;
  /** When the readings first reached the limit (interpolated), if they did. */
  ranOutAt: number | null;
  /** Readings ignored, with why (outside the cycle, in the future, inconsistent). */
  ignored: string[];
  /** Readings kept. */
  kept: number;
}

/**
 * Cumulative cycle usage readings, in any order, into exact samples. Readings before the cycle
 * start or after `now` belong elsewhere and are dropped. The cycle starts at 0, so the first
 * reading also tells the calls since cycleStart. A reading lower than an earlier one cannot both
 * be right for a counter that only grows: the later one wins (the newest look at the truth) and
 * the earlier, higher one is dropped.
 */
export function pointSeries(
  points: readonly UsagePoint[],
  cycleStart: number,
  now: number,
  limit: number | null = null,
): PointSeries {
  const ignored: string[] = [];
  const inCycle: UsagePoint[] = [];
  for (const p of points) {
    if (p.at < cycleStart)
      ignored.push(`reading at ${new Date(p.at).toISOString()} is before the cycle start`);
    else if (p.at > now) ignored.push(`reading at ${new Date(p.at).toISOString()} is after now`);
    else inCycle.push(p);
  }
  // Stable sort by time; for equal times the one given last wins.
  const sorted = inCycle.map((p, i) => ({ p, i })).sort((a, b) => a.p.at - b.p.at || a.i - b.i);
  const dedup: UsagePoint[] = [];
  for (const { p } of sorted) {
    if (dedup.length > 0 && (dedup.at(-1) as UsagePoint).at === p.at) dedup[dedup.length - 1] = p;
    else dedup.push(p);
  }
  const kept: UsagePoint[] = [];
  let floor = Infinity;
  for (let i = dedup.length - 1; i >= 0; i--) {
    const p = dedup[i] as UsagePoint;
    if (p.used <= floor) {
      kept.push(p);
      floor = p.used;
    } else {
      ignored.push(`reading at ${new Date(p.at).toISOString()} (${p.used}) is above a later one (${floor})`);
    }
  }
  kept.reverse();
  const samples: UsageSample[] = [];
  let prev: UsagePoint = { at: cycleStart, used: 0 };
  let ranOutAt: number | null = null;
  for (const p of kept) {
    if (p.at > prev.at) samples.push({ from: prev.at, to: p.at, count: p.used - prev.used });
    if (limit !== null && ranOutAt === null && p.used >= limit) {
      ranOutAt =
        p.used > prev.used && p.at > prev.at && prev.used < limit
          ? prev.at + ((limit - prev.used) / (p.used - prev.used)) * (p.at - prev.at)
          : p.at;
    }
    prev = p;
  }
  return { samples, current: kept.at(-1) ?? null, ranOutAt, ignored, kept: kept.length };
}
