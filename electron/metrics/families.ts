// The metric families Headroom exposes, with their HELP, and how each is filled from one AppState
// and the monitor's record. Every figure comes from the same view model the popover shows, so a
// dashboard and the popover never disagree. A figure Headroom does not know is absent, never 0.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { AppState, KeyView } from '../core/view/app-state';
import { STATUSES } from '../core/view/status-words';
import type { MonitorRecord } from '../service/service-types';
import { FAILURE_OUTCOMES, probeTotals } from './probe-totals';

/** Labels every series of a key carries. `key` is the name people read; `key_id` keeps two keys of one name apart. */
const KEY = ['key', 'key_id', 'provider'] as const;
const WINDOW = [...KEY, 'window', 'kind', 'source'] as const;

export function createFamilies(registry: Registry) {
  const registers = [registry];
  return {
    windowLimit: new Gauge({
      name: 'headroom_window_limit',
      help: 'Size of a quota window (calls, credits or tokens per window), as read from the provider or its plan (label source).',
      labelNames: WINDOW,
      registers,
    }),
    windowRemaining: new Gauge({
      name: 'headroom_window_remaining',
      help: 'What is left in a quota window; source=estimate when the window has reset since it was last read.',
      labelNames: WINDOW,
      registers,
    }),
    windowReset: new Gauge({
      name: 'headroom_window_reset_timestamp_seconds',
      help: 'When a quota window next resets (Unix time, seconds); absent when the provider does not say.',
      labelNames: WINDOW,
      registers,
    }),
    cycleLimit: new Gauge({
      name: 'headroom_cycle_limit',
      help: "Calls allowed in the billing cycle, from the plan or the user's override (label source).",
      labelNames: [...KEY, 'source'],
      registers,
    }),
    cycleUsed: new Gauge({
      name: 'headroom_cycle_used',
      help: 'Calls used so far this billing cycle: central estimate and its 80 % band (label bound); source=breach when a cycle breach pins it.',
      labelNames: [...KEY, 'bound', 'source'],
      registers,
    }),
    cycleReset: new Gauge({
      name: 'headroom_cycle_reset_timestamp_seconds',
      help: 'When the billing cycle renews (Unix time, seconds).',
      labelNames: KEY,
      registers,
    }),
    runoutProbability: new Gauge({
      name: 'headroom_cycle_runout_probability',
      help: 'Probability (0..1) that the billing-cycle quota runs out before the cycle renews; absent while the forecast lacks data.',
      labelNames: KEY,
      registers,
    }),
    runoutTimestamp: new Gauge({
      name: 'headroom_cycle_runout_timestamp_seconds',
      help: 'When the billing-cycle quota is forecast to run out (Unix time, seconds); absent when the forecast says it lasts.',
      labelNames: KEY,
      registers,
    }),
    safeDailyBudget: new Gauge({
      name: 'headroom_cycle_safe_daily_budget',
      help: 'Calls a day that can be spent from now until the cycle renews without running out.',
      labelNames: KEY,
      registers,
    }),
    probeCalls: new Counter({
      name: 'headroom_probe_calls_total',
      help: "The monitor's own probe calls to the provider (each may cost one call of the quota); kept across restarts.",
      labelNames: KEY,
      registers,
    }),
    probeFailures: new Counter({
      name: 'headroom_probe_failures_total',
      help: "The monitor's probes that did not end in a normal answer, by outcome (blocked = the provider answered 429); kept across restarts.",
      labelNames: [...KEY, 'outcome'],
      registers,
    }),
    keyStatus: new Gauge({
      name: 'headroom_key_status',
      help: "The key's status as the tray shows it: 1 for the current one (ok, warning, critical, blocked, stale, error), 0 for the others.",
      labelNames: [...KEY, 'status'],
      registers,
    }),
    lastObservation: new Gauge({
      name: 'headroom_last_observation_timestamp_seconds',
      help: "When the key's quota was last read from the provider (Unix time, seconds).",
      labelNames: KEY,
      registers,
    }),
  };
}

export type Families = ReturnType<typeof createFamilies>;

/** Replaces every series with the figures of `state` and `record`. Synchronous: no render sees half of it. */
export function fillFamilies(f: Families, state: AppState, record: MonitorRecord): void {
  for (const metric of Object.values(f)) metric.reset();
  for (const key of state.keys) fillKey(f, key, record);
}

function fillKey(f: Families, key: KeyView, record: MonitorRecord): void {
  const base = { key: key.name, key_id: key.id, provider: key.provider };

  for (const w of key.windows) {
    const labels = { ...base, window: w.id, kind: w.kind, source: w.source };
    if (w.limit !== null) f.windowLimit.set(labels, w.limit);
    const remaining =
      w.remaining ?? (w.limit !== null && w.used !== null ? Math.max(0, w.limit - w.used) : null);
    if (remaining !== null) f.windowRemaining.set(labels, remaining);
    if (w.resetAt !== null) f.windowReset.set(labels, w.resetAt / 1000);
  }

  const cycle = key.cycle;
  if (cycle) {
    f.cycleReset.set(base, cycle.end / 1000);
    if (cycle.limit !== null && cycle.limitSource !== 'none')
      f.cycleLimit.set({ ...base, source: cycle.limitSource }, cycle.limit);
    const est = cycle.estimate;
    if (est && est.basis !== 'none') {
      // A dashboard reading anchors the estimate, but the figure includes use since: an estimate.
      const source = est.basis === 'breach' ? 'breach' : 'estimate';
      f.cycleUsed.set({ ...base, bound: 'estimate', source }, est.used);
      f.cycleUsed.set({ ...base, bound: 'low', source }, est.low);
      f.cycleUsed.set({ ...base, bound: 'high', source }, est.high);
    }
    const fc = cycle.forecast;
    if (fc && fc.status === 'ok') {
      if (fc.probabilityRunOut !== null) f.runoutProbability.set(base, fc.probabilityRunOut);
      if (fc.runOutAt !== null) f.runoutTimestamp.set(base, fc.runOutAt / 1000);
      if (fc.safeDailyBudget !== null) f.safeDailyBudget.set(base, fc.safeDailyBudget);
    }
  }

  const totals = probeTotals(record.ledger, key.id);
  f.probeCalls.inc(base, totals.sent);
  for (const outcome of FAILURE_OUTCOMES) f.probeFailures.inc({ ...base, outcome }, totals.failures[outcome]);

  for (const status of STATUSES) f.keyStatus.set({ ...base, status }, status === key.status ? 1 : 0);
  const observed = record.lastObservedAt[key.id] ?? null;
  if (observed !== null) f.lastObservation.set(base, observed / 1000);
}
