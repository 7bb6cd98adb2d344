// A key's usage history as refreshes go by: the cycle estimate recorded when it is news, the cycle
// archived at renewal (with the forecast and the alerts sent noted), and the History view of it all.
import { noteAlerts } from '../core/history/archive';
import { rollHistory } from '../core/history/roll';
import { keyHistory, type KeyHistoryView } from '../core/history/summary';
import type { KeyInsight } from '../core/insight/key-insight';
import { spendAt, type SpendLedger } from '../probe/spend';
import type { KeyEntry } from './key-entry';
import { appendBounded, LIMITS, type HistoryPoint } from './runtime-state';

const HOUR = 3_600_000;

/** Archives the cycle that just ended (at renewal); true when something was archived (worth a save). */
export function rollEntryHistory(entry: KeyEntry, ledger: SpendLedger, now: number): boolean {
  const insight = entry.insight;
  if (!insight) return false;
  const rolled = rollHistory({
    now,
    cycle: insight.cycle,
    timeZone: entry.config.cycle.timeZone,
    limit: insight.cycleLimit,
    state: entry.runtime,
    probesIn: (cycle) => spendAt(ledger, entry.config.id, cycle),
    used: insight.estimate && insight.estimate.basis !== 'none' ? insight.estimate.used : null,
    forecast: insight.forecast,
  });
  if (rolled.archive !== entry.runtime.archive || rolled.tracker !== entry.runtime.tracker)
    entry.runtime = { ...entry.runtime, archive: rolled.archive, tracker: rolled.tracker };
  return Boolean(rolled.archived);
}

/**
 * Appends the insight's cycle estimate to the key's history when it is news: a probe or the user
 * just spoke, or the last point is over an hour old (so the chart keeps moving without bloating).
 */
export function recordEstimate(entry: KeyEntry, source: HistoryPoint['source'], now: number): void {
  const est = entry.insight?.estimate;
  if (
    est &&
    est.basis !== 'none' &&
    (source !== 'estimate' || entry.runtime.lastProbe?.at === now || historyStale(entry, now))
  ) {
    const point: HistoryPoint = {
      at: now,
      used: est.used,
      low: est.low,
      high: est.high,
      source: est.basis === 'dashboard' && source === 'user' ? 'user' : source,
    };
    entry.runtime = {
      ...entry.runtime,
      history: appendBounded(entry.runtime.history, point, LIMITS.history),
    };
  }
}

function historyStale(entry: KeyEntry, now: number): boolean {
  const last = entry.runtime.history.at(-1);
  return !last || now - last.at > HOUR;
}

/** Counts alerts delivered for the key in the current cycle's record. */
export function noteAlertsSent(entry: KeyEntry, sent: number): void {
  if (sent > 0 && entry.runtime.tracker)
    entry.runtime = { ...entry.runtime, tracker: noteAlerts(entry.runtime.tracker, sent) };
}

/** The History view: archived cycles plus the current one when there is an estimate of it. */
export function historyViewOf(entry: KeyEntry, insight: KeyInsight, now: number): KeyHistoryView {
  const est = insight.estimate;
  return keyHistory({
    keyId: entry.config.id,
    keyName: entry.config.name,
    limit: insight.cycleLimit,
    archive: entry.runtime.archive,
    timeZone: entry.config.cycle.timeZone,
    now,
    current: est && est.basis !== 'none' ? { ...insight.cycle, used: est.used } : null,
  });
}
