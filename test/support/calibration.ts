// What the estimator's calibration tests simulate: a steady demand and the hourly windows probes read.
import type { RequestWindowReading } from '../../electron/core/cycle/estimator';
import { mulberry32, normalSource, poisson } from '../../electron/core/random';

const MINUTE = 60_000;

/**
 * Per-minute calls of a steady pace as the first-cycle bench's traces wobble (bench/backtest/traces.ts):
 * a day-to-day (sd 0.1) and an hour-to-hour (AR(1) in log, sd about 0.25) wobble, Poisson counts.
 */
export function steadyMinutes(seed: number, hours: number, perHour: number): Int32Array {
  const rng = mulberry32(seed);
  const normal = normalSource(rng);
  const out = new Int32Array(hours * 60);
  let hourNoise = 0;
  let dayNoise = 0;
  for (let h = 0; h < hours; h++) {
    if (h % 24 === 0) dayNoise = 0.1 * normal();
    hourNoise = 0.6 * hourNoise + 0.2 * normal();
    const perMinute = (perHour / 60) * Math.exp(hourNoise + dayNoise - 0.04);
    for (let m = 0; m < 60; m++) out[h * 60 + m] = poisson(rng, normal, perMinute);
  }
  return out;
}

/** What a probe at minute `t` (since the cycle start) counts of its hour: the calls so far, and itself. */
export function callsSoFar(calls: Int32Array, t: number): number {
  let count = 1; // the probe itself
  for (let m = t - (t % 60); m < t; m++) count += calls[m] as number;
  return count;
}

/** The hourly window a probe at minute `t` (since `start`) reads, `used` calls counted. */
export function hourWindowAt(start: number, t: number, limit: number, used: number): RequestWindowReading {
  const hourStart = t - (t % 60);
  return {
    observedAt: start + t * MINUTE,
    used,
    limit,
    remaining: limit - used,
    resetAt: start + (hourStart + 60) * MINUTE,
    periodMs: 60 * MINUTE,
  };
}
