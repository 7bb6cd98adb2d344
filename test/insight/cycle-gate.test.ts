// A key added mid-cycle whose first hours run at a peak pace: the central estimate may reach the
// thresholds, but until a reading anchors the cycle only the band's low end may raise a status or an
// alert, and the scheduler does not spend extra probes "near the threshold".
import { describe, expect, it } from 'vitest';
import { cycleGate } from '../../electron/core/insight/cycle-gate';
import { keyInsight } from '../../electron/core/insight/key-insight';
import { cycleAlerts, cycleStart, first, HOUR, insightInput, readings } from './mid-cycle-fixture';

describe('cycle gate: a key added mid-cycle', () => {
  it('unanchored, alerts act on the band’s low end: a central figure past 80 % raises nothing', () => {
    const insight = keyInsight(insightInput());
    const est = insight.estimate!;
    expect(insight.anchored).toBe(false);
    // The premise: the central estimate is past the first threshold, its low end is not.
    expect(est.used).toBeGreaterThan(8_000);
    expect(est.low).toBeLessThan(8_000);
    expect(cycleGate(insight)?.used).toBe(est.low);
    expect(cycleAlerts(insight)).toEqual([]);
  });

  it('unanchored, no extra probing near a threshold', () => {
    expect(keyInsight(insightInput()).schedule.kind).not.toBe('threshold');
    expect(keyInsight(insightInput()).schedule.kind).not.toBe('run-out');
  });

  it('anchored by a dashboard reading, its low end past 80 % alerts', () => {
    const insight = keyInsight(insightInput({ dashboard: [{ at: cycleStart + first * HOUR, used: 8_500 }] }));
    expect(insight.anchored).toBe(true);
    // Anchored or not, a threshold counts as crossed when the band's low end is past it
    // (test/cycle/threshold-gate.test.ts).
    expect(cycleGate(insight)?.used).toBe(Math.min(insight.estimate!.low, 10_000));
    const out = cycleAlerts(insight);
    expect(out.length).toBe(1);
    expect(out[0]?.kind).toBe('threshold');
  });

  it('anchored but with a band wider than a tenth of the quota, only its low end may alert', () => {
    // A dashboard reading of 6,200 twelve hours ago, then four quiet readings: the hours between
    // are unknown, so the band is wide and its centre past 80 % while its low end is not.
    const insight = keyInsight(
      insightInput({
        dashboard: [{ at: cycleStart + (first - 12) * HOUR, used: 6_200 }],
        readings: readings(200),
      }),
    );
    const est = insight.estimate!;
    expect(insight.anchored).toBe(true);
    expect(est.high - est.low).toBeGreaterThan(1_000);
    expect(est.used).toBeGreaterThan(8_000);
    expect(est.low).toBeLessThan(8_000);
    expect(cycleGate(insight)?.used).toBe(est.low);
    expect(cycleAlerts(insight)).toEqual([]);
  });
});
