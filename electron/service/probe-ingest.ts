// Folding one probe answer into a key's runtime state: the last probe, the merged quota
// observation, the window reading and any cycle breach, and the failure count the back-off uses.
import { windowReadingOf } from '../core/cycle/window-reading';
import { mergeObservation } from '../core/quota/state';
import type { ProbeResult } from '../probe/probe';
import type { KeyEntry } from './key-entry';
import { planOf } from './key-target';
import { appendBounded, LIMITS, type KeyRuntime } from './runtime-state';

/** Updates `entry.runtime` and `entry.failures` from the result (the spend ledger is the caller's). */
export function foldProbeResult(entry: KeyEntry, result: ProbeResult, manual: boolean): void {
  const rt = entry.runtime;
  const next: KeyRuntime = {
    ...rt,
    lastProbe: {
      at: result.at,
      outcome: result.outcome,
      message: result.message.slice(0, 500),
      status: result.status,
      latencyMs: result.latencyMs === null ? null : Math.round(result.latencyMs),
      manual,
    },
  };
  if (result.result) {
    next.quota = mergeObservation(rt.quota, result.result, result.at);
    // A 429 on the request window counts as the whole window used (window-reading.ts).
    const hourLimit =
      planOf(entry.config)?.windows.find((w) => w.kind === 'requests-hour' || w.kind === 'requests-minute')
        ?.limit ?? null;
    const reading = windowReadingOf(result.result, result.outcome, result.at, hourLimit);
    if (reading) next.readings = appendBounded(rt.readings, reading, LIMITS.readings);
    if (result.result.blocked?.type === 'api_calls_cycle')
      next.cycleBreaches = appendBounded(rt.cycleBreaches, result.at, LIMITS.breaches);
  }
  if (result.outcome === 'ok') {
    next.lastOkAt = result.at;
    entry.failures = 0;
  } else if (result.outcome !== 'blocked' && result.outcome !== 'deferred') {
    entry.failures += 1;
  }
  entry.runtime = next;
}
