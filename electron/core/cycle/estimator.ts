// How much of the billing cycle has been used, from what a Voucherify-like API shows: only the
// request window (an hour) on a normal response. One reading tells the calls made since its window
// began (the reset time says where the window began), so a probe just before a window ends measures
// almost the whole hour. Hours no probe saw are inferred from a rate model (the day's rhythm times a
// level that follows the nearby readings), with an uncertainty taken from how well that model
// predicts the hours that were seen (leave-one-out). A dashboard reading or a cycle breach is an
// exact anchor: the estimate restarts from it, whichever side of the old estimate it falls.
import {
  fitProfile,
  flatProfile,
  forEachCell,
  HOUR_MS,
  hourGrid,
  seasonArray,
  type SeasonalProfile,
} from '../forecast/seasonal';
import type { CycleEstimate, UsagePoint, UsageSample } from '../forecast/types';
import { rhythmBackfill } from './backfill';
import { callsCeiling, type SeenWindow } from './ceiling';

/** One reading of the request window (from a ParseResult window of kind requests-hour / -minute). */
export interface RequestWindowReading {
  observedAt: number;
  /** Calls counted in the window when read; derived from limit - remaining when absent. */
  used?: number | null;
  limit?: number | null;
  remaining?: number | null;
  /** When the window resets (its end); null when unknown (then windows are taken as clock-aligned). */
  resetAt: number | null;
  periodMs: number | null;
  /**
   * True (default) when the reading came from Headroom's own probe, which the window then counts;
   * false for a reading taken passively from someone else's response.
   */
  monitor?: boolean;
}

export interface CycleEstimatorInput {
  /** The moment to estimate (now). */
  at: number;
  cycleStart: number;
  cycleEnd: number;
  /** The cycle quota; null when unknown (then nothing is clamped). */
  limit: number | null;
  windows: readonly RequestWindowReading[];
  /** Times a call was refused because the cycle quota was exhausted (a 429 `api_calls_cycle`). */
  cycleBreaches?: readonly number[];
  /** Usage the user copied from the vendor's dashboard (exact, cumulative since cycleStart). */
  readings?: readonly UsagePoint[];
  /** Probes Headroom sent this cycle, including any whose response carried no window headers. */
  monitorCalls?: number;
  /** Zone whose day the demand follows (default UTC). */
  timeZone?: string;
  /** Window length when a reading does not say (default one hour). */
  defaultPeriodMs?: number;
  /**
   * Model choices (for the backtest's comparisons): fit the daily rhythm (default true), backfit it;
   * rhythmBackfill false = the earlier model (the days before monitoring at the nearby pace, and the
   * estimate taken as anchored), for the first-cycle backtest's before -> after.
   */
  model?: { seasonal?: boolean; backfit?: boolean; rhythmBackfill?: boolean };
}

export interface CycleEstimateDetail {
  estimate: CycleEstimate;
  /** Demand each observed window measured (the monitor's own calls removed), for the forecaster. */
  samples: UsageSample[];
  profile: SeasonalProfile;
  /** Demand the model expects at `at`, calls per hour (the pace right now). */
  ratePerHour: number;
  /** Mean demand over the last 24 h of the model, calls per hour (the pace of the day). */
  dayRatePerHour: number;
  /**
   * True when an exact figure ties the estimate down: a dashboard reading, a cycle breach, or
   * readings from the cycle's first hour on. False while the days before monitoring began are
   * inferred (then only the band's low end is certain enough to alert on).
   */
  anchored: boolean;
}

