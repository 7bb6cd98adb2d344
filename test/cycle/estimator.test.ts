import { describe, expect, it } from 'vitest';
import {
  estimateCycle,
  estimateCycleDetail,
  type CycleEstimatorInput,
  type RequestWindowReading,
} from '../../electron/core/cycle/estimator';
import { parseResponse } from '../../electron/core/parse';
import { mulberry32 } from '../../electron/core/random';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const start = Date.parse('2026-04-01T00:00:00Z');
const end = Date.parse('2026-05-01T00:00:00Z');
const LIMIT = 30_000;

/** A probe 1 s before the end of hour h that saw `calls` of other traffic (plus itself). */
function reading(h: number, calls: number, extra: Partial<RequestWindowReading> = {}): RequestWindowReading {
  return {
    observedAt: start + (h + 1) * HOUR - 1_000,
    used: calls + 1,
    limit: 2000,
    remaining: 2000 - calls - 1,
    resetAt: start + (h + 1) * HOUR,
    periodMs: HOUR,
    ...extra,
  };
}

function input(over: Partial<CycleEstimatorInput>): CycleEstimatorInput {
  return { at: start + 10 * DAY, cycleStart: start, cycleEnd: end, limit: LIMIT, windows: [], ...over };
}

/** Every hour's calls for `days` days at a steady 40/h with small noise. */
function steadyHours(days: number, seed = 1): number[] {
  const rng = mulberry32(seed);
  return Array.from({ length: days * 24 }, () => 40 + Math.floor(rng() * 9) - 4);
}

