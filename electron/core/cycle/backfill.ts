// The days before monitoring began, when nothing anchors them (no dashboard reading, no breach):
// inferred from the rhythm of what was seen since, not from the pace of the last few hours. With a
// whole day seen, each unseen hour gets the mean of the same hour of day (and, with a whole week, of
// the same weekday); with less, the mean of what was seen. The uncertainty is a log-normal spread
// that shrinks as more of the day and the week has been seen: a key added at an afternoon peak or in
// the quiet of the night must not turn a few hours into a figure for ten days.
import { HOUR_MS, type HourGrid } from '../forecast/seasonal';

export interface Backfill {
  /** Expected calls per hour for each cell of the grid (the rhythm). */
  rate: Float64Array;
  /**
   * Log-normal spread of a back-filled total (its logarithm's standard deviation), below and above
   * the rhythm's figure. Above is wider: hours seen in a quiet night can stand for a day ten times
   * busier, hours seen at a peak for one only half as busy.
   */
  sigmaDown: number;
  sigmaUp: number;
}

const DAY_HOURS = 24;
const WEEK_HOURS = 168;
// Any exposure counts: a per-minute window (Business, Organization) shows a minute or two of each
// hour, never a quarter of it, and the ratio of sums below already weighs each hour by its exposure.
const MIN_CELL_MS = 1;
// How far a day's rhythm can move an average of part of a day (a strong afternoon peak: 0.1..1.9
// times the mean, so the day's mean is 0.5..10 times what part of it showed), and a week's (weekends
// at a third to two thirds of weekdays).
const DAY_SPREAD_DOWN = 0.9;
const DAY_SPREAD_UP = 1.8;
const WEEK_SPREAD = 0.3;
// Pace drifts from one week to the next even with the rhythm known (growth, campaigns).
const LEVEL_SPREAD = 0.2;

/** Per-cell rate and spread for the unseen hours before monitoring began. */
export function rhythmBackfill(grid: HourGrid, obsMs: Float64Array, obsCount: Float64Array): Backfill {
  const n = grid.hours;
  const rate = new Float64Array(n);
  let exposure = 0;
  let calls = 0;
  const hourNum = new Float64Array(DAY_HOURS);
  const hourDen = new Float64Array(DAY_HOURS);
  const dayNum = new Float64Array(7);
  const dayDen = new Float64Array(7);
  for (let i = 0; i < n; i++) {
    const ms = obsMs[i] as number;
    if (ms < MIN_CELL_MS) continue;
    const e = ms / HOUR_MS;
    const c = obsCount[i] as number;
    exposure += e;
    calls += c;
    const h = grid.hourOfDay[i] as number;
    hourNum[h] = (hourNum[h] as number) + c;
    hourDen[h] = (hourDen[h] as number) + e;
  }
  if (exposure <= 0) return { rate, sigmaDown: Infinity, sigmaUp: Infinity };
  const mean = calls / exposure;
  const wholeDay = exposure >= DAY_HOURS && hourDen.every((d) => d > 0);
  const hourly = new Float64Array(DAY_HOURS).fill(mean);
  if (wholeDay) {
    // Lightly shrunk to the mean: one hour of average demand as prior weight.
    for (let h = 0; h < DAY_HOURS; h++)
      hourly[h] = ((hourNum[h] as number) + mean) / ((hourDen[h] as number) + 1);
  }
  const weekly = new Float64Array(7).fill(1);
  if (exposure >= WEEK_HOURS) {
    for (let i = 0; i < n; i++) {
      const ms = obsMs[i] as number;
      if (ms < MIN_CELL_MS) continue;
      const d = grid.weekday[i] as number;
      dayNum[d] = (dayNum[d] as number) + (obsCount[i] as number);
      dayDen[d] = (dayDen[d] as number) + (ms / HOUR_MS) * (hourly[grid.hourOfDay[i] as number] as number);
    }
    for (let d = 0; d < 7; d++) {
      const den = dayDen[d] as number;
      if (den > 0) weekly[d] = ((dayNum[d] as number) + mean * 2) / (den + mean * 2);
    }
  }
  for (let i = 0; i < n; i++)
    rate[i] = (hourly[grid.hourOfDay[i] as number] as number) * (weekly[grid.weekday[i] as number] as number);

  const daySeen = Math.min(1, exposure / DAY_HOURS);
  const weekSeen = Math.min(1, exposure / WEEK_HOURS);
  const sq = (x: number) => x * x;
  const rest = sq(WEEK_SPREAD * (1 - weekSeen)) + sq(LEVEL_SPREAD) + 1 / (calls + 1);
  const dayPart = Math.sqrt(1 - daySeen);
  return {
    rate,
    sigmaDown: Math.sqrt(sq(DAY_SPREAD_DOWN * dayPart) + rest),
    sigmaUp: Math.sqrt(sq(DAY_SPREAD_UP * dayPart) + rest),
  };
}
