// From runs to the figures the issue asks for, per view: probes and their share of the quota;
// run-out error (hours) at 25 / 50 / 75 % of the cycle; coverage of the 80 % interval; share of
// "runs out before renewal" answered right; delay from a true 80 / 90 / 100 % crossing to detection.
import { EVAL_POINTS, THRESHOLDS, type RunResult } from './harness';
import { HOUR_MS } from './traces';

export interface ViewSummary {
  label: string;
  runs: number;
  /** Mean probes the provider counted per cycle, and their share of the cycle quota. */
  probesPerCycle: number;
  probeShare: number;
  /** Per evaluation point: median and p90 absolute run-out error (h), and how many were scored. */
  error: { median: number; p90: number; n: number }[];
  /** All evaluation points together. */
  errorAll: { median: number; p90: number; n: number };
  /** Without the trivially right points (truth and prediction both "does not run out"). */
  errorNonTrivial: { median: number; p90: number; n: number };
  /** Share of scored points whose 80 % interval held the truth (null: the method gives none). */
  coverage: number | null;
  /** Share of scored points where "runs out before renewal" was answered right. */
  runsOutRight: number;
  /** How many points those two shares count (coverage: points with an interval). */
  counts: { scored: number; covered: number; intervals: number; right: number };
  /** Points where the method said it could not tell yet. */
  insufficient: number;
  /**
   * The interval apart by kind: two-sided (both ends before renewal) and open-ended (its top past
   * renewal, so it only claims "not before <low>"); and where the misses fell.
   */
  interval: {
    twoSided: { n: number; held: number | null };
    openEnded: { n: number; held: number | null };
    missLow: number | null;
    missHigh: number | null;
    /** Mean of `nominal`: the share a calibrated forecaster's intervals would hold on these points. */
    nominal: number | null;
  };
  /** The cycle usage shown at the evaluation points against the truth, in % of the cycle quota. */
  estimate: { medianAbsPct: number; p90AbsPct: number; medianBiasPct: number; bandCoverage: number | null };
  /** Per threshold: median signed delay (h, negative = early), share detected before the truth, missed. */
  detection: { median: number | null; early: number; missed: number; n: number; falseAlarms: number }[];
  /** The block: share seen by the first probe after it (or flagged before it), median delay (h), worst probes after. */
  block: {
    n: number;
    beforeOrFirstProbe: number;
    medianDelayH: number | null;
    maxProbesAfter: number | null;
    unseen: number;
  };
}

function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(s.length - 1, lo + 1);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (pos - lo);
}

export const median = (xs: number[]) => quantile(xs, 0.5);

/** One view of one run, scored at each evaluation point. Only points before the true run-out count. */
export interface Scored {
  f: number;
  errorH: number;
  covered: boolean | null;
  right: boolean;
  insufficient: boolean;
  /** Truth and prediction both "does not run out": right, but says little about the method. */
  trivial: boolean;
  /** The interval's top is past renewal ("not before <low>"), so it is one-sided (null: no interval). */
  openEnded: boolean | null;
  /** The truth came before the interval's low end / after its high end. */
  missLow: boolean;
  missHigh: boolean;
  /**
   * What an honest interval holds here: 80 %, or 1 - P(run out) when it is only "past renewal"
   * (P under 20 %: "lasts" alone weighs more than 80 % and cannot be split).
   */
  nominal: number | null;
}

