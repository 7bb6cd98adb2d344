// The band must hold the truth at its stated rate when only a few hours a day are read (Startup: about
// three probes a day). Between readings the level is inferred; its standard error is the spread of the
// hours seen around it over their number. Scaled down like the hour-by-hour term (REL_SCALE), the band
// held the truth at 60-70 % at many checkpoints a week in (first-cycle bench, 20 runs a row).
import { describe, expect, it } from 'vitest';
import { estimateCycle, type RequestWindowReading } from '../../electron/core/cycle/estimator';
import { mulberry32, normalSource, poisson } from '../../electron/core/random';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const start = Date.parse('2026-04-01T00:00:00Z');
const end = Date.parse('2026-05-01T00:00:00Z');
const PER_HOUR = 14;

/**
 * Hourly calls: a steady pace with a day-to-day wobble (each day keeping `persist` of the day
 * before's), an hour-to-hour one, and Poisson counts.
 */
function hours(seed: number, days: number, persist = 0): number[] {
  const rng = mulberry32(seed);
  const normal = normalSource(rng);
  const out: number[] = [];
  let hourNoise = 0;
  let dayNoise = 0;
  for (let h = 0; h < days * 24; h++) {
    if (h % 24 === 0) dayNoise = persist * dayNoise + 0.1 * normal();
    hourNoise = 0.6 * hourNoise + 0.2 * normal();
    out.push(poisson(rng, normal, PER_HOUR * Math.exp(hourNoise + dayNoise - 0.04)));
  }
  return out;
}

/** Three whole hours a day read a second before their window ends (the probe counts itself). */
function sparseReadings(calls: number[], seed: number, days: number): RequestWindowReading[] {
  const rng = mulberry32(seed * 31 + 7);
  const out: RequestWindowReading[] = [];
  for (let d = 0; d < days; d++) {
    const picked = new Set<number>();
    while (picked.size < 3) picked.add(Math.floor(rng() * 24));
    for (const hod of [...picked].sort((a, b) => a - b)) {
      const h = d * 24 + hod;
      const used = (calls[h] as number) + 1;
      const resetAt = start + (h + 1) * HOUR;
      out.push({
        observedAt: resetAt - 1_000,
        used,
        limit: 1000,
        remaining: 1000 - used,
        resetAt,
        periodMs: HOUR,
      });
    }
  }
  return out;
}

/** Share of 80 seeded runs whose true cycle usage lies inside the band after `days` days. */
function coverage(days: number, persist: number): number {
  const runs = 80;
  let inside = 0;
  for (let seed = 1; seed <= runs; seed++) {
    const calls = hours(seed, days, persist);
    const windows = sparseReadings(calls, seed, days);
    const truth = calls.reduce((a, b) => a + b, 0) + windows.length;
    const e = estimateCycle({
      at: start + days * DAY - 1,
      cycleStart: start,
      cycleEnd: end,
      limit: 10_000,
      windows,
      monitorCalls: windows.length,
    });
    if (truth >= e.low && truth <= e.high) inside++;
  }
  return inside / runs;
}

describe('cycle band with sparse readings', () => {
  // 80 runs: an exact 80 % band lands in 0.70-0.89 with 95 % probability (binomial).
  it('holds the truth about 80 % of the time, not much less, not much more', () => {
    const share = coverage(9, 0);
    expect(share).toBeGreaterThanOrEqual(0.7);
    expect(share).toBeLessThanOrEqual(0.92);
  });

  it('still does after three weeks of a pace that drifts from day to day', () => {
    // Days that keep most of the day before's wobble: the hours read lean one way for days at a time
    // (first-cycle bench, Startup after a dashboard reading: the inferred total ran 8 % high for a
    // week). The band's floor (LEVEL_FLOOR_REL) is what keeps it honest here.
    const share = coverage(20, 0.7);
    expect(share).toBeGreaterThanOrEqual(0.7);
    expect(share).toBeLessThanOrEqual(0.95);
  });
});