const Z80 = 1.2816;
const MIN_CELL_MS = 15 * 60_000;
const KERNEL_HOURS = [1, 2, 4, 8, 16, 48] as const;
// With too few comparisons the model's error is not known: assume a wide one.
const PRIOR_REL_SD = 1;
const MIN_RESIDUALS = 6;
const SKEW_TOLERANCE_MS = 60_000;
// How many hours of average demand pull a refitted hour-of-day value towards the first fit.
const PROFILE_PRIOR_HOURS = 1;
// Leave-one-out errors overstate the error of inferring an unseen hour when readings are sparse
// (leaving one out widens its gap); this scale was calibrated on the backtest's training seeds so
// that the 80 % band holds the truth about 80 % of the time (docs/forecast.md).
const REL_SCALE = 0.6;
// The least relative error of the hours inferred between readings (see floorVar below).
const LEVEL_FLOOR_REL = 0.06;
// How many times more varied a few hours read at random are than a Poisson count, when the daily
// rhythm is not yet measured (a design effect; see countedHours below). First-cycle bench, Free on
// seeds 701 and 901: 1 left the truth above the band at 60 % of late checkpoints, 1.3 at 75-80 %,
// 1.5 at 85-100 %; 2 put the band's top at the plan's limit.
const UNMEASURED_RHYTHM_DEFF = 1.5;
// The least hour-to-hour correlation of demand's wobble around its level. Leave-one-out residuals
// against a level drawn from the neighbours hide it (measured 0 in most first-cycle runs), and
// Poisson noise in the counts hides it further; the month-long real hourly series (../shared/data,
// NAB, the daily rhythm and a two-day level taken out) keep 0.37-0.85 of it from one hour to the
// next, median about 0.45 (`npm run bench -- --only hour-persistence`; the 11-day ELB series: 0.01).
// Treated as independent, the hours inferred between readings added up to a band
// too narrow a day or two after a dashboard reading (first-cycle bench, Growth steady, fifth pass).
const MIN_HOUR_RHO = 0.5;
// The least relative wobble of an hour's demand around its level beyond counting (Poisson) noise.
// The real hourly series wobble 0.23-0.50 around a two-day level (`npm run bench -- --only
// hour-persistence`). Without it, a dozen hours read that happened to agree made the level's error
// Poisson's alone: on fresh seeds (1401) Startup from the cycle start held the truth in 50-65 % of
// runs at 47-78 h (first-cycle bench, docs/first-cycle.md, sixth pass).
const MIN_HOUR_WOBBLE = 0.2;
// How far a whole day's demand moves from its neighbours' (relative sd): its unseen hours share it,
// so they do not average out hour by hour. The real series' days sit 8-30 % from the mean of the
// three days either side, weekday rhythm divided out (AMZN, NYC taxi, ELB 8 %; IBM 26 %, GOOG 30 %;
// same bench), the hourly wobble's share of it included.
const DAY_REL_SD = 0.1;

/**
 * Student's t at 0.9 with `df` degrees of freedom (Cornish-Fisher; within 0.2 % from df 5): the 80 %
 * band's half-width in standard errors when the error itself is estimated from `df` comparisons.
 */
