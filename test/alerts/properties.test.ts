// Properties over random usage timelines, checked against a plain restatement of the rules.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alertRulesSchema } from '../../electron/core/alerts/rules';
import { emptyAlertState } from '../../electron/core/alerts/state';
import { DEFAULT_PREFS } from '../../electron/core/alerts/prefs';
import { cycle, key, MIN, step, T0 } from './support';

const rules = alertRulesSchema.parse({ thresholds: [90], rearmMargin: 5 });

/** The rule as the issue states it: fire on reaching the level, re-arm below level - margin. */
function expectedFires(percents: number[]): number {
  let armed = true;
  let fires = 0;
  for (const p of percents) {
    if (armed && p >= 90) {
      fires++;
      armed = false;
    } else if (!armed && p < 85) {
      armed = true;
    }
  }
  return fires;
}

describe('threshold properties', () => {
  it('fires exactly as often as the once-per-crossing rule says, whatever the timeline', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 60 }), (tenths) => {
        let s = emptyAlertState();
        let sent = 0;
        tenths.forEach((t, i) => {
          const now = T0 + i * MIN;
          const r = step(s, [key({ rules, windows: [cycle(t * 10, now, { source: 'header' })] })], now);
          sent += r.sent.length;
          s = r.state;
        });
        expect(sent).toBe(expectedFires(tenths.map((t) => t / 10)));
      }),
      { numRuns: 200 },
    );
  });

  it('sends at most one notification per evaluation, however many keys cross', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 40 }), (useds) => {
        const inputs = useds.map((u, i) =>
          key({ keyId: `k${i}`, keyName: `Key ${i}`, windows: [cycle(u, T0)] }),
        );
        const r = step(emptyAlertState(), inputs, T0, { prefs: DEFAULT_PREFS });
        const crossing = useds.filter((u) => u >= 8_000).length;
        expect(r.sent.length).toBe(crossing === 0 ? 0 : 1);
        if (crossing > 1) expect(r.sent[0]?.kind).toBe('digest');
      }),
      { numRuns: 100 },
    );
  });
});
