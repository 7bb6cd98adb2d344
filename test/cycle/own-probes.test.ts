// The monitor's own probes are calls the cycle counts: every one of them must reach the cycle figure,
// including the one sent at the cycle's very first moment (first-cycle bench: a key watched from its
// cycle start read one call low, with a band too narrow to hold the truth, at the first hour).
import { describe, expect, it } from 'vitest';
import { estimateCycle, type RequestWindowReading } from '../../electron/core/cycle/estimator';

const HOUR = 3_600_000;
const start = Date.parse('2026-04-01T00:00:00Z');
const end = Date.parse('2026-05-01T00:00:00Z');

function probe(at: number, usedInWindow: number): RequestWindowReading {
  const resetAt = Math.floor(at / HOUR) * HOUR + HOUR;
  return {
    observedAt: at,
    used: usedInWindow,
    limit: 1000,
    remaining: 1000 - usedInWindow,
    resetAt,
    periodMs: HOUR,
  };
}

describe('own probes in the cycle figure', () => {
  it('counts a probe sent at the exact start of the cycle', () => {
    // Probe 1 at 00:00:00.000 (the window counts it: 1), 30 calls of other traffic, probe 2 a second
    // before the window ends (1 + 30 + 1 = 32). The hour holds 32 calls.
    const windows = [probe(start, 1), probe(start + HOUR - 1_000, 32)];
    const e = estimateCycle({
      at: start + HOUR - 1,
      cycleStart: start,
      cycleEnd: end,
      limit: 10_000,
      windows,
      monitorCalls: 2,
    });
    expect(e.low).toBeLessThanOrEqual(32);
    expect(e.high).toBeGreaterThanOrEqual(32);
    expect(Math.round(e.used)).toBe(32);
  });

  it('still counts a probe at a dashboard reading\u2019s moment as inside that reading', () => {
    const at = start + 5 * HOUR;
    // The dashboard said 500 at 05:00:00 and a probe read its window then (1: itself, already in the
    // 500 by this rule), then one more a second before 06:00 (1 + 20 + 1 = 22).
    const windows = [probe(at, 1), probe(at + HOUR - 1_000, 22)];
    const e = estimateCycle({
      at: at + HOUR - 1,
      cycleStart: start,
      cycleEnd: end,
      limit: 10_000,
      windows,
      readings: [{ at, used: 500 }],
      monitorCalls: 2,
    });
    expect(Math.round(e.used)).toBe(521);
  });
});
