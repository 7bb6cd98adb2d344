import { describe, expect, it } from 'vitest';
import {
  forecastCycle,
  forecastCycleDetail,
  pointSeries,
  type ForecastInput,
} from '../../electron/core/forecast/forecaster';
import { fitLevel } from '../../electron/core/forecast/level';
import { mulberry32, normalSource, poisson } from '../../electron/core/random';
import type { UsagePoint, UsageSample } from '../../electron/core/forecast/types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const start = Date.parse('2026-04-01T00:00:00Z');
const end = Date.parse('2026-05-01T00:00:00Z');
const LIMIT = 30_000;

/** Hourly samples of Poisson demand at `perDay(day)` calls a day, for `days` days. */
function hourly(days: number, perDay: (day: number) => number, seed = 1): UsageSample[] {
  const rng = mulberry32(seed);
  const normal = normalSource(rng);
  return Array.from({ length: Math.round(days * 24) }, (_, h) => ({
    from: start + h * HOUR,
    to: start + (h + 1) * HOUR,
    count: poisson(rng, normal, perDay(h / 24) / 24),
  }));
}

function run(samples: UsageSample[], over: Partial<ForecastInput> = {}) {
  const now = samples.length > 0 ? (samples.at(-1) as UsageSample).to : start;
  const used = samples.reduce((s, x) => s + x.count, 0);
  return forecastCycle({
    limit: LIMIT,
    cycleStart: start,
    cycleEnd: end,
    now,
    samples,
    current: { at: now, used },
    ...over,
  });
}

const days = (t: number | null) => (t === null ? null : (t - start) / DAY);

