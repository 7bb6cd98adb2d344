// What Headroom concludes about one key from its observations: the glue between the estimator, the
// forecaster and the scheduler, as the service and the views use it.
import { describe, expect, it } from 'vitest';
import { keyInsight, type InsightInput } from '../../electron/core/insight/key-insight';
import { voucherifyPlan } from '../../electron/core/plans/voucherify';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const cycleStart = Date.parse('2026-11-01T00:00:00Z');

/** Hourly readings just before each window ends, `perHour` calls of other traffic each. */
function readings(fromHour: number, hours: number, perHour: number) {
  return Array.from({ length: hours }, (_, i) => {
    const end = cycleStart + (fromHour + i + 1) * HOUR;
    return {
      observedAt: end - 20_000,
      limit: 2000,
      remaining: 2000 - perHour - 1,
      resetAt: end,
      periodMs: HOUR,
    };
  });
}

function input(over: Partial<InsightInput>): InsightInput {
  return {
    now: cycleStart + 10 * DAY,
    plan: voucherifyPlan('growth'),
    cycle: { renewalDay: 1, timeZone: 'UTC' },
    readings: [],
    cycleBreaches: [],
    dashboard: [],
    probesSent: 0,
    probesBillable: 0,
    lastProbeAt: null,
    blocked: null,
    budgetShare: 0.01,
    thresholdsPercent: [80, 90, 100],
    minIntervalMs: 5 * 60_000,
    maxIntervalMs: 12 * HOUR,
    ...over,
  };
}

