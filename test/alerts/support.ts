// Builders for rule-engine timelines: windows as viewWindows() would present them, and key inputs.
import { evaluate, recordDelivery } from '../../electron/core/alerts/engine';
import type { LocalZone } from '../../electron/core/alerts/local-time';
import { DEFAULT_PREFS, type AlertPrefs } from '../../electron/core/alerts/prefs';
import { DEFAULT_RULES } from '../../electron/core/alerts/rules';
import type { AlertState } from '../../electron/core/alerts/state';
import type { AlertMessage, KeyAlertInput } from '../../electron/core/alerts/types';
import type { Forecast } from '../../electron/core/forecast/types';
import type { WindowView } from '../../electron/core/quota/model';

export const ZONE: LocalZone = { timeZone: 'Europe/Warsaw', locale: 'en-GB' };
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
/** 23 Nov 2026 11:00 UTC = 12:00 in Warsaw. */
export const T0 = Date.UTC(2026, 10, 23, 11, 0);
export const CYCLE_START = Date.UTC(2026, 10, 1) - HOUR; // 1 Nov 00:00 Warsaw
export const CYCLE_END = Date.UTC(2026, 11, 1) - HOUR; // 1 Dec 00:00 Warsaw

/** The hourly window at `now` with `used` of 1,000, resetting at the next full UTC hour. */
export function hourly(used: number, now: number, over: Partial<WindowView> = {}): WindowView {
  const resetAt = Math.floor(now / HOUR) * HOUR + HOUR;
  return {
    id: 'api_calls',
    kind: 'requests-hour',
    unit: 'requests',
    label: 'Requests / hour',
    limit: 1000,
    remaining: 1000 - used,
    used,
    resetAt,
    periodMs: HOUR,
    observedAt: now,
    source: 'header',
    flag: null,
    ageMs: 0,
    resetSinceObserved: false,
    stale: false,
    exhausted: false,
    ...over,
  };
}

export function cycle(used: number | null, now: number, over: Partial<WindowView> = {}): WindowView {
  return {
    id: 'api_calls_cycle',
    kind: 'billing-cycle',
    unit: 'requests',
    label: 'Billing cycle',
    limit: 10_000,
    remaining: used === null ? null : 10_000 - used,
    used,
    resetAt: null,
    periodMs: null,
    observedAt: now,
    source: 'estimate',
    flag: null,
    ageMs: 0,
    resetSinceObserved: false,
    stale: false,
    exhausted: false,
    ...over,
  };
}

export function key(over: Partial<KeyAlertInput> & { windows: WindowView[] }): KeyAlertInput {
  return {
    keyId: 'shop',
    keyName: 'Shop API',
    blocked: null,
    forecast: null,
    cycleStart: CYCLE_START,
    cycleEnd: CYCLE_END,
    rules: DEFAULT_RULES,
    ...over,
  };
}

export function forecast(over: Partial<Forecast>): Forecast {
  return {
    status: 'ok',
    runOutAt: null,
    low: null,
    high: null,
    probabilityRunOut: 0,
    projectedAtCycleEnd: null,
    safeDailyBudget: null,
    ...over,
  };
}

/**
 * Evaluates at `now` and reports every outgoing message as delivered with `ok` (the app's round
 * trip, without a desktop). Returns the new state and what went out.
 */
export function step(
  state: AlertState,
  inputs: KeyAlertInput[],
  now: number,
  opts: { prefs?: AlertPrefs; deliver?: 'ok' | 'fail' | 'lost' } = {},
): { state: AlertState; sent: AlertMessage[] } {
  const r = evaluate(state, inputs, now, opts.prefs ?? DEFAULT_PREFS, ZONE);
  const deliver = opts.deliver ?? 'ok';
  if (deliver === 'lost' || r.outgoing.length === 0) return { state: r.state, sent: r.outgoing };
  const outcome =
    deliver === 'ok' ? ({ ok: true } as const) : ({ ok: false, reason: 'daemon gone' } as const);
  return {
    state: recordDelivery(
      r.state,
      r.outgoing.map((m) => m.id),
      outcome,
      now,
    ),
    sent: r.outgoing,
  };
}
