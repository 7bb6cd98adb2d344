// A key's insight at `now` (cycle estimate, forecast, probe schedule) from its runtime state, the
// monitor's own spend, the settings, and the integration's passive calls where they count exactly.
import type { Settings } from '../core/config/settings';
import type { RequestWindowReading } from '../core/cycle/estimator';
import { keyInsight, type KeyInsight } from '../core/insight/key-insight';
import type { PassiveLog } from '../core/passive/log';
import { passiveWindowReadings } from '../core/passive/window-readings';
import { activeBlock } from '../core/quota/state';
import type { SpendLedger } from '../probe/spend';
import { spendOf, type KeyEntry } from './key-entry';
import { planOf } from './key-target';
import { applyPassive } from './passive';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

// The log holds up to 150,000 answers and the insight is rebuilt with every state: its windows are
// read again only when answers were added (`total` only grows).
const passiveWindows = new WeakMap<PassiveLog, { total: number; readings: RequestWindowReading[] }>();

function passiveReadingsOf(log: PassiveLog): RequestWindowReading[] {
  const cached = passiveWindows.get(log);
  if (cached && cached.total === log.total) return cached.readings;
  const readings = passiveWindowReadings(log.answers());
  passiveWindows.set(log, { total: log.total, readings });
  return readings;
}

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
      // The probes' readings, and the windows the integration's own answers reported (free).
      readings:
        entry.passive.total > 0
          ? [...entry.runtime.readings, ...passiveReadingsOf(entry.passive)]
          : entry.runtime.readings,
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