export function scoreView(run: RunResult, viewIndex: number): Scored[] {
  const view = run.views[viewIndex];
  if (!view) return [];
  const out: Scored[] = [];
  const truth = run.crossed[2] ?? null;
  const truthT = truth ?? run.cycleEnd;
  view.evals.forEach((e, i) => {
    if (truth !== null && truth <= e.at) return; // already out: that is detection, not forecasting
    const fc = e.forecast;
    const predicted = fc.runOutAt ?? run.cycleEnd;
    const errorH = Math.abs(predicted - truthT) / HOUR_MS;
    let covered: boolean | null = null;
    let missLow = false;
    let missHigh = false;
    if (fc.low !== undefined && fc.high !== undefined && !fc.insufficient) {
      const lowOk = fc.low === null ? truth === null : truth === null || truth >= fc.low;
      const highOk = fc.high === null ? true : truth !== null && truth <= fc.high;
      covered = lowOk && highOk;
      missLow = !lowOk;
      missHigh = !highOk;
    }
    const saysOut =
      fc.probability !== undefined && fc.probability !== null ? fc.probability >= 0.5 : fc.runOutAt !== null;
    out.push({
      f: EVAL_POINTS[i] as number,
      errorH,
      covered,
      right: saysOut === (truth !== null),
      insufficient: fc.insufficient === true,
      trivial: truth === null && fc.runOutAt === null,
      openEnded: covered === null ? null : fc.high === null,
      missLow,
      missHigh,
      nominal:
        covered === null
          ? null
          : fc.low === null && fc.high === null && typeof fc.probability === 'number'
            ? Math.max(0.8, 1 - fc.probability)
            : 0.8,
    });
  });
  return out;
}

export function summarise(label: string, runs: { run: RunResult; view: number }[]): ViewSummary {
  const scored = runs.flatMap(({ run, view }) => scoreView(run, view));
  const error = EVAL_POINTS.map((f) => {
    const xs = scored.filter((s) => s.f === f).map((s) => s.errorH);
    return { median: median(xs), p90: quantile(xs, 0.9), n: xs.length };
  });
  const all = scored.map((s) => s.errorH);
  const nonTrivial = scored.filter((s) => !s.trivial).map((s) => s.errorH);
  const cov = scored.filter((s) => s.covered !== null);
  const detection = THRESHOLDS.map((_, k) => {
    const delays: number[] = [];
    let early = 0;
    let missed = 0;
    let falseAlarms = 0;
    let n = 0;
    for (const { run, view } of runs) {
      const c = run.crossed[k] ?? null;
      const d = run.views[view]?.detected[k] ?? null;
      if (c === null) {
        if (d !== null) falseAlarms++;
        continue;
      }
      n++;
      if (d === null) {
        missed++;
        delays.push((run.cycleEnd - c) / HOUR_MS);
        continue;
      }
      if (d < c) early++;
      delays.push((d - c) / HOUR_MS);
    }
    return {
      median: delays.length > 0 ? median(delays) : null,
      early: n > 0 ? early / n : 0,
      missed,
      n,
      falseAlarms,
    };
  });
  const blocked = runs.filter(({ run }) => run.crossed[2] !== null);
  let good = 0;
  let unseen = 0;
  const blockDelays: number[] = [];
  let maxAfter: number | null = null;
  for (const { run, view } of blocked) {
    const blockAt = run.crossed[2] as number;
    const flaggedBefore = (run.views[view]?.detected[2] ?? Infinity) <= blockAt;
    if (run.blockSeenAt === null) {
      if (run.method === 'oracle') good++;
      else unseen++;
      if (flaggedBefore && run.method !== 'oracle') good++;
      continue;
    }
    blockDelays.push((run.blockSeenAt - blockAt) / HOUR_MS);
    maxAfter = Math.max(maxAfter ?? 0, run.probesAfterBlock ?? 0);
    if (flaggedBefore || run.probesAfterBlock === 1) good++;
  }
  const estErr: number[] = [];
  let inBand = 0;
  let bands = 0;
  for (const { run, view } of runs) {
    for (const e of run.views[view]?.daily ?? []) {
      estErr.push(((e.shown - e.truth) / run.limit) * 100);
      if (e.band) {
        bands++;
        if (e.truth >= e.band.low - 0.5 && e.truth <= e.band.high + 0.5) inBand++;
      }
    }
  }
  const absErr = estErr.map(Math.abs);
  const cycles = runs.length;
  const billable = runs.reduce((s, { run }) => s + run.billable, 0);
  const share = runs.reduce((s, { run }) => s + run.billable / run.limit, 0);
  return {
    label,
    runs: cycles,
    probesPerCycle: cycles > 0 ? billable / cycles : 0,
    probeShare: cycles > 0 ? share / cycles : 0,
    error,
    errorAll: { median: median(all), p90: quantile(all, 0.9), n: all.length },
    errorNonTrivial: { median: median(nonTrivial), p90: quantile(nonTrivial, 0.9), n: nonTrivial.length },
    coverage: cov.length > 0 ? cov.filter((s) => s.covered).length / cov.length : null,
    runsOutRight: scored.length > 0 ? scored.filter((s) => s.right).length / scored.length : 0,
    counts: {
      scored: scored.length,
      right: scored.filter((s) => s.right).length,
      intervals: cov.length,
      covered: cov.filter((s) => s.covered).length,
    },
    insufficient: scored.filter((s) => s.insufficient).length,
    interval: intervalSplit(cov),
    estimate: {
      medianAbsPct: median(absErr),
      p90AbsPct: quantile(absErr, 0.9),
      medianBiasPct: median(estErr),
      bandCoverage: bands > 0 ? inBand / bands : null,
    },
    detection,
    block: {
      n: blocked.length,
      beforeOrFirstProbe: blocked.length > 0 ? good / blocked.length : 1,
      medianDelayH: blockDelays.length > 0 ? median(blockDelays) : null,
      maxProbesAfter: maxAfter,
      unseen,
    },
  };
}

