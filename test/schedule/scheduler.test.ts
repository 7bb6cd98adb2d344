import { describe, expect, it } from 'vitest';
import type { CycleEstimate } from '../../electron/core/forecast/types';
import { budgetCalls } from '../../electron/core/schedule/budget';
import { nextProbe, type SchedulerInput } from '../../electron/core/schedule/scheduler';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const start = Date.parse('2026-04-01T00:00:00Z');
const end = Date.parse('2026-05-01T00:00:00Z');
const LIMIT = 30_000;

function estimate(used: number, halfWidth = 300, at = start + 10 * DAY): CycleEstimate {
  return {
    at,
    cycleStart: start,
    cycleEnd: end,
    limit: LIMIT,
    used,
    low: Math.max(0, used - halfWidth),
    high: Math.min(LIMIT, used + halfWidth),
    monitorCalls: 0,
    basis: 'observed',
  };
}

function base(over: Partial<SchedulerInput> = {}): SchedulerInput {
  const now = start + 10 * DAY + 17 * 60_000;
  return {
    now,
    cycleStart: start,
    cycleEnd: end,
    cycleLimit: LIMIT,
    spent: 100,
    lastProbeAt: now - HOUR,
    estimate: estimate(12_000),
    ratePerHour: 40,
    windowResetAt: start + 10 * DAY + HOUR,
    windowPeriodMs: HOUR,
    ...over,
  };
}

