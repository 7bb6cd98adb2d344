// A key added in the middle of its billing cycle: the days before monitoring began are inferred
// from the rhythm seen since (not from the pace of the first few hours), the band holds the truth,
// and a refused call (a 429 on the request window) counts its whole window.
import { describe, expect, it } from 'vitest';
import { estimateCycleDetail, type RequestWindowReading } from '../../electron/core/cycle/estimator';
import { windowReadingOf } from '../../electron/core/cycle/window-reading';
import { parseResponse } from '../../electron/core/parse';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const start = Date.parse('2026-04-01T00:00:00Z');
const end = Date.parse('2026-05-01T00:00:00Z');
const LIMIT = 10_000;

/** Weekday load peaking at 15:00 (0.1..1.9 times its mean of 14 an hour). */
function demandAt(h: number): number {
  const hour = h % 24;
  return Math.round(14 * Math.max(0.1, 1 + 0.9 * Math.cos(((hour - 15) / 24) * 2 * Math.PI)));
}

/** A probe 1 s before the end of cycle hour h, seeing that hour's demand plus itself. */
function reading(h: number): RequestWindowReading {
  const calls = demandAt(h) + 1;
  return {
    observedAt: start + (h + 1) * HOUR - 1_000,
    limit: 1000,
    remaining: 1000 - calls,
    resetAt: start + (h + 1) * HOUR,
    periodMs: HOUR,
  };
}

function truthUpTo(hours: number): number {
  let sum = 0;
  for (let h = 0; h < hours; h++) sum += demandAt(h);
  return sum;
}

function midCycle(firstHour: number, seenHours: number, rhythmBackfill = true) {
  const windows = Array.from({ length: seenHours }, (_, i) => reading(firstHour + i));
  const at = start + (firstHour + seenHours) * HOUR;
  return estimateCycleDetail({
    at,
    cycleStart: start,
    cycleEnd: end,
    limit: LIMIT,
    windows,
    model: { rhythmBackfill },
  });
}

describe('first cycle: a key added mid-cycle', () => {
  it.each([
    ['at the afternoon peak', 10 * 24 + 13],
    ['in the quiet of the night', 10 * 24 + 2],
  ])('added %s, a few hours do not stand for ten days: the band holds the truth', (_, first) => {
    const d = midCycle(first, 4);
    const truth = truthUpTo(first + 4) + 4; // the monitor's own four probes count too
    expect(d.anchored).toBe(false);
    expect(d.estimate.low).toBeLessThanOrEqual(truth);
    expect(d.estimate.high).toBeGreaterThanOrEqual(truth);
  });

  it('with a whole day seen, the unseen days follow that day’s rhythm, not the last hours’ pace', () => {
    // Monitoring from day 10 00:00 to day 11 16:00 (ending at the peak): the pace of the last hours is
    // about 1.9 times the day's mean.
    const first = 10 * 24;
    const d = midCycle(first, 40);
    const truth = truthUpTo(first + 40) + 40;
    expect(Math.abs(d.estimate.used - truth) / truth).toBeLessThan(0.1);
    expect(d.estimate.low).toBeLessThanOrEqual(truth);
    expect(d.estimate.high).toBeGreaterThanOrEqual(truth);
  });

  it('says the cycle is anchored once a reading ties it down, or when monitoring began with the cycle', () => {
    const first = 10 * 24 + 13;
    const windows = Array.from({ length: 4 }, (_, i) => reading(first + i));
    const at = start + (first + 4) * HOUR;
    const withReading = estimateCycleDetail({
      at,
      cycleStart: start,
      cycleEnd: end,
      limit: LIMIT,
      windows,
      readings: [{ at: start + first * HOUR, used: truthUpTo(first) }],
    });
    expect(withReading.anchored).toBe(true);
    const fromStart = estimateCycleDetail({
      at: start + 6 * HOUR,
      cycleStart: start,
      cycleEnd: end,
      limit: LIMIT,
      windows: Array.from({ length: 6 }, (_, i) => reading(i)),
    });
    expect(fromStart.anchored).toBe(true);
  });
});

describe('first cycle: what a limit proves', () => {
  const refusal = (at: number) =>
    parseResponse(
      {
        status: 429,
        headers: {
          'x-rate-limit-type': 'api_calls',
          'x-rate-limit-retry': String(Math.floor((Math.floor(at / HOUR) + 1) * HOUR) / 1000),
          'retry-after': '600',
        },
        body: '{"code":429,"key":"too_many_requests","message":"Too many requests"}',
      },
      { provider: 'voucherify', now: at },
    );

  it('a 429 on the request window reads as the whole window used, and not as a call of the monitor', () => {
    const at = start + 3 * HOUR + 50 * 60_000;
    const r = windowReadingOf(refusal(at), 'blocked', at, 1000);
    expect(r).toMatchObject({ limit: 1000, remaining: 0, monitor: false });
    expect(r?.resetAt).toBe(start + 4 * HOUR);
  });

  it('two used-up hours after a dashboard reading raise the cycle figure by their limits', () => {
    const readingAt = start + 10 * DAY;
    const dashboard = [{ at: readingAt, used: 3_944 }];
    const windows = [0, 1].flatMap((h) => {
      const at = readingAt + h * HOUR + 50 * 60_000;
      const r = windowReadingOf(refusal(at), 'blocked', at, 1000);
      return r ? [r] : [];
    });
    expect(windows).toHaveLength(2);
    const e = estimateCycleDetail({
      at: readingAt + 2 * HOUR,
      cycleStart: start,
      cycleEnd: end,
      limit: LIMIT,
      windows,
      readings: dashboard,
    }).estimate;
    expect(e.used).toBeGreaterThanOrEqual(3_944 + 2_000);
    expect(e.low).toBeGreaterThanOrEqual(3_944 + 2_000);
  });
});
