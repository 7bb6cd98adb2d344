// What a request window's limit proves about the top of the cycle band: at most one full window per
// period nobody saw, plus what the windows seen could still take after their readings. Issue 16: a
// band of "1-4,535" three hours after a reading, when at most 3,000 calls were possible.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { callsCeiling, type SeenWindow } from '../../electron/core/cycle/ceiling';
import { estimateCycle, type RequestWindowReading } from '../../electron/core/cycle/estimator';

const HOUR = 3_600_000;
const start = Date.parse('2026-04-01T00:00:00Z');
const end = Date.parse('2026-05-01T00:00:00Z');

describe('callsCeiling', () => {
  it('counts a full window for each hour no probe saw, and the room left in each window read', () => {
    const from = start + 10 * HOUR;
    // Hour 11 read at its end with 40 calls; hours 10, 12 and 13 not seen.
    const seen: SeenWindow[] = [
      {
        start: start + 11 * HOUR,
        end: start + 12 * HOUR,
        t: start + 12 * HOUR - 1_000,
        used: 40,
        limit: 1000,
      },
    ];
    // Hour 10 plus one window that may straddle `from` (one window read proves no clock grid), hour
    // 11 in full (the second after its reading could still take 960), hours 12 and 13.
    expect(callsCeiling(seen, from, start + 14 * HOUR, HOUR)).toBe(2000 + 1000 + 2000);
  });

  it('knows nothing without a window limit', () => {
    const seen: SeenWindow[] = [{ start, end: start + HOUR, t: start + HOUR - 1, used: 5, limit: null }];
    expect(callsCeiling(seen, start, start + 5 * HOUR, HOUR)).toBeNull();
  });

  it('is never below the calls really made, wherever the probes fell (property)', () => {
    const LIMIT = 50;
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 0, max: 60 * 60 - 1 }), { maxLength: LIMIT }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.array(fc.tuple(fc.nat({ max: 11 }), fc.integer({ min: 1, max: 3_599 })), {
          minLength: 1,
          maxLength: 8,
        }),
        fc.integer({ min: 0, max: 3 * 3_600 }),
        (hours, probes, fromSec) => {
          // Calls at second offsets within each hour (a window never holds more than its limit).
          const calls = hours.flatMap((secs, h) => secs.map((s) => start + h * HOUR + s * 1000));
          const at = start + hours.length * HOUR;
          const from = Math.min(start + fromSec * 1000, at);
          const seen = new Map<number, SeenWindow>();
          for (const [hour, sec] of probes) {
            const h = hour % hours.length;
            const t = start + h * HOUR + sec * 1000;
            const ws = start + h * HOUR;
            const used = calls.filter((c) => c >= ws && c <= t).length;
            const prev = seen.get(ws);
            if (!prev || used > prev.used) seen.set(ws, { start: ws, end: ws + HOUR, t, used, limit: LIMIT });
          }
          const made = calls.filter((c) => c > from && c <= at).length;
          const ceiling = callsCeiling([...seen.values()], from, at, HOUR);
          expect(ceiling).not.toBeNull();
          expect(ceiling as number).toBeGreaterThanOrEqual(made);
        },
      ),
      { numRuns: 300, seed: 16 },
    );
  });
});

describe('the cycle band is capped by what the window limit allows', () => {
  const reading = (at: number, used: number, resetAt: number): RequestWindowReading => ({
    observedAt: at,
    limit: 1000,
    remaining: 1000 - used,
    resetAt,
    periodMs: HOUR,
  });

  it('three hours after a dashboard reading, the band tops out at the reading plus three hourly limits', () => {
    const readingAt = start + 300 * HOUR;
    // A busy first minute (900 calls) would carry the model's pace to the whole quota.
    const e = estimateCycle({
      at: readingAt + 3 * HOUR,
      cycleStart: start,
      cycleEnd: end,
      limit: 10_000,
      windows: [reading(readingAt + 60_000, 900, readingAt + HOUR)],
      readings: [{ at: readingAt, used: 3_944 }],
    });
    expect(e.high).toBeLessThanOrEqual(3_944 + 3 * 1000);
    expect(e.used).toBeLessThanOrEqual(e.high);
    expect(e.low).toBeGreaterThanOrEqual(3_944 + 900 - 1);
  });

  it('three hours into the cycle with one reading, the band stays within the windows that fit', () => {
    // Hour 2 read a minute before its end at 600 calls; hours 0 and 1 not seen. One window read
    // proves no clock grid, so a window straddling the cycle start is allowed for: 4 windows.
    const e = estimateCycle({
      at: start + 3 * HOUR,
      cycleStart: start,
      cycleEnd: end,
      limit: 10_000,
      windows: [reading(start + 3 * HOUR - 60_000, 600, start + 3 * HOUR)],
    });
    expect(e.high).toBeLessThanOrEqual(4 * 1000);
    expect(e.low).toBeLessThanOrEqual(e.used);
    expect(e.used).toBeLessThanOrEqual(e.high);
  });
});