describe('probe scheduler', () => {
  it('keeps the next probe where it was when asked again before it, and sends an overdue one at once', () => {
    // Startup (10,000 a cycle, 100 probes), its last probe just now: the plan is a few hours out.
    const last = start + 10 * DAY + 20 * 60_000;
    const startup = (now: number) =>
      nextProbe(
        base({
          now,
          lastProbeAt: last,
          cycleLimit: 10_000,
          spent: 40,
          estimate: estimate(3_000),
          ratePerHour: 12,
          windowResetAt: last + 40 * 60_000,
        }),
      );
    const planned = startup(last);
    expect(planned.at - last).toBeGreaterThan(2 * HOUR);
    // The service asks again after a restart, a reading or a settings change: same plan.
    expect(startup(last + HOUR).at).toBe(planned.at);
    expect(startup(planned.at - 60_000).at).toBe(planned.at);
    // The app was off past the planned time: the probe goes out now, not a whole interval later.
    const woke = planned.at + 6 * HOUR;
    expect(startup(woke).at).toBe(woke);
  });

  it('sizes the budget at 1 % of the cycle quota by default, or as the user sets it', () => {
    expect(budgetCalls(undefined, 30_000, start, end)).toBe(300);
    expect(budgetCalls({ share: 0.02 }, 30_000, start, end)).toBe(600);
    expect(budgetCalls({ calls: 50 }, 30_000, start, end)).toBe(50);
    expect(budgetCalls(undefined, 500, start, end)).toBe(5);
    // No cycle quota known: a probe every two hours.
    expect(budgetCalls(undefined, null, start, end)).toBe(360);
    // With no cycle quota (GitHub, OpenAI...), the % setting still scales the fallback.
    expect(budgetCalls({ share: 0.02 }, null, start, end)).toBe(720);
    expect(budgetCalls({ share: 0.005 }, null, start, end)).toBe(180);
  });

  it('probes at once the first time in a cycle', () => {
    const p = nextProbe(base({ lastProbeAt: null, spent: 0 }));
    expect(p).toMatchObject({ kind: 'first', at: base().now });
  });

  it('never probes while a key is blocked: waits for the retry time', () => {
    const retryAt = start + 10 * DAY + 5 * HOUR;
    const p = nextProbe(base({ blocked: { type: 'api_calls', retryAt } }));
    expect(p.kind).toBe('blocked');
    expect(p.at).toBe(retryAt);
    const cycle = nextProbe(base({ blocked: { type: 'api_calls_cycle', retryAt: end } }));
    expect(cycle.at).toBe(end);
    expect(cycle.reason).toMatch(/billing-cycle quota is used up/);
    // A block with no retry time (402): no sooner than the ceiling.
    const paid = nextProbe(base({ blocked: { type: 'payment_required', retryAt: null } }));
    expect(paid.at - base().now).toBeGreaterThanOrEqual(12 * HOUR);
  });

  it('stops automatic probes when the budget is spent, until the cycle renews', () => {
    const p = nextProbe(base({ spent: 300 }));
    expect(p).toMatchObject({ kind: 'budget-spent', at: end, budgetLeft: 0 });
    expect(p.reason).toMatch(/manual checks still work/);
  });

  it('lands just before a window resets, so that the probe measures (almost) the whole hour', () => {
    const p = nextProbe(base());
    const reset = base().windowResetAt as number;
    expect((p.at + 20_000 - reset) % HOUR).toBe(0);
    expect(p.at).toBeGreaterThan(base().now);
  });

  it('probes every window near a threshold, and less often far from any', () => {
    const near = nextProbe(base({ estimate: estimate(23_900) }));
    expect(near.kind).toBe('threshold');
    expect(near.reason).toMatch(/80% threshold/);
    expect(near.at - base().now).toBeLessThanOrEqual(HOUR);
    const far = nextProbe(
      base({
        estimate: estimate(6_000),
        ratePerHour: 10,
        forecast: {
          status: 'ok',
          runOutAt: null,
          low: null,
          high: null,
          probabilityRunOut: 0.01,
          projectedAtCycleEnd: 10_000,
          safeDailyBudget: 1_200,
        },
      }),
    );
    expect(far.kind).toBe('quiet');
    expect(far.at - base().now).toBeGreaterThan(2 * HOUR);
  });

  it('near a threshold late in the cycle, keeps enough probes to check every 8 h until renewal', () => {
    // Startup (10,000 a cycle, 100 probes), five days before renewal, 20 probes left, the band
    // around the 90 % threshold. Checking every window would spend the rest in a day and leave the
    // last days (when a run-out is decided) unseen: first-cycle bench, 27 h without a probe and a
    // run-out warning for a cycle that ended at 98 %.
    const limit = 10_000;
    let now = end - 5 * DAY + 17 * 60_000;
    let spent = 80;
    const times: number[] = [];
    const reasons: string[] = [];
    while (spent < 100 && now < end) {
      const plan = nextProbe({
        now,
        cycleStart: start,
        cycleEnd: end,
        cycleLimit: limit,
        spent,
        lastProbeAt: times.at(-1) ?? now - HOUR,
        estimate: { ...estimate(9_000, 250, now), limit, high: 9_250 },
        ratePerHour: 12,
        windowResetAt: Math.ceil(now / HOUR) * HOUR,
        windowPeriodMs: HOUR,
      });
      if (plan.kind === 'budget-spent' || plan.at >= end) break;
      times.push(plan.at);
      reasons.push(plan.reason);
      now = plan.at;
      spent++;
    }
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(Math.max(...gaps)).toBeLessThanOrEqual(9 * HOUR);
    expect(end - (times.at(-1) as number)).toBeLessThanOrEqual(9 * HOUR);
    // Still every window while the budget affords it, and says so only then.
    expect(gaps.filter((g) => g <= HOUR).length).toBeGreaterThan(0);
    expect(reasons.slice(1).filter((r) => /every window/.test(r)).length).toBe(
      gaps.filter((g) => g <= HOUR).length,
    );
    expect(reasons.at(-1)).toMatch(/as often as the budget allows/);
  });

  it('close to running out, keeps probing only as fast as the budget lasts to the renewal', () => {
    const p = nextProbe(base({ estimate: estimate(29_800), spent: 290 }));
    expect(p.kind).toBe('run-out');
    // 10 probes left for 20 days: not every window, or the block would go unseen.
    expect(p.at - base().now).toBeGreaterThan(24 * HOUR);
    const rich = nextProbe(base({ estimate: estimate(29_800), spent: 100 }));
    expect(rich.at - base().now).toBeLessThanOrEqual(3 * HOUR);
  });

  it('over a simulated cycle never exceeds the budget, never probes faster than the floor, and counts manual probes', () => {
    for (const manual of [0, 40]) {
      let now = start;
      let spent = manual;
      let last: number | null = null;
      let used = 0;
      const times: number[] = [];
      while (now < end) {
        const p = nextProbe({
          now,
          cycleStart: start,
          cycleEnd: end,
          cycleLimit: LIMIT,
          spent,
          lastProbeAt: last,
          estimate: estimate(used, 200, now),
          ratePerHour: 45,
          windowResetAt: Math.floor(now / HOUR) * HOUR + HOUR,
          windowPeriodMs: HOUR,
        });
        if (p.kind === 'budget-spent' || p.at >= end) break;
        expect(p.at).toBeGreaterThanOrEqual(now);
        if (last !== null) expect(p.at - last).toBeGreaterThanOrEqual(5 * 60_000);
        used = Math.min(LIMIT, used + ((p.at - now) / HOUR) * 45);
        now = p.at;
        last = now;
        spent++;
        times.push(now);
        now += 1;
      }
      expect(spent).toBeLessThanOrEqual(300);
      expect(times.length).toBeGreaterThan(150 - manual);
      // Probes reach the end of the cycle: the budget is not all spent in the first weeks.
      expect(times.at(-1) as number).toBeGreaterThan(end - 3 * DAY);
    }
  });

  it('with a tiny budget (Free: 5 probes) spreads them out and says a dashboard reading helps', () => {
    const p = nextProbe(base({ cycleLimit: 500, spent: 1, estimate: null, ratePerHour: null }));
    expect(p.kind).toBe('sparse-budget');
    expect(p.reason).toMatch(/dashboard reading/);
    expect(p.at - base().now).toBeGreaterThan(4 * DAY);
  });

  it('covers every hour of the day over a cycle (so the estimator sees the whole daily rhythm)', () => {
    const hours = new Set<number>();
    let now = start;
    let spent = 1;
    let last: number | null = start;
    for (let i = 0; i < 120; i++) {
      const p = nextProbe(
        base({
          now,
          spent,
          lastProbeAt: last,
          windowResetAt: Math.floor(now / HOUR) * HOUR + HOUR,
          estimate: estimate(1_000, 100, now),
        }),
      );
      hours.add(new Date(p.at).getUTCHours());
      now = p.at + 1;
      last = p.at;
      spent++;
    }
    expect(hours.size).toBe(24);
  });

  it('is deterministic', () => {
    expect(nextProbe(base())).toEqual(nextProbe(base()));
  });
});
