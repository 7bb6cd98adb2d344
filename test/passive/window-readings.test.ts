// The windows the integration's answers reported, as the estimator's readings: one per window, the
// fullest, not the monitor's own calls.
import { describe, expect, it } from 'vitest';
import { estimateCycleDetail } from '../../electron/core/cycle/estimator';
import type { PassiveAnswer } from '../../electron/core/passive/counting';
import { passiveWindowReadings } from '../../electron/core/passive/window-readings';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);

function answer(at: number, used: number | null, end = T0 + HOUR): PassiveAnswer {
  return {
    sentAt: at - 20,
    at,
    status: used === null ? 401 : 200,
    billing: used === null ? 'none' : 'cycle',
    window: used === null ? null : { used, start: end - HOUR, end },
  };
}

describe('passiveWindowReadings', () => {
  it('keeps the fullest answer of each window, in any order, and skips answers without one', () => {
    const readings = passiveWindowReadings([
      answer(T0 + 50 * 60_000, 41),
      answer(T0 + 10 * 60_000, 7),
      answer(T0 + 20 * 60_000, null),
      answer(T0 + HOUR + 5 * 60_000, 3, T0 + 2 * HOUR),
      answer(T0 + 30 * 60_000, 22),
    ]);
    expect(readings).toEqual([
      { observedAt: T0 + 50 * 60_000, used: 41, resetAt: T0 + HOUR, periodMs: HOUR, monitor: false },
      { observedAt: T0 + HOUR + 5 * 60_000, used: 3, resetAt: T0 + 2 * HOUR, periodMs: HOUR, monitor: false },
    ]);
  });

  it("takes one window's ends a few milliseconds apart as one window", () => {
    const readings = passiveWindowReadings([
      answer(T0 + 60_000, 1, T0 + HOUR + 3),
      answer(T0 + 120_000, 2, T0 + HOUR - 4),
      answer(T0 + 180_000, 3, T0 + HOUR + 1),
    ]);
    expect(readings).toHaveLength(1);
    expect(readings[0]).toMatchObject({ used: 3, resetAt: T0 + HOUR, periodMs: HOUR });
  });

  it('gives the estimator measured hours without taking a monitor call out of them', () => {
    // 12 whole hours read from the integration's answers, 30 calls each.
    const answers = Array.from({ length: 12 }, (_, h) =>
      answer(T0 + h * HOUR + HOUR - 30_000, 30, T0 + (h + 1) * HOUR),
    );
    const d = estimateCycleDetail({
      at: T0 + 12 * HOUR,
      cycleStart: T0,
      cycleEnd: T0 + 30 * 24 * HOUR,
      limit: 30_000,
      windows: passiveWindowReadings(answers),
    });
    expect(d.samples).toHaveLength(12);
    expect(d.samples.every((s) => s.count === 30)).toBe(true);
    expect(d.estimate.monitorCalls).toBe(0);
    // 360 read, and each hour's last half minute at its own pace: 12 x 30 x 60 / 59.5.
    expect(d.estimate.used).toBeCloseTo(363, 0);
  });
});