describe('forecaster', () => {
  it('with no data, or one point, says "insufficient-data" rather than guessing', () => {
    const none = run([]);
    expect(none.status).toBe('insufficient-data');
    expect(none.runOutAt).toBeNull();
    expect(none.probabilityRunOut).toBeNull();
    expect(none.reason).toMatch(/not enough data/);
    const one = pointSeries([{ at: start + 2 * DAY, used: 2_000 }], start, start + 2 * DAY);
    const f = run(one.samples, { now: start + 2 * DAY, current: one.current ?? { at: start, used: 0 } });
    expect(f.status).toBe('insufficient-data');
    // Still a safe daily budget: what is left, spread over the days left.
    expect(f.safeDailyBudget).toBeCloseTo((LIMIT - 2_000) / 28, 5);
    // But none when the usage so far could already be the whole quota: 0 a day would be no advice.
    const unknown = run(one.samples, {
      now: start + 2 * DAY,
      current: { at: start + 2 * DAY, used: 2_000, low: 2_000, high: LIMIT },
    });
    expect(unknown.status).toBe('insufficient-data');
    expect(unknown.safeDailyBudget).toBeNull();
  });

  it('says "insufficient-data" for less than 12 hours of history', () => {
    expect(run(hourly(0.4, () => 1_000)).status).toBe('insufficient-data');
    expect(run(hourly(0.6, () => 1_000)).status).toBe('ok');
  });

  it('on a steady trace predicts the run-out close to the truth, inside its 80 % interval', () => {
    // 1,200 a day runs out after 25 days.
    const f = run(hourly(10, () => 1_200));
    expect(f.status).toBe('ok');
    expect(Math.abs((days(f.runOutAt) as number) - 25)).toBeLessThan(1);
    expect(days(f.low) as number).toBeLessThan(25);
    expect(f.high === null || (days(f.high) as number) > 25).toBe(true);
    expect(f.probabilityRunOut).toBeGreaterThan(0.7);
    expect(f.pacePerDay).toBeGreaterThan(1_100);
    expect(f.pacePerDay).toBeLessThan(1_300);
    // 12,000 used, 20 days left: 900 a day is safe.
    expect(f.safeDailyBudget).toBeGreaterThan(850);
    expect(f.safeDailyBudget).toBeLessThan(910);
  });

  it('when it never runs out, gives a low probability and no run-out time', () => {
    const f = run(hourly(10, () => 500));
    expect(f.runOutAt).toBeNull();
    expect(f.low).toBeNull();
    expect(f.high).toBeNull();
    expect(f.probabilityRunOut).toBeLessThan(0.1);
    expect(f.projectedAtCycleEnd).toBeGreaterThan(13_000);
    expect(f.projectedAtCycleEnd).toBeLessThan(17_000);
  });

  it('follows a change of pace mid-cycle instead of the average since the cycle start', () => {
    // 600 a day for 10 days, then 1,800 a day: 6,000 + 1,800 * (d - 10) reaches 30,000 on day 23.3.
    const f = run(hourly(15, (d) => (d < 10 ? 600 : 1_800)));
    expect(Math.abs((days(f.runOutAt) as number) - 23.3)).toBeLessThan(1.5);
    expect(f.reason).toMatch(/change of pace/);
    // Linear extrapolation from the cycle start would say day 29.
    expect(f.probabilityRunOut).toBeGreaterThan(0.8);
  });

  it('already over the limit: probability 1, run-out when the readings crossed it, nothing left to spend', () => {
    const points: UsagePoint[] = [
      { at: start + 5 * DAY, used: 20_000 },
      { at: start + 6 * DAY, used: 28_000 },
      { at: start + 7 * DAY, used: 32_000 },
    ];
    const s = pointSeries(points, start, start + 7 * DAY, LIMIT);
    expect(s.ranOutAt).toBe(start + 6.5 * DAY);
    const f = run(s.samples, {
      now: start + 7 * DAY,
      current: s.current ?? { at: start, used: 0 },
      ranOutAt: s.ranOutAt,
    });
    expect(f).toMatchObject({ status: 'ok', probabilityRunOut: 1, safeDailyBudget: 0 });
    expect(f.runOutAt).toBe(start + 6.5 * DAY);
  });

  it('is deterministic: the same input gives the same forecast', () => {
    const samples = hourly(8, (d) => 900 + 30 * d, 5);
    expect(run(samples)).toEqual(run(samples));
  });

  it('takes the account time zone for the daily rhythm, across a DST change', () => {
    const dst = Date.parse('2026-03-20T00:00:00Z');
    const samples = hourly(12, () => 2_000).map((s) => ({
      ...s,
      from: s.from - start + dst,
      to: s.to - start + dst,
    }));
    const input = {
      limit: LIMIT,
      cycleStart: dst,
      cycleEnd: dst + 30 * DAY,
      now: dst + 12 * DAY,
      samples,
      current: { at: dst + 12 * DAY, used: samples.reduce((a, s) => a + s.count, 0) },
    };
    const utc = forecastCycle(input);
    const warsaw = forecastCycle({ ...input, timeZone: 'Europe/Warsaw' });
    expect(warsaw.status).toBe('ok');
    // 24,000 used, 2,000 a day: out on day 15; the zone changes the rhythm, not the pace.
    expect(Math.abs(((warsaw.runOutAt as number) - dst) / DAY - 15)).toBeLessThan(0.6);
    expect(Math.abs((warsaw.runOutAt as number) - (utc.runOutAt as number))).toBeLessThan(12 * HOUR);
  });

  it('gives a cone of cumulative usage to the cycle end, for the chart', () => {
    const samples = hourly(10, () => 1_200);
    const used = samples.reduce((a, s) => a + s.count, 0);
    const input: ForecastInput = {
      limit: LIMIT,
      cycleStart: start,
      cycleEnd: end,
      now: start + 10 * DAY,
      samples,
      current: { at: start + 10 * DAY, used },
    };
    const d = forecastCycleDetail({ ...input, options: { cone: true } });
    expect(d.cone).toHaveLength(40);
    expect(d.cone.at(-1)?.at).toBe(end);
    for (let i = 0; i < d.cone.length; i++) {
      const c = d.cone[i] as (typeof d.cone)[number];
      expect(c.low).toBeLessThanOrEqual(c.mid);
      expect(c.mid).toBeLessThanOrEqual(c.high);
      if (i > 0) expect(c.mid).toBeGreaterThanOrEqual((d.cone[i - 1] as typeof c).mid);
    }
    expect(Math.abs((d.cone.at(-1) as { mid: number }).mid - (used + 20 * 1_200))).toBeLessThan(1_500);
    expect(forecastCycleDetail(input).cone).toEqual([]);
  });

  it('widens the interval when the start is only an estimate', () => {
    const samples = hourly(10, () => 1_200);
    const used = samples.reduce((a, s) => a + s.count, 0);
    const exact = run(samples);
    const rough = run(samples, {
      current: { at: start + 10 * DAY, used, low: used - 2_000, high: used + 2_000 },
    });
    const width = (f: typeof exact) => ((f.high ?? end) as number) - (f.low as number);
    expect(width(rough)).toBeGreaterThan(width(exact));
  });
});

