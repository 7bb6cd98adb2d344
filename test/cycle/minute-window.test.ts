// A per-minute request window (Business, Organization): each probe shows a minute or two of an hour.
// Added mid-cycle, the days before monitoring must still be back-filled from what those minutes show
// (the first-cycle backtest found them counted as zero: the band missed the truth by days of calls).
import { describe, expect, it } from 'vitest';
import { estimateCycleDetail, type RequestWindowReading } from '../../electron/core/cycle/estimator';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const start = Date.parse('2026-04-01T00:00:00Z');
const end = Date.parse('2026-05-01T00:00:00Z');
const PER_MIN = 2;

describe('a per-minute window, key added on day 10', () => {
  it('back-fills the days before monitoring: the band holds the truth', () => {
    const first = start + 10 * DAY;
    // A probe every 45 minutes for two days, 50 s into its minute: 2 calls so far plus itself.
    const windows: RequestWindowReading[] = [];
    for (let t = first + 50_000; t < first + 2 * DAY; t += 45 * MIN) {
      const resetAt = Math.floor(t / MIN) * MIN + MIN;
      windows.push({ observedAt: t, limit: 100, remaining: 100 - (PER_MIN + 1), resetAt, periodMs: MIN });
    }
    const at = first + 2 * DAY;
    const d = estimateCycleDetail({ at, cycleStart: start, cycleEnd: end, limit: 100_000, windows });
    const truth = ((at - start) / MIN) * PER_MIN + windows.length;
    expect(d.anchored).toBe(false);
    expect(d.estimate.low).toBeLessThanOrEqual(truth);
    expect(d.estimate.high).toBeGreaterThanOrEqual(truth);
  });
});
