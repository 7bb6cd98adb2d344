// A Startup key (10,000 a cycle) added mid-cycle: monitoring from day 12 at 13:00, four measured hours.
// Shared by the cycle-gate and prompts tests, which judge the same first hours from two sides.
import { evaluate } from '../../electron/core/alerts/engine';
import { DEFAULT_PREFS } from '../../electron/core/alerts/prefs';
import { alertRulesSchema } from '../../electron/core/alerts/rules';
import { emptyAlertState } from '../../electron/core/alerts/state';
import type { AlertMessage } from '../../electron/core/alerts/types';
import { cycleAlertWindow, cycleGate } from '../../electron/core/insight/cycle-gate';
import type { InsightInput, KeyInsight } from '../../electron/core/insight/key-insight';
import { voucherifyPlan } from '../../electron/core/plans/voucherify';
import type { Formatter } from '../../electron/core/view/format';
import type { KeyViewInput } from '../../electron/core/view/key-view';

export const HOUR = 3_600_000;
export const cycleStart = Date.parse('2026-11-01T00:00:00Z');
export const first = 12 * 24 + 13;
export const now = cycleStart + (first + 4) * HOUR;

/** Four whole hours, each read 20 s before its window resets, at `perHour` calls. */
export function readings(perHour: number, limit = 1000) {
  return Array.from({ length: 4 }, (_, i) => {
    const end = cycleStart + (first + i + 1) * HOUR;
    return { observedAt: end - 20_000, limit, remaining: limit - perHour - 1, resetAt: end, periodMs: HOUR };
  });
}

export function insightInput(over: Partial<InsightInput> = {}): InsightInput {
  return {
    now,
    plan: voucherifyPlan('startup'),
    cycle: { renewalDay: 1, timeZone: 'UTC' },
    readings: readings(30),
    cycleBreaches: [],
    dashboard: [],
    probesSent: 4,
    probesBillable: 4,
    lastProbeAt: now - 20_000,
    blocked: null,
    budgetShare: 0.01,
    thresholdsPercent: [80, 90, 100],
    minIntervalMs: 5 * 60_000,
    maxIntervalMs: 12 * HOUR,
    cone: false,
    ...over,
  };
}

/** The cycle alerts the engine sends at `now` for this insight, gated as the service gates them. */
export function cycleAlerts(insight: KeyInsight): AlertMessage[] {
  const window = cycleAlertWindow(insight);
  return evaluate(
    emptyAlertState(),
    [
      {
        keyId: 'k',
        keyName: 'Key',
        windows: window ? [window] : [],
        blocked: null,
        forecast: cycleGate(insight)?.forecast ?? null,
        cycleStart: insight.cycle.start,
        cycleEnd: insight.cycle.end,
        rules: alertRulesSchema.parse({}),
      },
    ],
    now,
    DEFAULT_PREFS,
    { timeZone: 'UTC', locale: 'en-GB' },
  ).outgoing;
}

/** A key view's inputs for a key probed a minute ago with success, 4 of its 100 probes spent. */
export function probedAMinuteAgo(
  fmt: Formatter,
): Pick<
  KeyViewInput,
  | 'history'
  | 'dashboard'
  | 'lastProbe'
  | 'lastOkAt'
  | 'blockedSince'
  | 'monitor'
  | 'probing'
  | 'nextProbe'
  | 'now'
  | 'fmt'
  | 'staleAfterMs'
> {
  return {
    history: [],
    dashboard: [],
    lastProbe: { at: now - 60_000, outcome: 'ok', message: 'ok', status: 200, latencyMs: 80, manual: false },
    lastOkAt: now - 60_000,
    blockedSince: null,
    monitor: { callsThisCycle: 4, budgetCalls: 100 },
    probing: false,
    nextProbe: null,
    now,
    fmt,
    staleAfterMs: 13 * HOUR,
  };
}