describe('key insight', () => {
  it('estimates and forecasts the billing cycle with a cone for the sparkline', () => {
    const r = readings(0, 10 * 24, 60);
    const k = keyInsight(
      input({
        readings: r,
        probesSent: r.length,
        probesBillable: r.length,
        lastProbeAt: r.at(-1)!.observedAt,
      }),
    );
    expect(k.cycle).toEqual({ start: cycleStart, end: Date.parse('2026-12-01T00:00:00Z') });
    expect(k.cycleLimit).toBe(30_000);
    // 61 calls an hour (60 + the probe) for 240 hours.
    expect(k.estimate!.used).toBeGreaterThan(14_000);
    expect(k.estimate!.used).toBeLessThan(15_000);
    expect(k.forecast!.status).toBe('ok');
    // 61/h runs out 30,000 at about hour 492: day 20.5.
    expect(Math.abs(k.forecast!.runOutAt! - (cycleStart + 20.5 * DAY))).toBeLessThan(DAY);
    expect(k.cone.length).toBeGreaterThan(3);
    expect(k.cone.every((c) => c.low <= c.mid && c.mid <= c.high)).toBe(true);
    expect(k.schedule.budget).toBe(300);
  });

  it('has no cycle figures for a plan without a billing cycle, but still schedules', () => {
    const k = keyInsight(input({ plan: null }));
    expect(k.estimate).toBeNull();
    expect(k.forecast).toBeNull();
    expect(k.schedule.kind).toBe('first');
  });

  it('dates a run-out to the first refusal of the cycle quota, not the latest', () => {
    const first = cycleStart + 9 * DAY;
    const r = readings(0, 9 * 24, 130);
    const k = keyInsight(
      input({
        readings: r,
        cycleBreaches: [first, first + 6 * HOUR],
        probesSent: r.length,
        probesBillable: r.length,
        lastProbeAt: first + 6 * HOUR,
      }),
    );
    expect(k.estimate!.basis).toBe('breach');
    expect(k.estimate!.used).toBe(30_000);
    expect(k.forecast!.runOutAt).toBe(first);
    expect(k.forecast!.probabilityRunOut).toBe(1);
  });

  it('never schedules a probe inside a block', () => {
    const retryAt = cycleStart + 10 * DAY + 40 * 60_000;
    const k = keyInsight(
      input({
        blocked: { type: 'api_calls', windowId: 'api_calls', retryAt },
        lastProbeAt: cycleStart + 10 * DAY - 1000,
        probesSent: 5,
      }),
    );
    expect(k.schedule.at).toBeGreaterThanOrEqual(retryAt);
    expect(k.schedule.kind).toBe('blocked');
  });

  it('forecasts from dashboard readings where the probes alone cannot (Free: five a cycle)', () => {
    // Free: 500 calls a cycle. Four probes read four hours (one other call each); the user read the
    // dashboard on days 3 and 8. About 20 calls a day: out around day 25.
    const probes = [1, 40, 100, 170].map((h) => readings(h, 1, 1)[0]!);
    const base = input({
      now: cycleStart + 8 * DAY + 2 * HOUR,
      plan: voucherifyPlan('free'),
      readings: probes,
      probesSent: 4,
      probesBillable: 4,
      lastProbeAt: probes.at(-1)!.observedAt,
    });
    const probesOnly = keyInsight(base);
    expect(probesOnly.forecast?.status).toBe('insufficient-data');
    expect(probesOnly.forecast?.reason).toMatch(/enter a dashboard reading/);
    // The one probe left cannot measure the two hours still missing: no "first forecast at" promise.
    expect(probesOnly.forecast?.needsReading).toBe(true);
    expect(probesOnly.forecast?.readyAt).toBeNull();

    const read = keyInsight({
      ...base,
      dashboard: [
        { at: cycleStart + 3 * DAY, used: 62 },
        { at: cycleStart + 8 * DAY, used: 164 },
      ],
    });
    expect(read.forecast?.status).toBe('ok');
    // 164 by day 8 (the probes' 4 included): about 20 a day, out near day 25.
    const day = ((read.forecast?.runOutAt ?? 0) - cycleStart) / DAY;
    expect(day).toBeGreaterThan(21);
    expect(day).toBeLessThan(29);
    expect(read.forecast?.probabilityRunOut ?? 0).toBeGreaterThan(0.5);
  });

  it('keeps a forecast the probes carry as it is when a reading is added', () => {
    const r = readings(0, 10 * 24, 60);
    const probes = { readings: r, probesSent: r.length, probesBillable: r.length };
    const without = keyInsight(input({ ...probes, lastProbeAt: r.at(-1)!.observedAt }));
    const withReading = keyInsight(
      input({
        ...probes,
        lastProbeAt: r.at(-1)!.observedAt,
        dashboard: [{ at: cycleStart + 10 * DAY, used: without.estimate!.used }],
      }),
    );
    expect(withReading.forecast?.status).toBe('ok');
    expect(withReading.forecast?.pacePerDay).toBe(without.forecast?.pacePerDay);
  });

  it('dates the first forecast by the probes still to come, not by the clock alone', () => {
    // Startup at the cycle's start: one hour read, the next probe an hour later (front-loaded).
    const first = readings(0, 1, 10);
    const k = keyInsight(
      input({
        now: cycleStart + HOUR,
        plan: voucherifyPlan('startup'),
        readings: first,
        probesSent: 1,
        probesBillable: 1,
        lastProbeAt: first[0]!.observedAt,
      }),
    );
    const f = k.forecast!;
    expect(f.status).toBe('insufficient-data');
    expect(f.needsReading).toBeUndefined();
    // By the clock alone the 12 hours of history come at 12:00; but five more hours must be measured,
    // one a probe, at the schedule's cadence (hours apart): not before the fifth probe from now.
    expect(f.readyAt).toBeGreaterThan(cycleStart + 12 * HOUR);
    const spacing = Math.max(HOUR, k.schedule.at - first[0]!.observedAt);
    expect(spacing).toBeGreaterThan(HOUR);
    expect(f.readyAt).toBeGreaterThanOrEqual(k.schedule.at + 4 * spacing);
    expect(f.readyAt).toBeLessThan(k.cycle.end);
  });
});