describe('cycle estimator', () => {
  it('with no data says so: nothing known, band up to the limit', () => {
    const e = estimateCycle(input({}));
    expect(e.basis).toBe('none');
    expect(e.used).toBe(0);
    expect(e.low).toBe(0);
    expect(e.high).toBe(LIMIT);
    expect(e.notes?.join(' ')).toMatch(/no window readings/);
  });

  it('from one reading counts what it saw and infers the rest, with a wide band', () => {
    const e = estimateCycle(input({ at: start + 5 * HOUR, windows: [reading(2, 50)] }));
    expect(e.basis).toBe('observed');
    expect(e.used).toBeGreaterThanOrEqual(51);
    // Five hours at about 50 an hour, but one hour seen: the band must be wide.
    expect(e.used).toBeGreaterThan(150);
    expect(e.high - e.low).toBeGreaterThan(50);
    expect(e.monitorCalls).toBe(1);
  });

  it('is exact, up to the seconds after each probe, when every window was read at its end', () => {
    const hours = steadyHours(10);
    const windows = hours.map((c, h) => reading(h, c));
    const truth = hours.reduce((a, b) => a + b, 0) + windows.length;
    const e = estimateCycle(input({ windows }));
    expect(Math.abs(e.used - truth)).toBeLessThan(0.005 * truth);
    // The band is the few seconds after each probe, a couple of calls wide.
    expect(e.low).toBeLessThanOrEqual(truth + 1);
    expect(e.high).toBeGreaterThanOrEqual(truth);
    expect(e.high - e.low).toBeLessThan(10);
    expect(e.monitorCalls).toBe(240);
    expect(e.observedShare).toBeGreaterThan(0.99);
  });

  it('infers unseen hours from sparse probes, close to the truth and inside its band', () => {
    const hours = steadyHours(10, 7);
    const rng = mulberry32(3);
    const windows = hours.flatMap((c, h) => (rng() < 0.4 ? [reading(h, c)] : []));
    const truth = hours.reduce((a, b) => a + b, 0) + windows.length;
    const e = estimateCycle(input({ windows }));
    expect(Math.abs(e.used - truth) / truth).toBeLessThan(0.03);
    expect(e.low).toBeLessThan(truth);
    expect(e.high).toBeGreaterThan(truth);
    expect(e.observedShare).toBeLessThan(0.5);
  });

  it('gives the same estimate whatever order the readings arrive in', () => {
    const hours = steadyHours(4);
    const windows = hours.flatMap((c, h) => (h % 3 === 0 ? [reading(h, c)] : []));
    // An earlier look at a window, arriving late, must not replace the fuller one.
    const early = { ...reading(3, 10), observedAt: start + 3 * HOUR + 15 * 60_000, used: 11 };
    const sorted = estimateCycle(input({ at: start + 4 * DAY, windows: [...windows, early] }));
    const shuffled = [...windows, early].reverse();
    const e = estimateCycle(input({ at: start + 4 * DAY, windows: shuffled }));
    expect(e).toEqual(sorted);
  });

  it('restarts from a dashboard reading below the estimate: the user saw the truth', () => {
    const hours = steadyHours(10);
    const windows = hours.flatMap((c, h) => (h % 2 === 0 ? [reading(h, c)] : []));
    const before = estimateCycle(input({ windows }));
    const readingAt = start + 8 * DAY;
    const low = estimateCycle(input({ windows, readings: [{ at: readingAt, used: 5_000 }] }));
    expect(low.basis).toBe('dashboard');
    expect(low.used).toBeLessThan(before.used);
    // The reading plus about two days at ~41/h since.
    expect(low.used).toBeGreaterThan(5_000 + 1_700);
    expect(low.used).toBeLessThan(5_000 + 2_300);
    // And one above the estimate is taken too.
    const high = estimateCycle(input({ windows, readings: [{ at: readingAt, used: 15_000 }] }));
    expect(high.used).toBeGreaterThan(15_000 + 1_700);
  });

  it('keeps a dashboard reading above the limit as seen, with a note; window sums never pass the limit', () => {
    const e = estimateCycle(input({ readings: [{ at: start + 9 * DAY, used: 31_000 }] }));
    expect(e.used).toBeGreaterThanOrEqual(31_000);
    expect(e.notes?.join(' ')).toMatch(/above the cycle limit/);
    const busy = Array.from({ length: 240 }, () => 200);
    const capped = estimateCycle(input({ windows: busy.map((c, h) => reading(h, c)) }));
    expect(capped.used).toBe(LIMIT);
    expect(capped.high).toBe(LIMIT);
  });

  it('after a cycle breach (429 api_calls_cycle) the cycle is used up, exactly', () => {
    const hours = steadyHours(3);
    const e = estimateCycle(
      input({
        at: start + 3 * DAY,
        windows: hours.map((c, h) => reading(h, c)),
        cycleBreaches: [start + 2 * DAY],
      }),
    );
    expect(e.basis).toBe('breach');
    expect(e).toMatchObject({ used: LIMIT, low: LIMIT, high: LIMIT });
  });

  it('counts only the in-cycle part of a window that straddles the cycle start, and ignores older ones', () => {
    // Cycle starting at 00:30: the 00:00-01:00 window read at 00:59:40 saw 60 calls, half in-cycle.
    const cs = start + 30 * 60_000;
    const straddling = reading(0, 59);
    const previousCycle = { ...reading(-2, 500) };
    const e = estimateCycleDetail({
      at: start + HOUR,
      cycleStart: cs,
      cycleEnd: end,
      limit: LIMIT,
      windows: [previousCycle, straddling],
    });
    expect(e.samples).toHaveLength(1);
    expect(e.samples[0]?.count).toBeCloseTo((59 * (HOUR / 2 - 1_000)) / (HOUR - 1_000), 5);
    expect(e.estimate.used).toBeLessThan(40);
  });

  it('handles a DST change in the account zone (a 23-hour local day) without losing hours', () => {
    const dstStart = Date.parse('2026-03-28T00:00:00Z');
    const hours = Array.from({ length: 72 }, () => 30);
    const windows = hours.map((c, h) => ({
      ...reading(h, c),
      observedAt: dstStart + (h + 1) * HOUR - 1_000,
      resetAt: dstStart + (h + 1) * HOUR,
    }));
    const e = estimateCycle({
      at: dstStart + 72 * HOUR,
      cycleStart: dstStart,
      cycleEnd: dstStart + 30 * DAY,
      limit: LIMIT,
      windows,
      timeZone: 'Europe/Warsaw',
    });
    expect(Math.abs(e.used - 72 * 31)).toBeLessThan(20);
  });

  it('does not count a passive reading of someone else\u2019s call as the monitor\u2019s own', () => {
    const hours = steadyHours(2);
    const windows = hours.map((c, h) => ({ ...reading(h, c), used: c, monitor: false }));
    const e = estimateCycle(input({ at: start + 2 * DAY, windows }));
    expect(e.monitorCalls).toBe(0);
    expect(Math.abs(e.used - hours.reduce((a, b) => a + b, 0))).toBeLessThan(10);
  });

  it('reads what the parser makes of a real Voucherify response', () => {
    const at = start + 5 * HOUR - 30_000;
    const parsed = parseResponse(
      {
        status: 200,
        headers: {
          'X-Rate-Limit-Limit': '2000',
          'X-Rate-Limit-Remaining': '1874',
          'X-Rate-Limit-Retry': String((start + 5 * HOUR) / 1000),
        },
      },
      { provider: 'voucherify', now: at },
    );
    const w = parsed.windows[0];
    expect(w).toBeDefined();
    const d = estimateCycleDetail(input({ at: start + 5 * HOUR, windows: w ? [w] : [] }));
    expect(d.samples[0]).toMatchObject({ from: start + 4 * HOUR, to: at, count: 125 });
  });

  it('does not claim to know the days before monitoring began: a quiet first hour gives a wide band and a note', () => {
    // The key is added on day 20 and its first probe sees only itself in the hour.
    const e = estimateCycleDetail(
      input({ at: start + 20 * DAY + HOUR, windows: [reading(20 * 24, 0)] }),
    ).estimate;
    expect(e.basis).toBe('observed');
    expect(e.low).toBeLessThan(5);
    // 480 unseen hours at a rate that one quiet hour cannot rule out (Poisson): hundreds of calls.
    expect(e.high).toBeGreaterThan(300);
    expect(e.notes?.some((n) => n.includes('before monitoring began'))).toBe(true);
  });

  it('keeps a data-rich band as calibrated (the counting bound does not widen it)', () => {
    const hours = steadyHours(10);
    const windows = hours.map((c, h) => reading(h, c));
    const e = estimateCycle(input({ windows }));
    expect(e.high - e.low).toBeLessThan(0.05 * e.used);
    expect(e.notes ?? []).not.toContainEqual(expect.stringContaining('before monitoring began'));
  });
});
