// A few empty hours do not prove empty days. Free (five probes a cycle, under one call an hour) read
// each hour at 0, and the band's top, from a normal approximation of the counting error, fell below
// the truth for days (first-cycle bench: Free mid-cycle, 55-60 % coverage at 282-312 h).
import { describe, expect, it } from 'vitest';
import {
  estimateCycle,
  poissonUpperExcess,
  type RequestWindowReading,
} from '../../electron/core/cycle/estimator';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const start = Date.parse('2026-04-01T00:00:00Z');
const end = Date.parse('2026-05-01T00:00:00Z');

function emptyHour(h: number): RequestWindowReading {
  const resetAt = start + (h + 1) * HOUR;
  // The probe itself is the only call the window counted.
  return { observedAt: resetAt - 1_000, used: 1, limit: 100, remaining: 99, resetAt, periodMs: HOUR };
}

describe('counting error with few calls seen', () => {
  it('uses the Poisson upper bound: after 0 calls, about 2.3 (90 %), not 1.3', () => {
    expect(poissonUpperExcess(0, 1.2816)).toBeGreaterThan(2.2);
    expect(poissonUpperExcess(0, 1.2816)).toBeLessThan(2.4);
    // Many calls: close to the normal approximation.
    expect(poissonUpperExcess(10_000, 1.2816)).toBeCloseTo(1.2816 * Math.sqrt(10_001), -1);
  });

  it('three empty hours read on day 10 leave room above for the ten days before', () => {
    const windows = [emptyHour(240), emptyHour(246), emptyHour(252)];
    const e = estimateCycle({
      at: start + 10 * DAY + 13 * HOUR,
      cycleStart: start,
      cycleEnd: end,
      limit: 500,
      windows,
      monitorCalls: 3,
    });
    // 240 hours before monitoring began, 3 hours seen with 0 calls: a rate of up to 2.3 / 3 an hour
    // stays plausible at 90 %, i.e. up to about 180 calls before the first reading.
    expect(e.high - e.used).toBeGreaterThan(170);
  });
});