export function t80(df: number): number {
  const z = Z80;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

/**
 * How far the one-sided upper bound (at normal quantile z) of a Poisson mean lies above `count`
 * observed events (Wilson-Hilferty). The normal approximation z * sqrt(count + 1) is too tight for
 * few events: after 0 calls the 90 % bound is 2.3 calls, not 1.3 (first-cycle bench, Free: five
 * probes a cycle, each hour read empty, the band's top below the truth for days).
 */
export function poissonUpperExcess(count: number, z: number): number {
  const k1 = Math.max(0, count) + 1;
  const upper = k1 * (1 - 1 / (9 * k1) + z / (3 * Math.sqrt(k1))) ** 3;
  return Math.max(0, upper - Math.max(0, count));
}

interface Norm {
  t: number;
  used: number;
  start: number;
  end: number;
  monitor: boolean;
  limit: number | null;
}

function normalise(input: CycleEstimatorInput): { readings: Norm[]; dropped: number } {
  const out: Norm[] = [];
  let dropped = 0;
  for (const w of input.windows) {
    const period = w.periodMs && w.periodMs > 0 ? w.periodMs : (input.defaultPeriodMs ?? HOUR_MS);
    const used =
      w.used ??
      (w.limit !== null && w.limit !== undefined && w.remaining !== null && w.remaining !== undefined
        ? Math.max(0, w.limit - w.remaining)
        : null);
    if (used === null || !Number.isFinite(used) || used < 0 || !Number.isFinite(w.observedAt)) {
      dropped++;
      continue;
    }
    // The reset names the window's end; one that cannot be (in the past, or more than a period
    // ahead) is ignored and the window taken as aligned to the clock.
    let end = w.resetAt;
    if (
      end === null ||
      !Number.isFinite(end) ||
      end <= w.observedAt - SKEW_TOLERANCE_MS ||
      end - period > w.observedAt + SKEW_TOLERANCE_MS
    ) {
      end = Math.floor(w.observedAt / period) * period + period;
    }
    out.push({
      t: Math.min(w.observedAt, end),
      used,
      start: end - period,
      end,
      monitor: w.monitor !== false,
      limit: w.limit !== null && w.limit !== undefined && Number.isFinite(w.limit) ? w.limit : null,
    });
  }
  out.sort((a, b) => a.t - b.t);
  return { readings: out, dropped };
}

interface WindowSummary {
  sample: (UsageSample & { afterAnchor?: number; anchorShareVar?: number }) | null;
  /** Own calls inside this window's best reading. */
  own: number;
}

/** Per window: the fullest reading, minus the monitor's own calls it counts. */
function summariseWindows(
  readings: Norm[],
  cycleStart: number,
  at: number,
  anchorAt: number,
): WindowSummary[] {
  const byStart = new Map<number, Norm[]>();
  for (const r of readings) {
    if (r.t > at || r.end <= cycleStart) continue;
    const list = byStart.get(r.start);
    if (list) list.push(r);
    else byStart.set(r.start, [r]);
  }
  const out: WindowSummary[] = [];
  for (const list of byStart.values()) {
    let best = list[0] as Norm;
    for (const r of list) if (r.used > best.used || (r.used === best.used && r.t > best.t)) best = r;
    let own = 0;
    for (const r of list) if (r.monitor && r.t <= best.t) own++;
    const demand = Math.max(0, best.used - own);
    const from = Math.max(best.start, cycleStart);
    if (best.t <= from) {
      out.push({ sample: null, own: 0 });
      continue;
    }
    // A window that began before the cycle: keep the in-cycle share, pro rata by time.
    const share = (best.t - from) / (best.t - best.start);
    const sample: NonNullable<WindowSummary['sample']> = { from, to: best.t, count: demand * share };
    if (anchorAt > from && anchorAt < best.t) {
      // The anchor (a dashboard reading) falls inside this window: what the window counted before it
      // is already in the anchor. A reading of the same window at or before the anchor says how much;
      // without one, the share by time, with the uncertainty of not knowing when the calls came.
      let before: Norm | null = null;
      for (const r of list) if (r.t <= anchorAt && (before === null || r.used > before.used)) before = r;
      if (before !== null) {
        let ownBefore = 0;
        for (const r of list) if (r.monitor && r.t <= before.t) ownBefore++;
        sample.afterAnchor = Math.max(0, demand - Math.max(0, before.used - ownBefore));
        sample.anchorShareVar = 0;
      } else {
        const after = (best.t - anchorAt) / (best.t - from);
        sample.afterAnchor = sample.count * after;
        const unsure = sample.count * Math.min(after, 1 - after);
        sample.anchorShareVar = (unsure * unsure) / 3;
      }
    }
    out.push({ sample, own });
  }
  out.sort((a, b) => (a.sample?.from ?? 0) - (b.sample?.from ?? 0));
  return out;
}

interface Level {
  /** Deseasonalised demand per hour, per cell. */
  level: Float64Array;
  /** Leave-one-out level at observed cells (NaN elsewhere). */
  loo: Float64Array;
}

/** Exponential-kernel smoother over the observed cells, both directions, O(cells). */
function kernelLevel(x: Float64Array, w: Float64Array, tauHours: number, fallback: number): Level {
  const n = x.length;
  const decay = Math.exp(-1 / tauHours);
  const fn = new Float64Array(n);
  const fd = new Float64Array(n);
  const bn = new Float64Array(n);
  const bd = new Float64Array(n);
  let an = 0;
  let ad = 0;
  for (let i = 0; i < n; i++) {
    an = an * decay + (w[i] as number) * (x[i] as number);
    ad = ad * decay + (w[i] as number);
    fn[i] = an;
    fd[i] = ad;
  }
  an = 0;
  ad = 0;
  for (let i = n - 1; i >= 0; i--) {
    an = an * decay + (w[i] as number) * (x[i] as number);
    ad = ad * decay + (w[i] as number);
    bn[i] = an;
    bd[i] = ad;
  }
  const level = new Float64Array(n);
  const loo = new Float64Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    const wi = w[i] as number;
    const self = wi * (x[i] as number);
    const num = (fn[i] as number) + (bn[i] as number) - self;
    const den = (fd[i] as number) + (bd[i] as number) - wi;
    level[i] = den > 1e-9 ? num / den : fallback;
    if (wi > 0) {
      const ln = num - self;
      const ld = den - wi;
      loo[i] = ld > 1e-6 ? ln / ld : fallback;
    }
  }
  return { level, loo };
}

