// One monitored key as the service holds it in memory: its config, its persisted runtime state, the
// insight last computed from them, and the timers and probe bookkeeping that never leave the process.
import type { KeyConfig } from '../core/config/settings';
import { cycleBounds } from '../core/cycle/bounds';
import type { KeyInsight } from '../core/insight/key-insight';
import { PassiveLog } from '../core/passive/log';
import { spendAt, type CycleSpend, type SpendLedger } from '../probe/spend';
import type { KeyRuntime } from './runtime-state';

export interface KeyEntry {
  config: KeyConfig;
  runtime: KeyRuntime;
  insight: KeyInsight | null;
  timer: unknown;
  nextProbe: { at: number; reason: string } | null;
  probing: boolean;
  inFlight: Promise<void> | null;
  failures: number;
  /** Secret held in memory for the demo key only (never written anywhere). */
  demoSecret?: string;
  /** The integration's own calls, seen through the proxy or the ingest endpoint (in memory). */
  passive: PassiveLog;
  passiveRefresh?: unknown;
  /** The cycle figure is counted exactly from passive readings: no probe is needed. */
  passiveExact?: boolean;
  /** The user changed the secret or connection: check the key at once (cleared by the next probe). */
  recheck?: boolean;
}

/** A fresh entry: nothing probed or scheduled yet in this process. */
export function newKeyEntry(
  config: KeyConfig,
  runtime: KeyRuntime,
  now: number,
  demoSecret?: string,
): KeyEntry {
  return {
    config,
    runtime,
    insight: null,
    timer: null,
    nextProbe: null,
    probing: false,
    inFlight: null,
    failures: 0,
    passive: new PassiveLog(now),
    ...(demoSecret ? { demoSecret } : {}),
  };
}

/** The monitor's probes for the key in the billing cycle that contains `now`. */
export function spendOf(entry: KeyEntry, ledger: SpendLedger, now: number): CycleSpend {
  const known = entry.insight?.cycle;
  const cycle = known && known.start <= now && now < known.end ? known : cycleBounds(entry.config.cycle, now);
  return spendAt(ledger, entry.config.id, cycle);
}

/** Whether an edit changes what a probe would send: a new secret, or another host, path or auth. */
export function editNeedsRecheck(before: KeyConfig, after: KeyConfig, newSecret: boolean): boolean {
  return newSecret || JSON.stringify(before.connection) !== JSON.stringify(after.connection);
}
