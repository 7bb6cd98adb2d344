// A key's insight at `now` (cycle estimate, forecast, probe schedule) from its runtime state, the
// monitor's own spend, the settings, and the integration's passive calls where they count exactly.
import type { Settings } from '../core/config/settings';
import { keyInsight, type KeyInsight } from '../core/insight/key-insight';
import { activeBlock } from '../core/quota/state';
import type { SpendLedger } from '../probe/spend';
import { spendOf, type KeyEntry } from './key-entry';
import { planOf } from './key-target';
import { applyPassive } from './passive';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The insight, and whether passive readings count the cycle exactly (then no probe is needed). */
export function entryInsight(
  entry: KeyEntry,
  ledger: SpendLedger,
  m: Settings['monitoring'],
  now: number,
): { insight: KeyInsight; exact: boolean } {
  const probes = spendOf(entry, ledger, now);
  return applyPassive(entry.passive, entry.runtime, now, (dashboard) =>
    keyInsight({
      now,
      plan: planOf(entry.config),
      cycle: entry.config.cycle,
      readings: entry.runtime.readings,
      cycleBreaches: entry.runtime.cycleBreaches,
      dashboard,
      probesSent: probes.sent,
      probesBillable: probes.billable,
      lastProbeAt: entry.runtime.lastProbe?.at ?? null,
      blocked: activeBlock(entry.runtime.quota, now),
      budgetShare: m.budgetPercent / 100,
      thresholdsPercent: entry.config.thresholds,
      minIntervalMs: m.minIntervalMinutes * MINUTE,
      maxIntervalMs: m.maxIntervalHours * HOUR,
    }),
  );
}