function intervalSplit(cov: Scored[]): ViewSummary['interval'] {
  const held = (xs: Scored[]) => ({
    n: xs.length,
    held: xs.length > 0 ? xs.filter((s) => s.covered).length / xs.length : null,
  });
  const share = (k: 'missLow' | 'missHigh') =>
    cov.length > 0 ? cov.filter((s) => s[k]).length / cov.length : null;
  return {
    twoSided: held(cov.filter((s) => s.openEnded === false)),
    openEnded: held(cov.filter((s) => s.openEnded === true)),
    missLow: share('missLow'),
    missHigh: share('missHigh'),
    nominal: cov.length > 0 ? cov.reduce((sum, s) => sum + (s.nominal ?? 0.8), 0) / cov.length : null,
  };
}

/** One row of the reliability table: forecasts whose stated probability fell in [from, to). */
export interface ReliabilityBin {
  from: number;
  to: number;
  n: number;
  /** Mean stated probability in the bin. */
  said: number | null;
  /** Share of those forecasts whose cycle did run out. */
  ranOut: number | null;
}

export interface Reliability {
  early: ReliabilityBin[];
  later: ReliabilityBin[];
  /** Mean squared error of the probability against the outcome (0 perfect; always 0.5 scores 0.25). */
  brierEarly: number | null;
  brierLater: number | null;
}

const RELIABILITY_BINS = [0, 0.1, 0.3, 0.5, 0.7, 0.9, 1.000001];
/** Calibration points before this share of the cycle count as "early". */
export const EARLY_BEFORE = 0.25;

/**
 * Probability against outcome at the calibration points, while the quota had not run out yet: when
 * the forecast says 60-80 %, how often does the cycle really run out?
 */
export function reliability(runs: { run: RunResult; view: number }[]): Reliability {
  const early: { p: number; out: boolean }[] = [];
  const later: { p: number; out: boolean }[] = [];
  for (const { run, view } of runs) {
    const truth = run.crossed[2] ?? null;
    for (const c of run.views[view]?.calibration ?? []) {
      if (truth !== null && truth <= c.at) continue;
      (c.f < EARLY_BEFORE ? early : later).push({ p: c.probability, out: truth !== null });
    }
  }
  const bins = (xs: { p: number; out: boolean }[]) =>
    RELIABILITY_BINS.slice(0, -1).map((from, i) => {
      const to = RELIABILITY_BINS[i + 1] as number;
      const inBin = xs.filter((x) => x.p >= from && x.p < to);
      const n = inBin.length;
      return {
        from,
        to: Math.min(1, to),
        n,
        said: n > 0 ? inBin.reduce((s, x) => s + x.p, 0) / n : null,
        ranOut: n > 0 ? inBin.filter((x) => x.out).length / n : null,
      };
    });
  const brier = (xs: { p: number; out: boolean }[]) =>
    xs.length > 0 ? xs.reduce((s, x) => s + (x.p - (x.out ? 1 : 0)) ** 2, 0) / xs.length : null;
  return { early: bins(early), later: bins(later), brierEarly: brier(early), brierLater: brier(later) };
}
