// When a key's next automatic probe goes out: the insight's plan, pushed back while the
// integration's own calls are visible and after failures (doubling back-off).
import type { KeyInsight } from '../core/insight/key-insight';
import { probeAfterPassive } from '../core/passive/counting';
import type { KeyEntry } from './key-entry';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** After a failed probe, wait at least this long (doubling) before the next automatic one. */
const FAILURE_BACKOFF_MS = 5 * MINUTE;

/** The next probe and why; null when none is needed (the tick re-arms when that changes). */
export function nextProbeOf(
  entry: KeyEntry,
  insight: KeyInsight,
  now: number,
  maxIntervalHours: number,
): { at: number; reason: string } | null {
  // An edited secret or connection is checked at once, whatever the budget plan says: the user is
  // waiting to see whether the fix works (one probe, counted like any other).
  if (entry.recheck) return { at: now, reason: 'checking the edited key' };
  const plan = insight.schedule;
  let at = plan.at;
  let reason = plan.reason;
  // While the integration's own answers keep coming, probing would only spend quota; while they
  // count the cycle exactly, no probe is needed at all.
  const passiveAt = probeAfterPassive(at, entry.passive.lastAt(), entry.passiveExact === true);
  if (passiveAt === null) return null;
  if (passiveAt > at) {
    at = passiveAt;
    reason = "the integration's own calls are read through Headroom: no probe needed";
  }
  if (entry.failures > 0) {
    const backoff = Math.min(FAILURE_BACKOFF_MS * 2 ** (entry.failures - 1), maxIntervalHours * HOUR);
    const lastAt = entry.runtime.lastProbe?.at ?? now;
    if (lastAt + backoff > at) {
      at = lastAt + backoff;
      reason = 'retrying after the last check failed';
    }
  }
  return { at, reason };
}
