// The AppState every view renders, built from the service's state in one pass. Pure: the caller
// passes everything it reads (including the clock and the revision), so the same inputs give the
// same snapshot.
import { monitoringSummary } from './monitoring-summary';
import type { AlertDeliveryStatus } from '../core/alerts/state';
import type { Snooze } from '../core/alerts/prefs';
import type { Settings } from '../core/config/settings';
import { buildKeyView } from '../core/view/key-view';
import type { Formatter } from '../core/view/format';
import { riskiestKey, worstLineKeyId } from '../core/view/riskiest';
import { worstStatus, STATUS_RANK } from '../core/view/status';
import type { AppState, KeyView } from '../ipc/contract';
import type { SpendLedger } from '../probe/spend';
import { spendOf, type KeyEntry } from './key-entry';
import { planOf } from './key-target';
import type { StorageNotice } from './ports';

const HOUR = 3_600_000;

export interface AppStateInputs {
  entries: Iterable<KeyEntry>;
  settings: Settings;
  ledger: SpendLedger;
  delivery: AlertDeliveryStatus;
  /** Standing notices (storage, vault, demo, refresh alarms); the builder adds the alert ones. */
  notices: readonly StorageNotice[];
  hasNotifier: boolean;
  demo: boolean;
  snooze: Snooze | null;
  fmt: Formatter;
  now: number;
  revision: number;
  /** For each key, the other keys that monitor the same project (key-twins.ts); absent = none. */
  duplicates?: ReadonlyMap<string, readonly { id: string; name: string }[]>;
}

export function buildAppState(input: AppStateInputs): AppState {
  const { now, fmt } = input;
  // A key is stale once it missed its longest planned interval by an hour.
  const staleAfterMs = input.settings.monitoring.maxIntervalHours * HOUR + HOUR;
  const keys: KeyView[] = [...input.entries].map((entry) => {
    const spend = spendOf(entry, input.ledger, now);
    const plan = planOf(entry.config);
    return buildKeyView({
      config: entry.config,
      quota: entry.runtime.quota,
      history: entry.runtime.history,
      dashboard: entry.runtime.dashboard,
      lastProbe: entry.runtime.lastProbe,
      lastOkAt: entry.runtime.lastOkAt,
      blockedSince: entry.runtime.quota.blockedAt,
      plan,
      insight: entry.insight,
      monitor: { callsThisCycle: spend.sent, budgetCalls: entry.insight?.schedule.budget ?? null },
      probing: entry.probing,
      nextProbe: entry.nextProbe,
      now,
      fmt,
      staleAfterMs,
      duplicates: input.duplicates?.get(entry.config.id) ?? [],
    });
  });
  const worst = keys.reduce<KeyView | null>(
    (a, k) => (a === null || STATUS_RANK[k.status] > STATUS_RANK[a.status] ? k : a),
    null,
  );
  const levels = keys.map((k) => k.level).filter((l): l is number => l !== null);
  const delivery = input.delivery;
  const notices = [...input.notices];
  if (delivery.undelivered > 0 && delivery.lastFailure) {
    notices.push({
      id: 'undelivered-alerts',
      level: 'warning',
      text: `${delivery.undelivered} alert${delivery.undelivered === 1 ? '' : 's'} could not be shown as a notification: ${delivery.lastFailure.reason}`,
    });
  }
  if (!input.hasNotifier && input.settings.notifications.enabled) {
    notices.push({
      id: 'no-notifier',
      level: 'info',
      text: 'Desktop notifications are not available here; the tray icon shows every alert.',
    });
  }
  const snooze = input.snooze;
  const snoozeActive = snooze !== null && (snooze.until === null || snooze.until > now);
  const { keys: _keys, schemaVersion: _v, ...settings } = input.settings;
  const worstKeyId = worst && worst.status !== 'ok' ? worst.id : null;
  return {
    revision: input.revision,
    generatedAt: now,
    status: worstStatus(keys.map((k) => k.status)),
    level: levels.length > 0 ? Math.min(...levels) : null,
    worstKeyId,
    riskiest: riskiestKey(keys, worstLineKeyId(keys, worstKeyId)),
    keys,
    demo: input.demo,
    monitoring: monitoringSummary(keys),
    snooze: {
      until: snoozeActive ? snooze.until : null,
      indefinite: snoozeActive && snooze.until === null,
    },
    settings,
    notices,
  };
}
