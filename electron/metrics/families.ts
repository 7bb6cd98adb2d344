// The metric families Headroom exposes, with their HELP, and how each is filled from one AppState
// and the monitor's record. Every figure comes from the same view model the popover shows, so a
// dashboard and the popover never disagree. A figure Headroom does not know is absent, never 0.
import type { Registry } from 'prom-client';
import type { AppState, KeyView } from '../core/view/app-state';
import { STATUSES } from '../core/view/status-words';
import type { MonitorRecord } from '../service/service-types';
import { FAILURE_OUTCOMES, probeTotals } from './probe-totals';
import { SnapshotFamily, type Labels } from './snapshot-family';

/** Labels every series of a key carries. `key` is the name people read; `key_id` keeps two keys of one name apart. */
export const KEY_LABELS = ['key', 'key_id', 'provider'] as const;
const WINDOW = ['window', 'kind', 'source'] as const;

export function createFamilies(registry: Registry) {
  const family = (name: string, type: 'gauge' | 'counter', labelNames: readonly string[], help: string) =>
    new SnapshotFamily(registry, name, help, type, labelNames);
  return {
    windowLimit: family(
      'headroom_window_limit',
      'gauge',
      WINDOW,
      'Size of a quota window (calls, credits or tokens per window), as read from the provider or its plan (label source).',
    ),
    windowRemaining: family(
      'headroom_window_remaining',
      'gauge',
      WINDOW,
      'What is left in a quota window; source=estimate when the window has reset since it was last read.',
    ),
    windowReset: family(
      'headroom_window_reset_timestamp_seconds',
      'gauge',
      WINDOW,
      'When a quota window next resets (Unix time, seconds); absent when the provider does not say.',
    ),
    cycleLimit: family(
      'headroom_cycle_limit',
      'gauge',
      ['source'],
      "Calls allowed in the billing cycle, from the plan or the user's override (label source).",
    ),
    cycleUsed: family(
      'headroom_cycle_used',
      'gauge',
      ['bound', 'source'],
      'Calls used so far this billing cycle: central estimate and its 80 % band (label bound); source=breach when a cycle breach pins it.',
    ),
    cycleReset: family(
      'headroom_cycle_reset_timestamp_seconds',
      'gauge',
      [],
      'When the billing cycle renews (Unix time, seconds).',
    ),
    runoutProbability: family(
      'headroom_cycle_runout_probability',
      'gauge',
      [],
      'Probability (0..1) that the billing-cycle quota runs out before the cycle renews; absent while the forecast lacks data.',
    ),
    runoutTimestamp: family(
      'headroom_cycle_runout_timestamp_seconds',
      'gauge',
      [],
      'When the billing-cycle quota is forecast to run out (Unix time, seconds); absent when the forecast says it lasts.',
    ),
    safeDailyBudget: family(
      'headroom_cycle_safe_daily_budget',
      'gauge',
      [],
      'Calls a day that can be spent from now until the cycle renews without running out.',
    ),
    probeCalls: family(
      'headroom_probe_calls_total',
      'counter',
      [],
      "The monitor's own probe calls to the provider (each may cost one call of the quota); kept across restarts.",
    ),
    passiveCalls: family(
      'headroom_passive_calls_total',
      'counter',
      [],
      "The integration's own calls Headroom saw through its forwarding proxy or the ingest endpoint (they cost the monitor nothing); counted since serve started.",
    ),
    probeFailures: family(
      'headroom_probe_failures_total',
      'counter',
      ['outcome'],
      "The monitor's probes that did not end in a normal answer, by outcome (blocked = the provider answered 429); kept across restarts.",
    ),
    keyStatus: family(
      'headroom_key_status',
      'gauge',
      ['status'],
      "The key's status as the tray shows it: 1 for the current one (ok, warning, critical, blocked, stale, error), 0 for the others.",
    ),
    lastObservation: family(
      'headroom_last_observation_timestamp_seconds',
      'gauge',
      [],
      "When the key's quota was last read from the provider (Unix time, seconds).",
    ),
  };
}

export type Families = ReturnType<typeof createFamilies>;

/** The per-key label objects, kept while a key's name and provider stay the same (see SnapshotFamily). */
export class KeyLabels {
  private readonly byId = new Map<string, Labels>();

