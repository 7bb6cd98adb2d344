// The monitor's lifetime probe counts for one key, summed from the spend ledger. The ledger is
// persisted with the runtime state, so these counters survive a restart; it keeps the newest
// MAX_CYCLES cycles per key, so after two years a counter drops once, which Prometheus' rate() and
// increase() read as an ordinary counter reset.
import { PROBE_OUTCOMES, type ProbeOutcome } from '../core/probe-outcomes';
import type { SpendLedger } from '../probe/spend';

/** Outcomes counted as failures: every way a sent probe can end other than a normal answer. */
export const FAILURE_OUTCOMES = PROBE_OUTCOMES.filter(
  (o): o is Exclude<ProbeOutcome, 'ok' | 'deferred'> => o !== 'ok' && o !== 'deferred',
);
export type FailureOutcome = (typeof FAILURE_OUTCOMES)[number];

export interface ProbeTotals {
  /** Probes sent (each may have cost one call of the key's quota). */
  sent: number;
  /** Per failure outcome, zero when none happened (so a first failure shows as an increase). */
  failures: Record<FailureOutcome, number>;
}

export function probeTotals(ledger: SpendLedger, keyId: string): ProbeTotals {
  const failures = Object.fromEntries(FAILURE_OUTCOMES.map((o) => [o, 0])) as Record<FailureOutcome, number>;
  let sent = 0;
  for (const cycle of ledger.keys[keyId]?.cycles ?? []) {
    sent += cycle.sent;
    for (const o of FAILURE_OUTCOMES) failures[o] += cycle.byOutcome[o] ?? 0;
  }
  return { sent, failures };
}
