// Weekly-rhythm traces made for the forecast tests (not the backtest's seeds): busy weekdays, weekends
// at a share, a day/night shape, in a time zone; read one hour in every few, as the scheduler does on
// a mid-size plan.
import { forecastCycleDetail, type ForecastDetail } from '../../electron/core/forecast/forecaster';
import { mulberry32, normalSource, poisson } from '../../electron/core/random';
import type { UsageSample } from '../../electron/core/forecast/types';
import { localSlot } from '../../electron/core/time/zoned';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface WeeklyRhythm {
  zone: string;
  /** Calls on a weekday. */
  perDay: number;
  /** Weekend days at this share of a weekday. */
  weekendShare: number;
  /** The hour's weight from 08:00 to 20:00 local time, and the rest of the day's. */
  day: number;
  night: number;
}

/** Expected calls in the hour starting at t. */
export function weeklyRate(r: WeeklyRhythm, t: number): number {
  const slot = localSlot(t, r.zone);
  const weekend = slot.weekday === 0 || slot.weekday === 6;
  const shape = slot.hour >= 8 && slot.hour < 20 ? r.day : r.night;
  return ((r.perDay * (weekend ? r.weekendShare : 1)) / 24) * shape;
}

/**
 * Poisson calls hour by hour from start to now, at the rhythm's rate (or any expected-calls-per-hour
 * function); the hours whose index is `phase` modulo `every` are read as samples. Returns the samples
 * and the true total.
 */
export function sampledHours(
  r: WeeklyRhythm | ((t: number) => number),
  start: number,
  now: number,
  seed: number,
  every = 3,
  phase = 0,
): { samples: UsageSample[]; used: number } {
  const rate = typeof r === 'function' ? r : (t: number) => weeklyRate(r, t);
  const rng = mulberry32(seed);
  const normal = normalSource(rng);
  const samples: UsageSample[] = [];
  let used = 0;
  for (let t = start; t < now; t += HOUR) {
    const count = poisson(rng, normal, rate(t));
    used += count;
    if (((t - start) / HOUR) % every === phase) samples.push({ from: t, to: t + HOUR, count });
  }
  return { samples, used };
}

/**
 * The forecaster's view `now` of a cycle with this rhythm (or rate), read one hour in `every` (see
 * sampledHours), the usage so far known exactly. The limit may depend on that usage. Returns the
 * forecast's detail and that usage.
 */
export function forecastSampled(
  r: WeeklyRhythm | ((t: number) => number),
  cycle: { start: number; end: number; now: number; limit: number | ((used: number) => number) },
  seed: number,
  every = 3,
  phase = 0,
): { detail: ForecastDetail; used: number } {
  const { start, end, now } = cycle;
  const { samples, used } = sampledHours(r, start, now, seed, every, phase);
  const detail = forecastCycleDetail({
    limit: typeof cycle.limit === 'function' ? cycle.limit(used) : cycle.limit,
    cycleStart: start,
    cycleEnd: end,
    now,
    samples,
    current: { at: now, used },
    timeZone: typeof r === 'function' ? undefined : r.zone,
  });
  return { detail, used };
}
