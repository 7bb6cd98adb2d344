// A day or two after a dashboard reading, the band must still hold the truth at its stated rate.
// Between the probes (about nine a day on Growth) the hours are inferred from the level around them,
// and demand wobbles in runs of hours. On the first-cycle bench (Growth steady after a reading, seeds
// 1201-1220) the band held 50-65 % at checkpoints 30-46 h after the reading; the estimator now widens
// it by Student's t while its error rests on few comparisons and takes the wobble as lasting from hour
// to hour. This clean case (probes at random minutes, not leaning busy) held 89 % before and holds
// 90 % now: the test guards the calibration, the bench measured the change (docs/first-cycle.md).
import { describe, expect, it } from 'vitest';
import { estimateCycle, t80, type RequestWindowReading } from '../../electron/core/cycle/estimator';
import { mulberry32 } from '../../electron/core/random';
import { callsSoFar, hourWindowAt, steadyMinutes } from '../support/calibration';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const start = Date.parse('2026-06-01T00:00:00Z');
const end = Date.parse('2026-07-01T00:00:00Z');
const PER_HOUR = 42;
const READ_AT_H = 10 * 24 + 9;

/** Nine probes a day at random minutes after the reading, each reading its hour's window so far. */
function probes(calls: Int32Array, seed: number, fromH: number, toH: number): RequestWindowReading[] {
  const rng = mulberry32(seed * 131 + 5);
  const out: RequestWindowReading[] = [];
  let t = fromH * 60 + Math.floor(rng() * 160);
  while (t < toH * 60) {
    out.push(hourWindowAt(start, t, 10_000, callsSoFar(calls, t)));
    t += 80 + Math.floor(rng() * 160); // 9 a day on average
  }
  return out;
}

/** Share of runs whose truth lies inside the band `hoursAfter` hours after the reading. */
function coverage(hoursAfter: number, runs: number): number {
  let inside = 0;
  for (let seed = 1; seed <= runs; seed++) {
    const toH = READ_AT_H + hoursAfter;
    const calls = steadyMinutes(seed, toH, PER_HOUR);
    const windows = probes(calls, seed, READ_AT_H, toH);
    let used = 0;
    for (let m = 0; m < READ_AT_H * 60; m++) used += calls[m] as number;
    let truth = used + windows.length;
    for (let m = READ_AT_H * 60; m < toH * 60; m++) truth += calls[m] as number;
    const e = estimateCycle({
      at: start + toH * HOUR,
      cycleStart: start,
      cycleEnd: end,
      limit: 30_000,
      windows,
      readings: [{ at: start + READ_AT_H * HOUR, used }],
      monitorCalls: windows.length,
    });
    if (truth >= e.low && truth <= e.high) inside++;
  }
  return inside / runs;
}

describe('cycle band after a dashboard reading', () => {
  it('uses Student t for an error measured from few comparisons', () => {
    // Table values of t(0.9, df).
    expect(t80(5)).toBeCloseTo(1.476, 2);
    expect(t80(10)).toBeCloseTo(1.372, 2);
    expect(t80(30)).toBeCloseTo(1.31, 2);
    expect(t80(1000)).toBeCloseTo(1.2824, 3);
  });

  // 80 runs: an exact 80 % band lands in 0.70-0.89 with 95 % probability (binomial).
  it('holds the truth about 80 % of the time a day and a half after the reading', () => {
    const share = coverage(36, 80);
    expect(share).toBeGreaterThanOrEqual(0.7);
    expect(share).toBeLessThanOrEqual(0.95);
  });
});
