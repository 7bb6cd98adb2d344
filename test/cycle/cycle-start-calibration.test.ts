// Two or three days into a cycle watched from its first hour, the band must hold the truth at its
// stated rate. A key probed every few hours (Startup: 100 probes a cycle) has read a dozen hours by
// then; the rest are inferred from the level those hours show. A dozen hours can agree by chance,
// and the unseen hours of a day share that day's own level: counted as Poisson hours alone, the
// band held the truth in 50-65 % of runs at 47-78 h on fresh first-cycle bench seeds (1401, Startup
// steady from the start). The estimator now takes a least hourly wobble (MIN_HOUR_WOBBLE) and a
// day's own level (DAY_REL_SD), both measured on the real series (`npm run bench -- --only
// hour-persistence`). Demand and probe times here are like the bench's, but this clean case held 84 %
// (48 h) and 85 % (66 h) before and holds 89 % and 92 % now: it guards the calibration; the bench
// (80 runs, seeds 1401-1480: 18 of 160 checkpoints below 80 % before, 1 now) measured the change.
import { describe, expect, it } from 'vitest';
import { estimateCycle, type RequestWindowReading } from '../../electron/core/cycle/estimator';
import { callsSoFar, hourWindowAt, steadyMinutes } from '../support/calibration';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const start = Date.parse('2026-09-01T00:00:00Z');
const end = Date.parse('2026-10-01T00:00:00Z');
const PER_HOUR = 14;

/** The scheduler's front-loaded checks: the last minute of an hour, 1 h apart at first, then 8 h. */
const GAPS_H = [1, 2, 3, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6, 7, 7, 8];

/** Minutes (since the cycle start) of the probes before `toH` hours. */
function probeMinutes(toH: number): number[] {
  const out: number[] = [];
  for (let t = 59, k = 0; t < toH * 60; t += 60 * (GAPS_H[Math.min(k++, GAPS_H.length - 1)] as number))
    out.push(t);
  return out;
}

function probes(calls: Int32Array, toH: number): RequestWindowReading[] {
  return probeMinutes(toH).map((t) => hourWindowAt(start, t, 1_000, callsSoFar(calls, t)));
}

/** The cycle estimate `hours` into the cycle from the probes' windows alone (watched from its start). */
function estimateAt(hours: number, windows: RequestWindowReading[]) {
  return estimateCycle({
    at: start + hours * HOUR,
    cycleStart: start,
    cycleEnd: end,
    limit: 10_000,
    windows,
    readings: [],
    monitorCalls: windows.length,
  });
}

/** Share of runs whose truth lies inside the band `hours` hours into the cycle. */
function coverage(hours: number, runs: number): number {
  let inside = 0;
  for (let seed = 1; seed <= runs; seed++) {
    const calls = steadyMinutes(seed, hours, PER_HOUR);
    const windows = probes(calls, hours);
    let truth = windows.length;
    for (const c of calls) truth += c;
    const e = estimateAt(hours, windows);
    if (truth >= e.low && truth <= e.high) inside++;
  }
  return inside / runs;
}

describe('cycle band early in a cycle watched from its start', () => {
  // 80 runs: an exact 80 % band lands in 0.70-0.89 with 95 % probability (binomial).
  it.each([48, 66])('holds the truth at about the stated rate %i hours in', (hours) => {
    const share = coverage(hours, 80);
    expect(share).toBeGreaterThanOrEqual(0.75);
    expect(share).toBeLessThanOrEqual(0.95);
  });

  // The bench needed +-13.8 % at 25-72 h for 80 %; before, hours that agreed gave +-8.3 %.
  it('does not take a dozen hours that agree for two days known to within a few per cent', () => {
    const windows = probeMinutes(48).map((t) => hourWindowAt(start, t, 1_000, 14));
    const e = estimateAt(48, windows);
    expect(windows.length).toBe(13);
    expect((e.high - e.low) / 2 / e.used).toBeGreaterThanOrEqual(0.1);
    // Still a useful figure: centred on the pace read (about 14 an hour, 672 in 48 h), the top
    // well inside the cycle's 10,000.
    expect(e.used).toBeGreaterThan(600);
    expect(e.used).toBeLessThan(700);
    expect(e.high).toBeLessThan(800);
  });
});