/** The fullest reading of each window read this cycle up to `at`. */
function bestPerWindow(readings: readonly Norm[], cycleStart: number, at: number): SeenWindow[] {
  const best = new Map<number, Norm>();
  for (const r of readings) {
    if (r.t > at || r.end <= cycleStart) continue;
    const b = best.get(r.start);
    if (!b || r.used > b.used) best.set(r.start, r);
  }
  return [...best.values()].map((r) => ({
    start: r.start,
    end: r.end,
    t: r.t,
    used: r.used,
    limit: r.limit,
  }));
}

/** The request window's length: the one most readings name, else the input's default (an hour). */
function commonPeriod(readings: readonly Norm[], input: CycleEstimatorInput): number {
  const counts = new Map<number, number>();
  for (const r of readings) counts.set(r.end - r.start, (counts.get(r.end - r.start) ?? 0) + 1);
  let period = input.defaultPeriodMs ?? HOUR_MS;
  let most = 0;
  for (const [p, c] of counts)
    if (c > most) {
      most = c;
      period = p;
    }
  return period;
}

export function estimateCycle(input: CycleEstimatorInput): CycleEstimate {
  return estimateCycleDetail(input).estimate;
}

export function estimateCycleDetail(input: CycleEstimatorInput): CycleEstimateDetail {
  const { cycleStart, cycleEnd, limit } = input;
  const at = Math.min(Math.max(input.at, cycleStart), cycleEnd);
  const timeZone = input.timeZone ?? 'UTC';
  const notes: string[] = [];
  const { readings, dropped } = normalise(input);
  if (dropped > 0)
    notes.push(
      `${dropped} window reading${dropped === 1 ? '' : 's'} without a usable count ${dropped === 1 ? 'was' : 'were'} ignored`,
    );

  // The anchor: the latest exact figure (dashboard reading or breach), else the cycle start at 0.
  let anchor: { at: number; used: number; basis: CycleEstimate['basis'] } = {
    at: cycleStart,
    used: 0,
    basis: 'none',
  };
  for (const r of input.readings ?? []) {
    if (!Number.isFinite(r.at) || !Number.isFinite(r.used) || r.used < 0) continue;
    if (r.at < cycleStart || r.at > at) continue;
    if (r.at >= anchor.at) anchor = { at: r.at, used: r.used, basis: 'dashboard' };
  }
  let breachAt: number | null = null;
  for (const b of input.cycleBreaches ?? []) {
    if (b >= cycleStart && b <= at && (breachAt === null || b > breachAt)) breachAt = b;
  }
  if (breachAt !== null && limit !== null && breachAt >= anchor.at) {
    anchor = { at: breachAt, used: limit, basis: 'breach' };
  }
  if (limit !== null && anchor.used > limit && anchor.basis === 'dashboard') {
    notes.push(
      `the dashboard reading (${anchor.used}) is above the cycle limit (${limit}): check the plan's limit`,
    );
  }

  const windows = summariseWindows(readings, cycleStart, at, anchor.at);
  const samples: UsageSample[] = windows.flatMap((w) =>
    w.sample ? [{ from: w.sample.from, to: w.sample.to, count: w.sample.count }] : [],
  );
  const monitorReadings = readings.filter((r) => r.monitor && r.t >= cycleStart && r.t <= at);
  if (anchor.basis === 'none' && samples.length > 0) anchor.basis = 'observed';

  const grid = hourGrid(cycleStart, Math.max(at, cycleStart + 1), timeZone);
  const profile = input.model?.seasonal === true ? fitProfile(samples, grid) : flatProfile();
  const n = grid.hours;
  const obsMs = new Float64Array(n);
  const obsCount = new Float64Array(n);
  for (const s of samples) {
    const dur = s.to - s.from;
    forEachCell(grid, s.from, s.to, (i, ov) => {
      obsMs[i] = (obsMs[i] as number) + ov;
      obsCount[i] = (obsCount[i] as number) + (s.count * ov) / dur;
    });
  }
  let observedCells = 0;
  for (let i = 0; i < n; i++) if ((obsMs[i] as number) >= MIN_CELL_MS) observedCells++;

  // Level and daily rhythm, backfitted: the level (an exponential kernel over the nearby observed
  // hours, its width chosen by leave-one-out) given the rhythm, then the rhythm from each observed
  // hour against the level its neighbours predict for it, and once more.
  let season = seasonArray(profile, grid);
  let level: Float64Array = new Float64Array(n);
  let loo: Float64Array = new Float64Array(n);
  let meanLevel: number;
  const passes = profile.daily && input.model?.backfit !== false ? 2 : 1;
  for (let pass = 0; pass < passes; pass++) {
    const x = new Float64Array(n);
    const w = new Float64Array(n);
    let totalCount = 0;
    let totalExp = 0;
    for (let i = 0; i < n; i++) {
      const e = (obsMs[i] as number) / HOUR_MS;
      const s = season[i] as number;
      if ((obsMs[i] as number) >= MIN_CELL_MS && s > 0) {
        x[i] = (obsCount[i] as number) / (e * s);
        w[i] = e;
      }
      totalCount += obsCount[i] as number;
      totalExp += e * s;
    }
    meanLevel = totalExp > 0 ? totalCount / totalExp : 0;
    let best: Level | null = null;
    let bestLoss = Infinity;
    if (observedCells >= 4) {
      for (const tau of KERNEL_HOURS) {
        const lv = kernelLevel(x, w, tau, meanLevel);
        let loss = 0;
        for (let i = 0; i < n; i++) {
          if (!((w[i] as number) > 0)) continue;
          const pred = lv.loo[i] as number;
          const d = (x[i] as number) - pred;
          loss += ((w[i] as number) * d * d) / Math.max(pred, meanLevel * 0.05, 1e-9);
        }
        if (loss < bestLoss) {
          bestLoss = loss;
          best = lv;
        }
      }
    }
    level = best?.level ?? new Float64Array(n).fill(meanLevel);
    loo = best?.loo ?? new Float64Array(n).fill(meanLevel);
    if (pass === 0 && passes === 2) {
      // Refit the hourly rhythm against the neighbours' level (not the day's average, which
      // depends on which hours happened to be seen).
      const num = new Float64Array(24);
      const den = new Float64Array(24);
      for (let i = 0; i < n; i++) {
        const e = (obsMs[i] as number) / HOUR_MS;
        const lv = loo[i] as number;
        if (!((obsMs[i] as number) >= MIN_CELL_MS) || !(lv > 0)) continue;
        const h = grid.hourOfDay[i] as number;
        const expected = lv * (season[i] as number) * e;
        num[h] = (num[h] as number) + Math.min(4 * expected, obsCount[i] as number);
        den[h] = (den[h] as number) + expected;
      }
      let mean = 0;
      const hourly = new Float64Array(24);
      for (let h = 0; h < 24; h++) {
        // Ratio to the old rhythm's level: the old value times how far off it was, lightly shrunk.
        const k = den[h] as number;
        const ratio = k > 0 ? (num[h] as number) / k : 1;
        const prior = meanLevel * PROFILE_PRIOR_HOURS;
        hourly[h] = (profile.hourly[h] as number) * ((k * ratio + prior) / (k + prior));
        mean += hourly[h] as number;
      }
      mean /= 24;
      for (let h = 0; h < 24; h++) profile.hourly[h] = (hourly[h] as number) / mean;
      season = seasonArray(profile, grid);
    }
  }

  // How wrong the model is on hours it did see: relative error and its hour-to-hour correlation.
  let sq = 0;
  let predSq = 0;
  let residuals = 0;
  let lagNum = 0;
  let lagDen = 0;
  let prevRel: number | null = null;
  for (let i = 0; i < n; i++) {
    if (!((obsMs[i] as number) >= 30 * 60_000)) {
      prevRel = null;
      continue;
    }
    const pred = (loo[i] as number) * (season[i] as number) * ((obsMs[i] as number) / HOUR_MS);
    if (!(pred > 0)) {
      prevRel = null;
      continue;
    }
    const r = (obsCount[i] as number) - pred;
    sq += r * r;
    predSq += pred * pred;
    residuals++;
    const rel = r / pred;
    if (prevRel !== null) {
      lagNum += rel * prevRel;
      lagDen += rel * rel;
    }
    prevRel = rel;
  }
  // Measured error, scaled (see REL_SCALE); with too few comparisons, the wide prior instead. An
  // error estimated from a few comparisons is itself uncertain: the band widens by Student's t over
  // the normal quantile (6 comparisons: x1.12; 20: x1.03).
  const measured = residuals >= MIN_RESIDUALS && predSq > 0;
  const relSd = measured ? (t80(residuals) / Z80) * REL_SCALE * Math.sqrt(sq / predSq) : PRIOR_REL_SD;
  const rho = lagDen > 0 ? Math.min(0.9, Math.max(MIN_HOUR_RHO, lagNum / lagDen)) : MIN_HOUR_RHO;

  // Integrate from the anchor to `at`: what was seen, plus the model over what was not.
  const from = anchor.at;
  let seen = 0;
  let seenMs = 0;
  const seenInRange = new Float64Array(n);
  let anchorShareVar = 0;
  for (const w of windows) {
    const s = w.sample;
    if (!s) continue;
    const a = Math.max(s.from, from);
    const b = Math.min(s.to, at);
    if (b > a) {
      if (s.afterAnchor !== undefined && s.from < from) {
        seen += s.afterAnchor;
        anchorShareVar += s.anchorShareVar ?? 0;
      } else seen += (s.count * (b - a)) / (s.to - s.from);
      seenMs += b - a;
      forEachCell(grid, a, b, (i, ov) => {
        seenInRange[i] = (seenInRange[i] as number) + ov;
      });
    }
  }
  // Hours before monitoring began (and after the anchor) follow the rhythm seen since, with their
  // own, wider spread (backfill.ts); the hours between readings follow the level around them.
  // Where monitoring began: the start of the first window read (a reading at the very start of its
  // window proves nothing was used in it yet, so it counts too).
  let firstSeen = Infinity;
  for (const r of readings)
    if (r.t >= cycleStart && r.t <= at) firstSeen = Math.min(firstSeen, Math.max(r.start, cycleStart));
  const gapEnd = Number.isFinite(firstSeen) && firstSeen - from > HOUR_MS ? firstSeen : from;
  const legacy = input.model?.rhythmBackfill === false;
  const back = gapEnd > from && !legacy ? rhythmBackfill(grid, obsMs, obsCount) : null;
  let backfilled = 0;
  let gapHours = 0;
  let inferred = 0;
  let varSum = 0;
  let chain = 0;
  let prevMu = 0;
  let muTotal = 0;
  let unseenHours = 0;
  const dayMu = new Map<number, number>();
  forEachCell(grid, from, at, (i, ov) => {
    const unseen = Math.max(0, ov - (seenInRange[i] as number));
    const cellStart = grid.start + i * HOUR_MS;
    if (back && cellStart < gapEnd) {
      const inGap = Math.min(unseen, Math.max(0, gapEnd - Math.max(cellStart, from)));
      backfilled += (back.rate[i] as number) * (inGap / HOUR_MS);
      gapHours += inGap / HOUR_MS;
      if (inGap >= unseen) return;
    }
    unseenHours += unseen / HOUR_MS;
    const mu = (level[i] as number) * (season[i] as number) * (unseen / HOUR_MS);
    const d = grid.day[i] as number;
    dayMu.set(d, (dayMu.get(d) ?? 0) + mu);
    inferred += mu;
    muTotal += mu;
    chain = rho * (chain + prevMu);
    varSum += mu * mu + 2 * mu * chain;
    prevMu = mu;
  });
  // The level itself is uncertain as a whole, not only hour by hour.
  // Measured, the level's error shrinks with the hours seen; not yet measured, it is the prior's whole.
  // Its standard error is the spread of the hours seen around it over their number: the
  // leave-one-out error as measured, not scaled down (REL_SCALE is about inferring one unseen hour
  // from neighbours a reading nearer than leave-one-out has, not about the level as a whole).
  const levelRelSd = measured ? relSd / REL_SCALE : relSd;
  const modelVar =
    (levelRelSd * levelRelSd * muTotal * muTotal) / (measured ? Math.max(4, observedCells) : 1);
  // With little data the level is uncertain by counting alone (Poisson): a quiet first hour does not
  // prove a quiet cycle. Whichever is larger stands, so rich data keep their calibrated band.
  let exposureHours = 0;
  let observedCalls = 0;
  for (let i = 0; i < n; i++) {
    exposureHours += (obsMs[i] as number) / HOUR_MS;
    observedCalls += obsCount[i] as number;
  }
  // Counting assumes the hours seen stand for all hours. Until the model's error is measured (a few
  // readings: Free's five probes a cycle), they may all be night or weekend hours of a weekday
  // rhythm: they count as fewer hours (first-cycle bench, Free mid-cycle on weekday load: four quiet
  // hours read, the band's top at 250-360 against a truth of 260-470).
  const countedHours = measured ? exposureHours : exposureHours / UNMEASURED_RHYTHM_DEFF;
  // Counting: Poisson, plus the least wobble of real hours around their level over the hours counted
  // (see MIN_HOUR_WOBBLE: a few hours that happen to agree do not prove a steady level).
  const countingVar =
    countedHours > 0
      ? (unseenHours * unseenHours * (observedCalls + 1)) / (countedHours * countedHours) +
        (MIN_HOUR_WOBBLE * muTotal) ** 2 / Math.max(1, countedHours)
      : 0;
  // However many hours were seen, the level between readings is not known better than this: the
  // scheduler probes more often when the pace is high, so the hours seen lean busy (first-cycle
  // backtest: the inferred total ran 2-4 % high for days, outside a band that shrank with the hours).
  // 6 %, not 4 %: on Startup after a dashboard reading the level ran 8 % high for a week (a pace
  // that drifts from day to day, read three hours a day), and the band's low end crossed 80 % for a
  // cycle that ended at 79 % (first-cycle bench, docs/first-cycle.md, fourth pass).
  const floorVar = (LEVEL_FLOOR_REL * muTotal) ** 2;
  const biasVar = Math.max(modelVar, countingVar, floorVar);
  // Each day's unseen hours share that day's own level (DAY_REL_SD), on top of the level's error.
  let dayVar = 0;
  for (const mu of dayMu.values()) dayVar += (DAY_REL_SD * mu) ** 2;
  const sd = Math.sqrt(relSd * relSd * varSum + biasVar + inferred + anchorShareVar + dayVar);
  // The back-filled days: log-normal around the rhythm's total, combined with the rest in quadrature.
  let backDown = 0;
  let backUp = 0;
  if (back && backfilled > 0) {
    const down = Number.isFinite(back.sigmaDown) ? back.sigmaDown : 3;
    const up = Number.isFinite(back.sigmaUp) ? back.sigmaUp : 3;
    backDown = backfilled * (1 - Math.exp(-Z80 * down));
    backUp = backfilled * (Math.exp(Z80 * up) - 1);
  }
  if (back && gapHours > 0 && exposureHours > 0) {
    // Counting alone: a quiet hour or two does not prove quiet days (as the Poisson part of countingVar above).
    const pois = (gapHours * poissonUpperExcess(observedCalls, Z80)) / countedHours;
    backUp = Math.sqrt(backUp * backUp + pois * pois);
  }
  // A dashboard reading with less than an hour of window time seen: the cycle's own average pace up
  // to the reading stands for the hours after it, instead of the few minutes seen (not on top of
  // them: per-minute windows never fill a cell, and adding both put the band's low end above the
  // truth for hours after a reading; first-cycle bench, Organization), with a wide spread.
  if (anchor.basis === 'dashboard' && exposureHours < 1 && anchor.at > cycleStart && unseenHours > 0) {
    const avgPerHour = (anchor.used / (anchor.at - cycleStart)) * HOUR_MS;
    const mu = avgPerHour * unseenHours;
    inferred += mu - muTotal;
    backDown = Math.sqrt(backDown ** 2 + (mu * (1 - Math.exp(-Z80 * 0.9))) ** 2);
    backUp = Math.sqrt(backUp ** 2 + (mu * (Math.exp(Z80 * 1.2) - 1)) ** 2);
  }
  const spreadDown = Math.sqrt((Z80 * sd) ** 2 + backDown ** 2);
  const spreadUp = Math.sqrt((Z80 * sd) ** 2 + backUp ** 2);

  // The monitor's own calls since the anchor (counted by the windows, so added back here).
  let own = 0;
  // A probe at the very start of the cycle is in the cycle (the window counted it and `seen` left
  // it out); one at an exact anchor's moment is taken as already in the anchor's figure.
  const fromCycleStart = from === cycleStart;
  for (const r of monitorReadings) if (r.t > from || (fromCycleStart && r.t === from)) own++;
  const unreported = Math.max(0, (input.monitorCalls ?? monitorReadings.length) - monitorReadings.length);
  const rangeMs = Math.max(1, at - from);
  own +=
    anchor.at === cycleStart ? unreported : Math.round((unreported * rangeMs) / Math.max(1, at - cycleStart));

  const floor = anchor.used + seen + own;
  let used = floor + inferred + backfilled;
  let low = Math.max(floor, used - spreadDown);
  let high = used + spreadUp;

  // What the request window's limit proves: no more than a full window per period not seen, plus
  // what the windows seen could still have taken after their readings (ceiling.ts).
  const ceiling = callsCeiling(
    bestPerWindow(readings, cycleStart, at),
    from,
    at,
    commonPeriod(readings, input),
  );
  if (ceiling !== null) {
    const top = Math.max(floor, anchor.used + ceiling);
    used = Math.min(used, top);
    high = Math.min(high, top);
    low = Math.min(low, used);
  }

  if (anchor.basis === 'breach' && limit !== null) {
    const afterBreach = readings.some((r) => r.t > anchor.at);
    if (!afterBreach) {
      used = limit;
      low = limit;
      high = limit;
    }
  }
  // A server that refuses calls past the limit never counts beyond it.
  if (limit !== null && anchor.used <= limit) {
    used = Math.min(used, limit);
    high = Math.min(high, limit);
    low = Math.min(low, used);
  }

  const lastCell = Math.max(0, Math.min(n - 1, Math.floor((at - 1 - grid.start) / HOUR_MS)));
  const ratePerHour = (level[lastCell] as number) * (season[lastCell] as number);
  let dayRate = 0;
  let dayCells = 0;
  for (let i = lastCell; i >= 0 && i > lastCell - 24; i--) {
    dayRate += (level[i] as number) * (season[i] as number);
    dayCells++;
  }
  if (anchor.basis === 'observed' && firstSeen - cycleStart > 86_400_000) {
    const days = Math.round((firstSeen - cycleStart) / 86_400_000);
    notes.push(
      `usage in the ${days} day${days === 1 ? '' : 's'} before monitoring began is inferred from the daily rhythm seen since; a dashboard reading makes it exact`,
    );
  }
  if (samples.length === 0 && anchor.basis !== 'breach') {
    notes.push(
      anchor.basis === 'dashboard'
        ? 'no window readings since the dashboard reading'
        : 'no window readings yet: the cycle usage is unknown',
    );
    if (anchor.basis === 'none') high = limit ?? used;
  }

  const estimate: CycleEstimate = {
    at,
    cycleStart,
    cycleEnd,
    limit,
    used,
    low,
    high,
    monitorCalls: input.monitorCalls ?? monitorReadings.length,
    basis: anchor.basis,
    observedShare: Math.min(1, seenMs / rangeMs),
    ...(notes.length > 0 ? { notes } : {}),
  };
  return {
    estimate,
    samples,
    profile,
    ratePerHour,
    dayRatePerHour: dayCells > 0 ? dayRate / dayCells : 0,
    anchored:
      anchor.basis === 'dashboard' || anchor.basis === 'breach' || (back === null && samples.length > 0),
  };
}
