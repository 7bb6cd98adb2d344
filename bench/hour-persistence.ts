// `npm run bench -- --only hour-persistence`: how much of demand's wobble around its level lasts from
// one hour to the next in the real hourly series (../shared/data, or HEADROOM_BACKTEST_DATA). The
// estimator's MIN_HOUR_RHO rests on it (docs/first-cycle.md, fifth pass). Each series is summed by
// hour, its hour-of-day rhythm divided out, and its level taken as the centred 49-hour mean; the table
// gives the autocorrelation of the relative residuals at lags of 1 and 3 hours.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dataDir, parseSeries } from './backtest/real';
import { table, type BenchSection } from './section';

const HALF_WINDOW_H = 24;

/** Calls per hour from a per-minute series (whole hours only). */
function hourly(perMinute: Float64Array): number[] {
  const out: number[] = [];
  for (let h = 0; (h + 1) * 60 <= perMinute.length; h++) {
    let sum = 0;
    for (let m = h * 60; m < (h + 1) * 60; m++) sum += perMinute[m] as number;
    out.push(sum);
  }
  return out;
}

/** `values` with their cyclic rhythm divided out: each over its slot's mean relative to the whole mean. */
function divideRhythm(values: readonly number[], slotOf: (i: number) => number, slots: number): number[] {
  const sums = new Array<number>(slots).fill(0);
  const counts = new Array<number>(slots).fill(0);
  values.forEach((y, i) => {
    const k = slotOf(i);
    sums[k] = (sums[k] as number) + y;
    counts[k] = (counts[k] as number) + 1;
  });
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  return values.map((y, i) => {
    const k = slotOf(i);
    const p = counts[k] ? (sums[k] as number) / (counts[k] as number) / mean : 1;
    return p > 0 ? y / p : y;
  });
}

/** Relative residuals of `x` around the mean of the `half` values either side (itself in or out). */
function aroundLevel(x: readonly number[], half: number, withSelf: boolean): number[] {
  const out: number[] = [];
  for (let i = half; i < x.length - half; i++) {
    let level = 0;
    for (let j = i - half; j <= i + half; j++) if (withSelf || j !== i) level += x[j] as number;
    level /= withSelf ? 2 * half + 1 : 2 * half;
    out.push(level > 0 ? ((x[i] as number) - level) / level : 0);
  }
  return out;
}

/** Relative residuals around a centred 49-hour level, after the hour-of-day rhythm is divided out. */
export function residuals(hours: readonly number[], firstHourOfDay = 0): number[] {
  const x = divideRhythm(hours, (i) => (firstHourOfDay + i) % 24, 24);
  return aroundLevel(x, HALF_WINDOW_H, true);
}

/**
 * Relative residuals of whole days' totals around the mean of the `half` days either side (the day
 * itself left out), after the weekday rhythm is divided out. `startMs`: the series' first minute.
 */
export function dayResiduals(perMinute: Float64Array, startMs: number, half = 3): number[] {
  const first = new Date(startMs);
  const skip = (1440 - (first.getUTCHours() * 60 + first.getUTCMinutes())) % 1440;
  const days: number[] = [];
  const weekday: number[] = [];
  for (let d = 0; skip + (d + 1) * 1440 <= perMinute.length; d++) {
    let sum = 0;
    for (let m = skip + d * 1440; m < skip + (d + 1) * 1440; m++) sum += perMinute[m] as number;
    days.push(sum);
    weekday.push(new Date(startMs + (skip + d * 1440) * 60_000).getUTCDay());
  }
  const x = divideRhythm(days, (i) => weekday[i] as number, 7);
  return aroundLevel(x, half, false);
}

const rms = (r: readonly number[]) => Math.sqrt(r.reduce((a, b) => a + b * b, 0) / Math.max(1, r.length));

/** Autocorrelation of `r` at `lag`. */
export function autocorrelation(r: readonly number[], lag: number): number {
  const mean = r.reduce((a, b) => a + b, 0) / Math.max(1, r.length);
  let num = 0;
  let den = 0;
  for (let i = 0; i < r.length; i++) {
    const d = (r[i] as number) - mean;
    den += d * d;
    if (i >= lag) num += d * ((r[i - lag] as number) - mean);
  }
  return den > 0 ? num / den : 0;
}

export const section: BenchSection = {
  title: 'Real hourly series: how long the wobble around the level lasts',
  async run(print) {
    const dir = dataDir();
    if (!existsSync(dir)) {
      print(`${dir} not found: nothing to measure (set HEADROOM_BACKTEST_DATA)`);
      return;
    }
    const rows: (string | number)[][] = [];
    for (const name of readdirSync(dir)
      .filter((f) => f.endsWith('.csv'))
      .sort()) {
      const s = parseSeries(name, readFileSync(join(dir, name), 'utf8'));
      if (!s) continue;
      const r = residuals(hourly(s.perMinute), new Date(s.start).getUTCHours());
      if (r.length < 48) continue;
      const days = dayResiduals(s.perMinute, s.start);
      rows.push([
        name,
        r.length,
        autocorrelation(r, 1).toFixed(2),
        autocorrelation(r, 3).toFixed(2),
        rms(r).toFixed(2),
        days.length,
        days.length > 0 ? rms(days).toFixed(2) : 'n/a',
      ]);
    }
    const head = ['series', 'hours', 'lag 1 h', 'lag 3 h', 'sd (relative)', 'days', 'day vs its neighbours'];
    for (const line of table(head, rows)) print(line);
    print('');
    print(
      'Residuals of hourly counts around a centred 49-hour level, the hour-of-day rhythm divided out. ' +
        'The counts include their own noise, so the rate underneath lasts at least this long. ' +
        'Day vs its neighbours: relative sd of whole days (UTC) around the mean of the three days ' +
        'either side, the weekday rhythm divided out; the estimator takes 0.2 for the least hourly ' +
        "wobble (MIN_HOUR_WOBBLE) and 0.1 for a day's own level (DAY_REL_SD).",
    );
  },
};
