// AppState and KeyView builders for the tray, menu and tooltip tests.
import type { AppState, KeyView } from '../../electron/ipc/contract';
import type { WindowView } from '../../electron/core/quota/model';
import { defaultSettings } from '../../electron/core/config/settings';

export const NOW = Date.parse('2026-11-23T12:20:00Z');

export function windowView(over: Partial<WindowView> = {}): WindowView {
  return {
    id: 'api_calls',
    kind: 'requests-hour',
    unit: 'requests',
    label: 'Requests / hour',
    limit: 1000,
    remaining: 420,
    used: 580,
    resetAt: Date.parse('2026-11-23T13:00:00Z'),
    periodMs: 3_600_000,
    observedAt: NOW - 60_000,
    source: 'header',
    flag: null,
    ageMs: 60_000,
    resetSinceObserved: false,
    stale: false,
    exhausted: false,
    ...over,
  };
}

export function keyView(over: Partial<KeyView> = {}): KeyView {
  return {
    id: 'prod-eu',
    name: 'Production EU',
    provider: 'voucherify',
    providerName: 'Voucherify',
    location: 'EU (api.voucherify.io)',
    maskedCredentials: 'App ID 3f9a…c21d · token ••••7f2a',
    demo: false,
    planName: 'Startup',
    status: 'ok',
    headline: 'Hourly 42% left, resets 13:00',
    level: 0.42,
    windows: [
      windowView(),
      windowView({
        id: 'bulk_api_calls',
        kind: 'bulk',
        label: 'Bulk requests / hour',
        limit: 10,
        remaining: null,
        used: null,
        resetAt: null,
        source: 'plan',
      }),
    ],
    cycle: {
      start: Date.parse('2026-11-01T00:00:00Z'),
      end: Date.parse('2026-12-01T00:00:00Z'),
      limit: 10_000,
      limitSource: 'plan',
      estimate: {
        at: NOW,
        cycleStart: Date.parse('2026-11-01T00:00:00Z'),
        cycleEnd: Date.parse('2026-12-01T00:00:00Z'),
        limit: 10_000,
        used: 3_800,
        low: 3_500,
        high: 4_100,
        monitorCalls: 40,
        basis: 'observed',
      },
      forecast: {
        status: 'ok',
        runOutAt: Date.parse('2026-11-28T09:00:00Z'),
        low: Date.parse('2026-11-27T00:00:00Z'),
        high: Date.parse('2026-11-30T00:00:00Z'),
        probabilityRunOut: 0.64,
        projectedAtCycleEnd: 12_000,
        safeDailyBudget: 800,
      },
      history: [],
      cone: [],
      lastReading: null,
    },
    blocked: null,
    lastProbe: {
      at: NOW - 300_000,
      outcome: 'ok',
      message: 'OK',
      status: 200,
      latencyMs: 120,
      manual: false,
    },
    nextProbe: { at: Date.parse('2026-11-23T12:35:00Z'), reason: 'schedule' },
    probing: false,
    problem: null,
    monitor: { callsThisCycle: 40, budgetCalls: 100 },
    thresholds: [80, 90, 100],
    cycleSettings: { renewalDay: 1, timeZone: 'UTC' },
    plan: { provider: 'voucherify', plan: 'startup' },
    connection: { provider: 'voucherify', region: 'eu', appId: '3f9a-c21d', clientSide: false },
    ...over,
  };
}

export function appState(keys: KeyView[], over: Partial<AppState> = {}): AppState {
  const { keys: _k, schemaVersion: _v, ...settings } = defaultSettings();
  return {
    revision: 1,
    generatedAt: NOW,
    status: keys[0]?.status ?? 'ok',
    level: keys[0]?.level ?? null,
    worstKeyId: keys[0]?.id ?? null,
    riskiest: null,
    keys,
    demo: false,
    monitoring: { callsThisCycle: 40, budgetCalls: 100, keyName: null },
    snooze: { until: null, indefinite: false },
    settings,
    notices: [],
    ...over,
  };
}