  of(key: Pick<KeyView, 'id' | 'name' | 'provider'>): Labels {
    const known = this.byId.get(key.id);
    if (known && known.key === key.name && known.provider === key.provider) return known;
    const labels = Object.freeze({ key: key.name, key_id: key.id, provider: key.provider });
    this.byId.set(key.id, labels);
    return labels;
  }

  /** Forgets keys no longer present, so a long-running server does not keep deleted ones. */
  keepOnly(ids: ReadonlySet<string>): void {
    for (const id of this.byId.keys()) if (!ids.has(id)) this.byId.delete(id);
  }
}

const NONE: Labels = Object.freeze({});
const STATUS_LABELS = new Map(STATUSES.map((s) => [s, Object.freeze({ status: s })]));
const OUTCOME_LABELS = new Map(FAILURE_OUTCOMES.map((o) => [o, Object.freeze({ outcome: o })]));
const BOUND_LABELS = {
  breach: ['estimate', 'low', 'high'].map((bound) => Object.freeze({ bound, source: 'breach' })),
  estimate: ['estimate', 'low', 'high'].map((bound) => Object.freeze({ bound, source: 'estimate' })),
};

/** Replaces every series with the figures of `state` and `record`. Synchronous: no render sees half of it. */
export function fillFamilies(f: Families, labels: KeyLabels, state: AppState, record: MonitorRecord): void {
  for (const family of Object.values(f)) family.reset();
  for (const key of state.keys) fillKey(f, labels.of(key), key, record);
  labels.keepOnly(new Set(state.keys.map((k) => k.id)));
}

function fillKey(f: Families, base: Labels, key: KeyView, record: MonitorRecord): void {
  for (const w of key.windows) {
    const labels = { window: w.id, kind: w.kind, source: w.source };
    if (w.limit !== null) f.windowLimit.add(base, labels, w.limit);
    const remaining =
      w.remaining ?? (w.limit !== null && w.used !== null ? Math.max(0, w.limit - w.used) : null);
    if (remaining !== null) f.windowRemaining.add(base, labels, remaining);
    if (w.resetAt !== null) f.windowReset.add(base, labels, w.resetAt / 1000);
  }

  const cycle = key.cycle;
  if (cycle) {
    f.cycleReset.add(base, NONE, cycle.end / 1000);
    if (cycle.limit !== null && cycle.limitSource !== 'none')
      f.cycleLimit.add(base, { source: cycle.limitSource }, cycle.limit);
    const est = cycle.estimate;
    if (est && est.basis !== 'none') {
      // A dashboard reading anchors the estimate, but the figure includes use since: an estimate.
      const [central, low, high] = BOUND_LABELS[est.basis === 'breach' ? 'breach' : 'estimate'];
      f.cycleUsed.add(base, central as Labels, est.used);
      f.cycleUsed.add(base, low as Labels, est.low);
      f.cycleUsed.add(base, high as Labels, est.high);
    }
    const fc = cycle.forecast;
    if (fc && fc.status === 'ok') {
      if (fc.probabilityRunOut !== null) f.runoutProbability.add(base, NONE, fc.probabilityRunOut);
      if (fc.runOutAt !== null) f.runoutTimestamp.add(base, NONE, fc.runOutAt / 1000);
      if (fc.safeDailyBudget !== null) f.safeDailyBudget.add(base, NONE, fc.safeDailyBudget);
    }
  }

  const totals = probeTotals(record.ledger, key.id);
  f.probeCalls.add(base, NONE, totals.sent);
  const passive = record.passiveCalls[key.id];
  if (passive !== undefined) f.passiveCalls.add(base, NONE, passive);
  for (const outcome of FAILURE_OUTCOMES)
    f.probeFailures.add(base, OUTCOME_LABELS.get(outcome) as Labels, totals.failures[outcome]);

  for (const status of STATUSES)
    f.keyStatus.add(base, STATUS_LABELS.get(status) as Labels, status === key.status ? 1 : 0);
  const observed = record.lastObservedAt[key.id] ?? null;
  if (observed !== null) f.lastObservation.add(base, NONE, observed / 1000);
}
