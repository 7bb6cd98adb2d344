// The current pace of demand, from half-day blocks of deseasonalised usage. An exact optimal
// partition (dynamic programming over the blocks, a penalty per change) finds where the pace
// changed — a doubling mid-cycle, a spike that ended — and the level is the pace since the last
// change; a growth trend inside that stretch is kept when it is clear. Noise is measured robustly
// (from successive differences, which a few changes do not inflate) and sets how sure the level is.

export interface Block {
  /** Calls in the block. */
  count: number;
  /** Seasonally weighted hours observed in the block (expected calls = level * exposure). */
  exposure: number;
  /** Block midpoint, days relative to the end of the data (negative: the past). */
  t: number;
}

export interface LevelFit {
  /** Deseasonalised calls per hour at the end of the data. */
  level: number;
  /** Standard error of log(level). */
  seLog: number;
  /** Growth of log(level) per day inside the last segment (0 when none is clear). */
  slopePerDay: number;
  seSlope: number;
  /** Index of the first block of the last segment. */
  segmentStart: number;
  /** Block indices where a new pace began. */
  changes: number[];
  /** Each segment's blocks [start, end) and deseasonalised level (calls per hour). */
  segments: { start: number; end: number; level: number }[];
  /** Block-to-block noise of log rate, beyond counting noise. */
  sigma: number;
  /** Each block's count over what the fit expects (for resampling future days). */
  residualRatios: number[];
}

export interface LevelOptions {
  /** Penalty per change, in squared standard errors (default 16: a change must be about 4 sigma). */
  changePenalty?: number;
  /** Fewest blocks in a segment (default 2: a day of half-day blocks). */
  minSegment?: number;
  /** Keep a growth trend when |slope| > trendZ standard errors (default 3; Infinity disables). */
  trendZ?: number;
  /**
   * Fewest blocks to fit a trend (default 14: a week). In fewer days a cycle that starts on a
   * weekend rises into the working week, or a spike starts, and either looks like growth.
   */
  trendMinBlocks?: number;
}

// Noise never assumed below this (log sd per block): real demand is never as regular as Poisson.
const MIN_SIGMA = 0.05;

function logRate(b: Block): number {
  return Math.log((b.count + 0.5) / b.exposure);
}

/** Median absolute successive difference, scaled to a standard deviation of one block. */
function robustSigma(ys: number[], vars: number[]): number {
  if (ys.length < 3) return 0.3;
  const d: number[] = [];
  for (let i = 1; i < ys.length; i++) {
    const diff = Math.abs((ys[i] as number) - (ys[i - 1] as number));
    // Remove the part counting noise explains.
    const countVar = (vars[i] as number) + (vars[i - 1] as number);
    d.push(Math.sqrt(Math.max(0, diff * diff - countVar)));
  }
  d.sort((a, b) => a - b);
  const mad = d[Math.floor(d.length / 2)] as number;
  return Math.max(MIN_SIGMA, mad / (0.6745 * Math.SQRT2));
}

