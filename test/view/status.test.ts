// How bad a key looks: the rules behind the tray icon's colour and the card's chip.
import { describe, expect, it } from 'vitest';
import type { Forecast } from '../../electron/core/forecast/types';
import type { WindowView } from '../../electron/core/quota/model';
import { keyStatus, worstStatus, type StatusInput } from '../../electron/core/view/status';

const now = Date.parse('2026-11-23T12:00:00Z');
const DAY = 86_400_000;

function win(used: number, limit = 1000, over: Partial<WindowView> = {}): WindowView {
  return {
    id: 'api_calls',
    kind: 'requests-hour',
    unit: 'requests',
    label: 'Requests / hour',
    limit,
    remaining: limit - used,
    used,
    resetAt: now + 600_000,
    periodMs: 3_600_000,
    observedAt: now - 60_000,
    source: 'header',
    flag: null,
    ageMs: 60_000,
    resetSinceObserved: false,
    stale: false,
    exhausted: false,
    ...over,
  };
}

function input(over: Partial<StatusInput>): StatusInput {
  return {
    now,
    blocked: false,
    lastOutcome: 'ok',
    lastFailedAfterOk: false,
    windows: [win(100)],
    cycleUsedFraction: null,
    forecast: null,
    thresholdsPercent: [80, 90, 100],
    lastOkAt: now - 60_000,
    staleAfterMs: 13 * 3_600_000,
    ...over,
  };
}

const likely = (runOutAt: number): Forecast => ({
  status: 'ok',
  runOutAt,
  low: runOutAt - DAY,
  high: null,
  probabilityRunOut: 0.7,
  projectedAtCycleEnd: 12_000,
  safeDailyBudget: 100,
});

describe('key status', () => {
  it('is ok with room left, and reports the share left of the tightest window', () => {
    expect(keyStatus(input({}))).toEqual({ status: 'ok', level: 0.9, tightest: 'api_calls' });
  });

  it('warns at the first threshold and is critical at the last one below 100 %', () => {
    expect(keyStatus(input({ windows: [win(800)] })).status).toBe('warning');
    expect(keyStatus(input({ windows: [win(905)] })).status).toBe('critical');
    expect(keyStatus(input({ windows: [win(600)], thresholdsPercent: [50, 75] })).status).toBe('warning');
  });

  it('counts the billing cycle as a window, and a likely run-out as a warning (critical within two days)', () => {
    expect(keyStatus(input({ cycleUsedFraction: 0.85 }))).toMatchObject({
      status: 'warning',
      tightest: 'cycle',
    });
    expect(keyStatus(input({ forecast: likely(now + 10 * DAY) })).status).toBe('warning');
    expect(keyStatus(input({ forecast: likely(now + DAY) })).status).toBe('critical');
  });

  it('ignores figures that are only the plan (nothing is known of their use)', () => {
    const plan = win(0, 10, { id: 'bulk_api_calls', source: 'plan', remaining: null, used: null });
    expect(keyStatus(input({ windows: [win(100), plan] })).tightest).toBe('api_calls');
  });

  it('is blocked while a block stands, and an error when the last probe failed after the last success', () => {
    expect(keyStatus(input({ blocked: true }))).toMatchObject({ status: 'blocked', level: 0 });
    expect(keyStatus(input({ lastOutcome: 'unauthorized', lastFailedAfterOk: true })).status).toBe('error');
    expect(keyStatus(input({ lastOutcome: 'timeout', lastFailedAfterOk: false })).status).toBe('ok');
  });

  it('is stale when nothing fresh has been seen', () => {
    expect(keyStatus(input({ lastOkAt: null, windows: [] })).status).toBe('stale');
    expect(keyStatus(input({ lastOkAt: now - 14 * 3_600_000 })).status).toBe('stale');
  });

  it('ranks the worst of several keys: blocked, critical, error, warning, stale, ok', () => {
    expect(worstStatus(['ok', 'stale', 'warning'])).toBe('warning');
    expect(worstStatus(['error', 'critical'])).toBe('critical');
    expect(worstStatus(['critical', 'blocked', 'error'])).toBe('blocked');
    expect(worstStatus([])).toBe('ok');
  });
});