describe('cumulative readings', () => {
  it('sorts readings given out of order and gives the same forecast', () => {
    const points: UsagePoint[] = Array.from({ length: 20 }, (_, i) => ({
      at: start + (i + 1) * 12 * HOUR,
      used: (i + 1) * 500,
    }));
    const now = start + 10 * DAY;
    const a = pointSeries(points, start, now);
    const b = pointSeries([...points].reverse(), start, now);
    expect(b.samples).toEqual(a.samples);
    expect(b.current).toEqual(a.current);
  });

  it('drops readings outside the cycle (a cycle boundary) and after now, saying why', () => {
    const s = pointSeries(
      [
        { at: start - HOUR, used: 29_000 },
        { at: start + DAY, used: 1_000 },
        { at: start + 2 * DAY, used: 2_000 },
        { at: start + 9 * DAY, used: 9_000 },
      ],
      start,
      start + 3 * DAY,
    );
    expect(s.kept).toBe(2);
    expect(s.ignored).toHaveLength(2);
    expect(s.ignored[0]).toMatch(/before the cycle start/);
    expect(s.ignored[1]).toMatch(/after now/);
    // The cycle starts at 0: the first reading counts from the cycle start.
    expect(s.samples[0]).toEqual({ from: start, to: start + DAY, count: 1_000 });
  });

  it('lets a later, lower reading win over an earlier, higher one (a dashboard reading below the estimate)', () => {
    const s = pointSeries(
      [
        { at: start + DAY, used: 1_000 },
        { at: start + 2 * DAY, used: 2_600 },
        { at: start + 3 * DAY, used: 2_400 },
      ],
      start,
      start + 3 * DAY,
    );
    expect(s.current).toEqual({ at: start + 3 * DAY, used: 2_400 });
    expect(s.ignored[0]).toMatch(/above a later one/);
    expect(s.samples.every((x) => x.count >= 0)).toBe(true);
  });
});

describe('level', () => {
  it('finds where the pace changed, and a spike that ended', () => {
    const blocks = Array.from({ length: 20 }, (_, i) => {
      const rate = i < 8 ? 50 : i < 11 ? 300 : 20;
      return { count: rate * 12, exposure: 12, t: (i - 19.5) / 2 };
    });
    const fit = fitLevel(blocks);
    expect(fit.changes).toEqual([8, 11]);
    expect(fit.level).toBeCloseTo(20, 5);
  });

  it('keeps a clear growth trend as a trend, not as steps', () => {
    const blocks = Array.from({ length: 30 }, (_, i) => {
      const rate = 40 * Math.exp(0.03 * i);
      return { count: Math.round(rate * 12), exposure: 12, t: (i - 29.5) / 2 };
    });
    const fit = fitLevel(blocks);
    expect(fit.slopePerDay).toBeGreaterThan(0.05);
    expect(fit.level).toBeGreaterThan(40 * Math.exp(0.03 * 28));
  });
});
