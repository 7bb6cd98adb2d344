// After a dashboard reading, a key whose window counts per minute (Business, Organization) sees a
// minute of each probe: the cycle's pace up to the reading stands for the hours since, instead of those
// few minutes, not on top of them (first-cycle bench: the band's low end sat above the truth for the
// first hours after a reading, Organization weekday, 33 % coverage at 1 h).
import { describe, expect, it } from 'vitest';
import { estimateCycle, type RequestWindowReading } from '../../electron/core/cycle/estimator';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const start = Date.parse('2026-04-01T00:00:00Z');
const end = Date.parse('2026-05-01T00:00:00Z');

/** A probe 1 s before a minute window ends that saw `calls` of other traffic in that minute. */
function minuteRead(at: number, calls: number): RequestWindowReading {
  const resetAt = Math.floor(at / MINUTE) * MINUTE + MINUTE;
  const used = calls + 1;
  return {
    observedAt: resetAt - 1_000,
    used,
    limit: 2_000,
    remaining: 2_000 - used,
    resetAt,
    periodMs: MINUTE,
  };
}

describe('per-minute windows after a dashboard reading', () => {
  it('counts the hour after the reading once, at the cycle’s pace', () => {
    const readingAt = start + 10 * DAY;
    // 24,000 in ten days: 100 calls an hour, under two a minute; four probes in the hour since.
    const windows = [0, 15, 30, 45].map((m) => minuteRead(readingAt + m * MINUTE, m % 30 === 0 ? 2 : 1));
    const at = readingAt + HOUR;
    const e = estimateCycle({
      at,
      cycleStart: start,
      cycleEnd: end,
      limit: 100_000,
      windows,
      readings: [{ at: readingAt, used: 24_000 }],
      monitorCalls: 4,
    });
    // About 100 calls in the hour plus the 4 probes: the figure and the band's low end not past that.
    expect(e.used - 24_000).toBeGreaterThan(60);
    expect(e.used - 24_000).toBeLessThan(150);
    expect(e.low).toBeLessThanOrEqual(24_104);
  });
});
