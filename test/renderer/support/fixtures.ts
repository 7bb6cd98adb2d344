// Realistic AppState values for component tests: a Voucherify Startup key in the EU region at
// 23 Nov 2026 12:20 UTC, its hourly window observed two minutes earlier, a billing cycle renewing on
// the 1st, a forecast that runs out before renewal. Builders take overrides so each test states the
// one thing it changes.
import type { WindowView } from '../../../electron/core/quota/model';
import type { AppState, CycleView, KeyView } from '../../../electron/ipc/contract';
import { riskiestKey, worstLineKeyId } from '../../../electron/core/view/riskiest';

export const NOW = Date.parse('2026-11-23T12:20:00Z');
export const HOUR_END = Date.parse('2026-11-23T13:00:00Z');
export const CYCLE_START = Date.parse('2026-11-01T00:00:00Z');
export const CYCLE_END = Date.parse('2026-12-01T00:00:00Z');
const DAY = 86_400_000;

export function hourly(over: Partial<WindowView> = {}): WindowView {
  return {
    id: 'api_calls',
    kind: 'requests-hour',
    unit: 'requests',
    label: 'Requests / hour',
    limit: 1000,
    remaining: 643,
    used: 357,
    resetAt: HOUR_END,
    periodMs: 3_600_000,
    observedAt: NOW - 120_000,
    source: 'header',
    flag: null,
    ageMs: 120_000,
    resetSinceObserved: false,
    stale: false,
    exhausted: false,
    ...over,
  };
}

export function planWindow(id: string, kind: WindowView['kind'], label: string, limit: number): WindowView {
  return {
    id,
    kind,
    unit: kind === 'webhooks' ? 'webhooks' : 'requests',
    label,
    limit,
    remaining: null,
    used: null,
    resetAt: null,
    periodMs: kind === 'webhooks' ? DAY : 3_600_000,
    observedAt: NOW,
    source: 'plan',
    flag: null,
    ageMs: 0,
    resetSinceObserved: false,
    stale: false,
    exhausted: false,
  };
}

export function cycle(over: Partial<CycleView> = {}): CycleView {
  const history = Array.from({ length: 23 }, (_, i) => ({
    at: CYCLE_START + (i + 1) * DAY,
    used: Math.round(270 * (i + 1)),
    source: 'estimate' as const,
  }));
  const cone = Array.from({ length: 9 }, (_, i) => {
    const at = NOW + (i * (CYCLE_END - NOW)) / 8;
    const mid = 6200 + ((at - NOW) / DAY) * 300;
    return { at, mid, low: mid - 150 - i * 60, high: mid + 150 + i * 80 };
  });
  return {
    start: CYCLE_START,
    end: CYCLE_END,
    limit: 10_000,
    limitSource: 'plan',
    estimate: {
      at: NOW,
      cycleStart: CYCLE_START,
      cycleEnd: CYCLE_END,
      limit: 10_000,
      used: 6200,
      low: 5900,
      high: 6600,
      monitorCalls: 41,
      basis: 'observed',
    },
    forecast: {
      status: 'ok',
      runOutAt: Date.parse('2026-11-29T10:00:00Z'),
      low: Date.parse('2026-11-27T08:00:00Z'),
      high: Date.parse('2026-12-03T00:00:00Z'),
      probabilityRunOut: 0.72,
      projectedAtCycleEnd: 8200 + 2400,
      safeDailyBudget: 494,
    },
    history,
    cone,
    lastReading: null,
    ...over,
  };
}

export function key(over: Partial<KeyView> = {}): KeyView {
  return {
    id: 'prod-eu',
    name: 'Production EU',
    provider: 'voucherify',
    providerName: 'Voucherify',
    location: 'EU',
    maskedCredentials: 'App ID 3f9a…c21d · token ••••7f2a',
    demo: false,
    planName: 'Startup',
    status: 'warning',
    headline: 'Cycle runs out about 29 Nov',
    level: 0.38,
    windows: [
      hourly(),
      planWindow('bulk_api_calls', 'bulk', 'Bulk requests / hour', 10),
      planWindow('webhook_calls', 'webhooks', 'Webhooks / day', 21_600),
    ],
    cycle: cycle(),
    blocked: null,
    lastProbe: {
      at: NOW - 120_000,
      outcome: 'ok',
      message: 'HTTP 200: 643 of 1,000 requests left this hour',
      status: 200,
      latencyMs: 143,
      manual: false,
    },
    nextProbe: { at: NOW + 14 * 60_000, reason: 'on schedule' },
    probing: false,
    problem: null,
    monitor: { callsThisCycle: 41, budgetCalls: 100 },
    thresholds: [80, 90, 100],
    cycleSettings: { renewalDay: 1, timeZone: 'UTC' },
    plan: { provider: 'voucherify', plan: 'startup' },
    connection: { provider: 'voucherify', region: 'eu', appId: '3f9a2b7c-c21d', clientSide: false },
    ...over,
  };
}

export function appState(over: Partial<AppState> = {}): AppState {
  const keys = over.keys ?? [key()];
  // As the service sets it: the worst key, and null when every key is ok.
  const first = keys[0];
  const worstKeyId =
    over.worstKeyId !== undefined ? over.worstKeyId : first && first.status !== 'ok' ? first.id : null;
  return {
    revision: 1,
    generatedAt: NOW,
    status: keys[0]?.status ?? 'ok',
    level: keys[0]?.level ?? null,
    worstKeyId,
    // The service's choice (core/view/riskiest.ts), as buildAppState makes it.
    riskiest: riskiestKey(keys, worstLineKeyId(keys, worstKeyId)),
    keys,
    demo: false,
    monitoring: { callsThisCycle: 41, budgetCalls: 100, keyName: null },
    snooze: { until: null, indefinite: false },
    settings: {
      monitoring: { budgetPercent: 1, minIntervalMinutes: 5, maxIntervalHours: 12 },
      notifications: {
        enabled: true,
        breach: true,
        predictive: true,
        recovery: true,
        quietHours: { enabled: false, start: '22:00', end: '07:00' },
      },
      theme: 'system',
      launchAtLogin: false,
    },
    notices: [],
    ...over,
  };
}
