// The header's risk line is chosen in the core (electron/core/view/riskiest.ts) from the key views,
// not by matching text in the renderer: the riskiest key from a 20 % chance, unless the worst-key line
// above it already ends with that same risk.
import { describe, expect, it } from 'vitest';
import { keyConfigSchema } from '../../electron/core/config/settings';
import type { Forecast } from '../../electron/core/forecast/types';
import { keyInsight } from '../../electron/core/insight/key-insight';
import { resolvePlan } from '../../electron/core/plans/catalog';
import { EMPTY_STATE } from '../../electron/core/quota/state';
import { makeFormatter } from '../../electron/core/view/format';
import { buildKeyView } from '../../electron/core/view/key-view';
import { riskiestKey, worstLineKeyId } from '../../electron/core/view/riskiest';
import { HOUR, insightInput, now, probedAMinuteAgo } from '../insight/mid-cycle-fixture';

const fmt = makeFormatter('en-GB', 'UTC');

const forecast = (p: number): Forecast => ({
  status: 'ok',
  runOutAt: null,
  low: Date.parse('2026-11-27T10:00:00Z'),
  high: Date.parse('2026-11-29T10:00:00Z'),
  probabilityRunOut: p,
  projectedAtCycleEnd: 9_600,
  safeDailyBudget: 300,
});

/** A Startup key with a dashboard reading (so the cycle is anchored) and the given run-out chance;
 *  `hourLeft` sets the hourly window, which becomes the headline when it is the tighter one. */
function keyView(id: string, p: number, hourLeft = 600) {
  const config = keyConfigSchema.parse({
    id: `key-${id}`,
    name: `Key ${id}`,
    connection: { provider: 'voucherify', region: 'eu', appId: `app-${id}`, clientSide: false },
    plan: { provider: 'voucherify', plan: 'startup' },
    createdAt: 1,
  });
  const plan = resolvePlan(config.plan);
  const base = keyInsight(insightInput({ plan, dashboard: [{ at: now - 30_000, used: 6_000 }] }));
  return buildKeyView({
    config,
    quota: {
      ...EMPTY_STATE,
      windows: {
        api_calls: {
          id: 'api_calls',
          kind: 'requests-hour',
          unit: 'requests',
          label: 'Requests / hour',
          limit: 1000,
          remaining: hourLeft,
          used: 1000 - hourLeft,
          resetAt: now + 20 * 60_000,
          periodMs: HOUR,
          observedAt: now - 60_000,
          source: 'header',
          flag: null,
        },
      },
      lastObservedAt: now - 60_000,
    },
    plan,
    insight: { ...base, forecast: forecast(p) },
    ...probedAMinuteAgo(fmt),
  });
}

describe('the riskiest key for the header (core/view/riskiest.ts)', () => {
  it('is null when the one key’s headline, on the worst-key line, already ends with its risk', () => {
    const k = keyView('a', 0.39);
    expect(k.headline).toMatch(/39% chance to run out/);
    expect(k.headlineTellsRisk).toBe(true);
    expect(riskiestKey([k], worstLineKeyId([k], null))).toBeNull();
  });

  it('names the key when its headline is about another window (the hourly one is tighter)', () => {
    const k = keyView('a', 0.39, 50);
    expect(k.headline).toMatch(/^Requests \/ hour: 50 of 1,000 left/);
    expect(k.headlineTellsRisk).toBe(false);
    expect(riskiestKey([k], worstLineKeyId([k], k.id))).toEqual({
      keyId: 'key-a',
      name: 'Key a',
      probability: 0.39,
      low: Date.parse('2026-11-27T10:00:00Z'),
      high: Date.parse('2026-11-29T10:00:00Z'),
      text: '39% chance to run out, between 27 Nov and 29 Nov',
    });
  });

  it('picks the highest chance among the keys, even when the worst-key line tells another key’s risk', () => {
    const worst = keyView('a', 0.39);
    const riskier = keyView('b', 0.61);
    const calm = keyView('c', 0.05);
    expect(calm.risk).toBeNull();
    const keys = [calm, worst, riskier];
    expect(riskiestKey(keys, worstLineKeyId(keys, 'key-a'))).toMatchObject({
      keyId: 'key-b',
      probability: 0.61,
    });
  });

  it('names a key whose headline tells its risk when that headline is not on the worst-key line', () => {
    const a = keyView('a', 0.39);
    const b = keyView('b', 0.05);
    // Two keys, all well: the popover shows no worst-key line, so the risk needs its own.
    expect(worstLineKeyId([a, b], null)).toBeNull();
    expect(riskiestKey([a, b], null)).toMatchObject({ keyId: 'key-a' });
  });

  it('is null when no key reaches a 20 % chance', () => {
    const keys = [keyView('a', 0.19), keyView('b', 0.04)];
    expect(riskiestKey(keys, worstLineKeyId(keys, null))).toBeNull();
  });
});