export function fitLevel(blocks: readonly Block[], options: LevelOptions = {}): LevelFit {
  const penalty = options.changePenalty ?? 16;
  const minSeg = Math.max(1, options.minSegment ?? 2);
  const trendZ = options.trendZ ?? 3;
  const trendMin = options.trendMinBlocks ?? 14;
  const k = blocks.length;
  if (k === 0) {
    return {
      level: 0,
      seLog: 1,
      slopePerDay: 0,
      seSlope: 0,
      segmentStart: 0,
      changes: [],
      segments: [],
      sigma: 0.3,
      residualRatios: [],
    };
  }
  const ys = blocks.map(logRate);
  const countVar = blocks.map((b) => 1 / (b.count + 0.5));
  const sigma = robustSigma(ys, countVar);
  const w = countVar.map((v) => 1 / (sigma * sigma + v));

  // Prefix sums for the weighted squared error of any segment in O(1).
  const sw = new Float64Array(k + 1);
  const swy = new Float64Array(k + 1);
  const swyy = new Float64Array(k + 1);
  for (let i = 0; i < k; i++) {
    const wi = w[i] as number;
    const yi = ys[i] as number;
    sw[i + 1] = (sw[i] as number) + wi;
    swy[i + 1] = (swy[i] as number) + wi * yi;
    swyy[i + 1] = (swyy[i] as number) + wi * yi * yi;
  }
  const cost = (a: number, b: number) => {
    const W = (sw[b] as number) - (sw[a] as number);
    const Y = (swy[b] as number) - (swy[a] as number);
    return (swyy[b] as number) - (swyy[a] as number) - (Y * Y) / W;
  };

  // Optimal partitioning: best[j] = min over i of best[i] + cost(i, j) + penalty.
  const best = new Float64Array(k + 1).fill(Infinity);
  const prev = new Int32Array(k + 1).fill(-1);
  best[0] = -penalty;
  for (let j = 1; j <= k; j++) {
    for (let i = 0; i <= j - 1; i++) {
      const segLen = j - i;
      // Shorter segments only where the data is too short for any other choice.
      if (segLen < minSeg && !(i === 0 && j === k)) continue;
      if (!Number.isFinite(best[i] as number)) continue;
      const c = (best[i] as number) + cost(i, j) + penalty;
      if (c < (best[j] as number)) {
        best[j] = c;
        prev[j] = i;
      }
    }
  }
  const cuts: number[] = [];
  let j = k;
  while (j > 0) {
    const i = prev[j] as number;
    if (i < 0) break;
    if (i > 0) cuts.push(i);
    j = i;
  }
  cuts.reverse();
  const bounds = [0, ...cuts, k];

  const residualRatios: number[] = [];
  const segments: LevelFit['segments'] = [];
  for (let s = 0; s + 1 < bounds.length; s++) {
    const a = bounds[s] as number;
    const b = bounds[s + 1] as number;
    let n = 0;
    let e = 0;
    for (let i = a; i < b; i++) {
      n += (blocks[i] as Block).count;
      e += (blocks[i] as Block).exposure;
    }
    const mu = e > 0 ? n / e : 0;
    segments.push({ start: a, end: b, level: mu });
    for (let i = a; i < b; i++) {
      const bl = blocks[i] as Block;
      if (mu > 0 && bl.exposure > 0) residualRatios.push(bl.count / (mu * bl.exposure));
    }
  }

  // A trend line over [a, k): weighted least squares of log rate on time, its cost and its end level.
  const trendOver = (a: number) => {
    let W = 0;
    let T = 0;
    let Y = 0;
    let n = 0;
    let e = 0;
    for (let i = a; i < k; i++) {
      W += w[i] as number;
      T += (w[i] as number) * (blocks[i] as Block).t;
      Y += (w[i] as number) * (ys[i] as number);
      n += (blocks[i] as Block).count;
      e += (blocks[i] as Block).exposure;
    }
    const tm = T / W;
    const ym = Y / W;
    let stt = 0;
    let sty = 0;
    let syy = 0;
    for (let i = a; i < k; i++) {
      const dt = (blocks[i] as Block).t - tm;
      const dy = (ys[i] as number) - ym;
      stt += (w[i] as number) * dt * dt;
      sty += (w[i] as number) * dt * dy;
      syy += (w[i] as number) * dy * dy;
    }
    if (!(stt > 0) || !(e > 0)) return null;
    const slope = sty / stt;
    const se = Math.sqrt(1 / stt);
    // The level at the end of the data (t = 0), not at the middle: arithmetic, not geometric, mean
    // (the geometric one would be low by about sigma^2 / 2).
    const end = (n / e) * Math.exp(-slope * tm);
    return {
      slope,
      se,
      level: end,
      seLog: Math.sqrt(1 / W + (tm * tm) / stt),
      cost: syy - (sty * sty) / stt,
    };
  };

  let segStart = bounds.at(-2) as number;
  let n = 0;
  let e = 0;
  for (let i = segStart; i < k; i++) {
    n += (blocks[i] as Block).count;
    e += (blocks[i] as Block).exposure;
  }
  let level = e > 0 ? n / e : 0;
  let seLog = Math.sqrt(1 / Math.max(1e-9, (sw[k] as number) - (sw[segStart] as number)));
  let slopePerDay = 0;
  let seSlope = 0;

  if (Number.isFinite(trendZ) && level > 0) {
    // Growth over the whole history, against the steps: a ramp cut into segments costs a penalty
    // per step, a trend line one parameter.
    const whole = k >= trendMin ? trendOver(0) : null;
    const stepsCost = best[k] as number;
    if (whole && Math.abs(whole.slope) > trendZ * whole.se && whole.cost + penalty / 2 < stepsCost) {
      cuts.length = 0;
      segments.length = 0;
      let tn = 0;
      let te = 0;
      for (const b of blocks) {
        tn += b.count;
        te += b.exposure;
      }
      segments.push({ start: 0, end: k, level: te > 0 ? tn / te : 0 });
      segStart = 0;
      ({ level, seLog } = whole);
      slopePerDay = whole.slope;
      seSlope = whole.se;
      residualRatios.length = 0;
      for (const b of blocks) {
        const expected = whole.level * Math.exp(whole.slope * b.t) * b.exposure;
        if (expected > 0) residualRatios.push(b.count / expected);
      }
    } else if (k - segStart >= trendMin) {
      // Or a clear trend inside the last segment.
      const last = trendOver(segStart);
      if (last && Math.abs(last.slope) > trendZ * last.se) {
        ({ level, seLog } = last);
        slopePerDay = last.slope;
        seSlope = last.se;
      }
    }
  }

  return {
    level,
    seLog,
    slopePerDay,
    seSlope,
    segmentStart: segStart,
    changes: cuts,
    segments,
    sigma,
    residualRatios,
  };
}
