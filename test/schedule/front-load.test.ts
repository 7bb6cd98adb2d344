// Front-loaded routine probes (issue 15, Startup): with a small budget the first forecasts must not
// rest on a handful of hours, so the routine share is spent along sqrt(time), and still lasts to renewal.
import { describe, expect, it } from 'vitest';
import type { CycleEstimate } from '../../electron/core/forecast/types';
import { FRONT_LOAD_POWER, frontLoadedInterval } from '../../electron/core/schedule/front-load';
import { nextProbe } from '../../electron/core/schedule/scheduler';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const start = Date.parse('2026-04-01T00:00:00Z');
const end = Date.parse('2026-05-01T00:00:00Z');
const CYCLE = end - start;

function estimate(used: number, at: number, limit: number): CycleEstimate {
  return {
    at,
    cycleStart: start,
    cycleEnd: end,
    limit,
    used,
    low: Math.max(0, used - 100),
    high: Math.min(limit, used + 100),
    monitorCalls: 0,
    basis: 'observed',
  };
}

/** Probe times over a cycle for a key far from every threshold (usage at `share` of the quota by the end). */
function simulate(limit: number, share: number, manual = 0): number[] {
  const ratePerHour = (share * limit) / (CYCLE / HOUR);
  let now = start;
  let spent = manual;
  let last: number | null = null;
  const times: number[] = [];
  while (now < end) {
    const used = ((now - start) / HOUR) * ratePerHour;
    const p = nextProbe({
      now,
      cycleStart: start,
      cycleEnd: end,
      cycleLimit: limit,
      spent,
      lastProbeAt: last,
      estimate: estimate(used, now, limit),
      ratePerHour,
      windowResetAt: Math.floor(now / HOUR) * HOUR + HOUR,
      windowPeriodMs: HOUR,
    });
    if (p.kind === 'budget-spent' || p.at >= end) break;
    expect(p.at).toBeGreaterThanOrEqual(now);
    if (last !== null) expect(p.at - last).toBeGreaterThanOrEqual(5 * 60_000);
    now = p.at;
    last = now;
    spent++;
    times.push(now);
    now += 1;
  }
  return times;
}

describe('front-loaded probe spending', () => {
  it('spends half of what is left by a quarter of the way along the curve, and evenly at power 1', () => {
    // From the cycle start, n probes along f^0.5: the rate at f is 0.5 f^-0.5 n per cycle.
    const atQuarter = frontLoadedInterval(CYCLE, 0.25, 100);
    expect(atQuarter).toBeCloseTo((CYCLE * 0.5) / (100 * 0.5 * 0.25 ** -0.5), 3);
    // Earlier in the cycle, shorter intervals for the same probes left; even spread at power 1.
    expect(frontLoadedInterval(CYCLE, 0.05, 100)).toBeLessThan(atQuarter);
    expect(frontLoadedInterval(CYCLE, 0.25, 100, 1)).toBeCloseTo((CYCLE * 0.75) / 100, 3);
    // Never a zero or negative interval, even at the very start or with nothing left.
    expect(frontLoadedInterval(CYCLE, 0, 100)).toBeGreaterThan(0);
    expect(frontLoadedInterval(CYCLE, 0.5, 0)).toBeGreaterThan(0);
    expect(FRONT_LOAD_POWER).toBeLessThan(1);
  });

  it('on a Startup budget (100 probes) measures far more hours in the first quarter than an even spread, and still reaches renewal', () => {
    // Usage well below the thresholds: only routine probes.
    const times = simulate(10_000, 0.5);
    expect(times.length).toBeLessThanOrEqual(100);
    const firstQuarter = times.filter((t) => t < start + CYCLE / 4).length;
    // By day 7.5: an even spread (48 held back for the thresholds, 12 h ceiling) gives 16, the 8 h
    // routine ceiling alone 23, with the front-loaded curve 30.
    expect(firstQuarter).toBeGreaterThanOrEqual(28);
    // ...and the first week has a probe at least every 8 hours.
    const firstWeek = times.filter((t) => t < start + 7 * DAY);
    for (let i = 1; i < firstWeek.length; i++)
      expect((firstWeek[i] as number) - (firstWeek[i - 1] as number)).toBeLessThanOrEqual(8 * HOUR);
    // The budget is not gone early: probes keep coming in the last days of the cycle.
    expect(times.at(-1) as number).toBeGreaterThan(end - 2 * DAY);
    expect(times.filter((t) => t > start + 0.75 * CYCLE).length).toBeGreaterThanOrEqual(8);
  });

  it('spreads a budget richer than one probe a window evenly, and spends it (Professional: 1,000 probes)', () => {
    const times = simulate(100_000, 0.5);
    expect(times.length).toBeLessThanOrEqual(1_000);
    // 720 windows in the cycle: held to one a window early, the budget could not be spent.
    expect(times.length).toBeGreaterThanOrEqual(900);
    const firstQuarter = times.filter((t) => t < start + CYCLE / 4).length;
    expect(firstQuarter / times.length).toBeLessThan(0.3);
  });

  it('still lands each routine probe just before a window resets (the whole hour measured)', () => {
    for (const t of simulate(10_000, 0.5).slice(1)) expect((t + 20_000) % HOUR).toBe(0);
  });

  it('counts manual probes: a budget half spent by hand is stretched over the rest of the cycle', () => {
    const times = simulate(10_000, 0.5, 50);
    expect(times.length).toBeLessThanOrEqual(50);
    expect(times.at(-1) as number).toBeGreaterThan(end - 3 * DAY);
  });
});
