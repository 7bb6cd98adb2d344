// Real demand shapes: the Numenta Anomaly Benchmark series in ../shared/data (see its README),
// cut into 30-day slices and scaled to a plan's cycle quota. The folder lives beside the project,
// not in it: when it is absent the backtest runs on synthetic traces only and says so.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../../electron/core/random';
import { DAY_MS, MINUTE_MS, TRACE_DAYS, TRACE_MINUTES, realise, scaleTo, type Trace } from './traces';

export function dataDir(): string {
  const env = process.env.HEADROOM_BACKTEST_DATA;
  if (env) return resolve(env);
  const here = dirname(fileURLToPath(import.meta.url));
  return resolve(here, '..', '..', '..', 'shared', 'data');
}

export interface RealSeries {
  file: string;
  /** Calls per minute (relative), from the first full UTC day of the file. */
  perMinute: Float64Array;
  start: number;
}

/** Parses `timestamp,value` rows (UTC), spreading each value evenly over its interval; gaps carry the last rate. */
export function parseSeries(file: string, text: string): RealSeries | null {
  const rows: { t: number; v: number }[] = [];
  for (const line of text.split(/\r?\n/).slice(1)) {
    const [ts, vs] = line.split(',');
    if (!ts || vs === undefined) continue;
    const t = Date.parse(`${ts.trim().replace(' ', 'T')}Z`);
    const v = Number(vs);
    if (Number.isFinite(t) && Number.isFinite(v) && v >= 0) rows.push({ t, v });
  }
  if (rows.length < 100) return null;
  rows.sort((a, b) => a.t - b.t);
  const gaps = rows
    .slice(1)
    .map((r, i) => r.t - (rows[i] as { t: number }).t)
    .sort((a, b) => a - b);
  const step = Math.max(MINUTE_MS, gaps[Math.floor(gaps.length / 2)] ?? MINUTE_MS);
  const start = Math.ceil((rows[0] as { t: number }).t / DAY_MS) * DAY_MS;
  const end = (rows.at(-1) as { t: number }).t;
  const minutes = Math.floor((end - start) / MINUTE_MS);
  if (minutes <= 0) return null;
  const perMinute = new Float64Array(minutes).fill(Number.NaN);
  for (const r of rows) {
    const rate = r.v / (step / MINUTE_MS);
    const a = Math.max(0, Math.floor((r.t - start) / MINUTE_MS));
    const b = Math.min(minutes, Math.floor((r.t + step - start) / MINUTE_MS));
    for (let m = a; m < b; m++) perMinute[m] = rate;
  }
  let last = 0;
  for (let m = 0; m < minutes; m++) {
    if (Number.isNaN(perMinute[m] as number)) perMinute[m] = last;
    else last = perMinute[m] as number;
  }
  return { file, perMinute, start };
}

export interface RealLoad {
  series: RealSeries[];
  /** Why some files or the whole folder were skipped. */
  notes: string[];
}

export function loadRealSeries(dir = dataDir()): RealLoad {
  if (!existsSync(dir)) return { series: [], notes: [`${dir} not found: real series skipped`] };
  const series: RealSeries[] = [];
  const notes: string[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.csv'))
    .sort()) {
    const s = parseSeries(name, readFileSync(join(dir, name), 'utf8'));
    if (!s) notes.push(`${name}: unreadable, skipped`);
    else if (s.perMinute.length < TRACE_MINUTES)
      notes.push(
        `${name}: ${(s.perMinute.length / 1440).toFixed(1)} days, shorter than a 30-day cycle: skipped`,
      );
    else series.push(s);
  }
  return { series, notes };
}

/** Non-overlapping 30-day slices, each scaled to a seeded share of the cycle quota (0.7..1.3). */
export function realTraces(load: RealLoad, cycleLimit: number, seed: number): Trace[] {
  const out: Trace[] = [];
  for (const s of load.series) {
    const slices = Math.floor(s.perMinute.length / TRACE_MINUTES);
    for (let k = 0; k < slices; k++) {
      const slice = s.perMinute.slice(k * TRACE_MINUTES, (k + 1) * TRACE_MINUTES);
      const begin = s.start + k * TRACE_DAYS * DAY_MS;
      const rng = mulberry32(seed * 1009 + k * 7 + s.file.length * 131);
      const share = 0.7 + 0.6 * rng();
      out.push({
        name: `${s.file.replace(/\.csv$/, '')}@${new Date(begin).toISOString().slice(0, 10)}`,
        family: 'real',
        demand: realise(scaleTo(slice, share * cycleLimit), seed * 97 + k, false),
        startWeekday: new Date(begin).getUTCDay(),
      });
    }
  }
  return out;
}
