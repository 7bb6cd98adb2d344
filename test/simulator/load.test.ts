// The load generator spends quota like a real integration: a realistic share of the cycle, shaped by
// the model, reproducible from its seed, and never above the request window on average.
import { describe, expect, it } from 'vitest';
import { PERIOD_MS } from '../../electron/core/quota/model';
import { ManualClock } from '../../electron/simulator/clock';
import { VoucherifyEngine, type SimPlanId } from '../../electron/simulator/engine';
import {
  LoadDriver,
  diurnalShape,
  loadProfile,
  manualTimeControl,
  mulberry32,
  poisson,
  type LoadKind,
} from '../../electron/simulator/load';

const NOV = Date.parse('2026-11-01T00:00:00Z');
const DEC = Date.parse('2026-12-01T00:00:00Z');

function month(plan: SimPlanId, kind: LoadKind, seed: number) {
  const clock = new ManualClock(NOV);
  const engine = new VoucherifyEngine({ plan, clock, credentials: { appId: 'a', appToken: 't' } });
  const driver = new LoadDriver(engine, loadProfile(kind, seed, engine.limits), manualTimeControl(clock), {
    seed,
    from: NOV,
  });
  const hourly: number[] = [];
  let ranOutAt: number | null = null;
  // Up to the cycle's last millisecond (its last minute, ending at DEC, stays unapplied).
  for (let t = NOV + PERIOD_MS.hour; t <= DEC; t += PERIOD_MS.hour) {
    t = Math.min(t, DEC - 1);
    const r = driver.advanceTo(t);
    hourly.push(r.accepted);
    if (ranOutAt === null && r.accepted < r.offered) ranOutAt = t;
  }
  const truth = engine.truth();
  return { engine, driver, hourly, ranOutAt, truth };
}

describe('seeded randomness', () => {
  it('mulberry32 repeats for a seed and spreads over [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(Array.from({ length: 10_000 }, () => b())).toEqual(xs);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });

  it.each([0.3, 4, 80])('poisson draws average their mean (%s)', (mean) => {
    const rng = mulberry32(11);
    const n = 20_000;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += poisson(rng, mean);
    expect(sum / n).toBeGreaterThan(mean * 0.97);
    expect(sum / n).toBeLessThan(mean * 1.03);
  });
});

describe('load models over a month', () => {
  it.each(['steady', 'diurnal', 'bursty'] as const)(
    '%s uses a realistic share of every plan with a cycle, below the window on average',
    (kind) => {
      for (const plan of ['free', 'startup', 'professional', 'business', 'organization'] as const) {
        for (const seed of [1, 2, 3]) {
          const { truth, hourly, engine } = month(plan, kind, seed);
          const share = truth.cycleUsed / (truth.cycleLimit as number);
          expect(share, `${plan} seed ${seed}`).toBeGreaterThan(0.5);
          expect(share, `${plan} seed ${seed}`).toBeLessThanOrEqual(1);
          const perHour = engine.limits.request * (PERIOD_MS.hour / engine.limits.requestPeriodMs);
          const mean = hourly.reduce((a, b) => a + b, 0) / hourly.length;
          expect(mean).toBeLessThan(perHour);
        }
      }
    },
  );

  it('none spends nothing', () => {
    expect(month('free', 'none', 1).truth.cycleUsed).toBe(0);
  });

  it('sandbox (no cycle limit) still gets a load, a fraction of its window', () => {
    const { hourly } = month('sandbox', 'steady', 4);
    const mean = hourly.reduce((a, b) => a + b, 0) / hourly.length;
    expect(mean).toBeGreaterThan(5);
    expect(mean).toBeLessThan(50);
  });

  it('diurnal is busier at 13:00 UTC than at night, and on weekdays than on weekends', () => {
    expect(diurnalShape(Date.parse('2026-11-24T13:00:00Z'))).toBeGreaterThan(
      4 * diurnalShape(Date.parse('2026-11-24T02:00:00Z')),
    );
    const { hourly } = month('professional', 'diurnal', 5);
    const at = (iso: string) => hourly[(Date.parse(iso) - NOV) / PERIOD_MS.hour - 1] as number;
    // Tue 24 Nov 13:00-14:00 against the same hour on Sunday 22 Nov
    expect(at('2026-11-24T14:00:00Z')).toBeGreaterThan(2 * at('2026-11-22T14:00:00Z'));
    expect(at('2026-11-24T14:00:00Z')).toBeGreaterThan(4 * at('2026-11-24T03:00:00Z'));
  });

  it('bursty has campaigns far above its base, and runs out late in the cycle on some seeds', () => {
    const runs = Array.from({ length: 12 }, (_, i) => month('startup', 'bursty', 100 + i));
    for (const r of runs) {
      const sorted = [...r.hourly].sort((a, b) => a - b);
      const median = sorted[Math.floor(sorted.length / 2)] as number;
      expect(Math.max(...r.hourly)).toBeGreaterThan(5 * Math.max(1, median));
    }
    const ranOut = runs.filter((r) => r.ranOutAt !== null);
    expect(ranOut.length).toBeGreaterThan(0);
    expect(ranOut.length).toBeLessThan(runs.length);
    for (const r of ranOut) expect(r.ranOutAt as number).toBeGreaterThan(NOV + 0.6 * (DEC - NOV));
  });

  it('is reproducible from the seed however the time is stepped', () => {
    const a = month('growth', 'bursty', 9).truth;
    const clock = new ManualClock(NOV);
    const engine = new VoucherifyEngine({
      plan: 'growth',
      clock,
      credentials: { appId: 'a', appToken: 't' },
    });
    const driver = new LoadDriver(engine, loadProfile('bursty', 9, engine.limits), manualTimeControl(clock), {
      seed: 9,
      from: NOV,
    });
    for (let t = NOV; t <= DEC - 1; t += 7 * PERIOD_MS.hour + 12_345) driver.advanceTo(t);
    driver.advanceTo(DEC - 1);
    expect(engine.truth().cycleUsed).toBe(a.cycleUsed);
    expect(clock.now()).toBe(DEC - 1);
    expect(month('growth', 'bursty', 10).truth.cycleUsed).not.toBe(a.cycleUsed);
  });
});
