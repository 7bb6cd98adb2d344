// The service's persisted runtime state: per key, what probes observed (bounded), dashboard readings,
// breaches and the cycle-usage history; the monitor's spend ledger; the alert state; the snooze.
// Validated on load: a file that does not fit is replaced by a fresh state with a notice, never trusted.
import { z } from 'zod';
import { snoozeSchema } from '../core/alerts/prefs';
import { blockedSchema, quotaWindowSchema } from '../core/quota/model';
import type { KeyQuotaState } from '../core/quota/state';
import { EMPTY_STATE } from '../core/quota/state';
import { PROBE_OUTCOMES } from '../core/probe-outcomes';
import { ARCHIVE_MAX, cycleRecordSchema, cycleTrackerSchema } from '../core/history/archive';
import { emptyLedger, spendLedgerSchema } from '../probe/spend';

export const RUNTIME_VERSION = 1;

/**
 * Bounds that keep the file small whatever the uptime (readings: two cycles of Professional's 1 %
 * budget). Within the state repository's own cap (STATE_BOUNDS in core/config/bounded).
 */
export const LIMITS = {
  readings: 2_000,
  breaches: 50,
  dashboard: 50,
  history: 600,
} as const;

const epochMs = z.number().finite();

const quotaStateSchema = z.object({
  windows: z.record(z.string(), quotaWindowSchema),
  blocked: blockedSchema.nullable(),
  blockedAt: epochMs.nullable(),
  lastObservedAt: epochMs.nullable(),
  clockSkewMs: z.number().finite().nullable(),
}) satisfies z.ZodType<KeyQuotaState>;

/** One reading of the request window, as the cycle estimator takes it. */
export const windowReadingSchema = z.object({
  observedAt: epochMs,
  limit: z.number().finite().nonnegative().nullable(),
  remaining: z.number().finite().nonnegative().nullable(),
  resetAt: epochMs.nullable(),
  periodMs: z.number().finite().positive().nullable(),
  /** False for a reading that Headroom's own call did not count (a refused probe). */
  monitor: z.boolean().optional(),
});
export type WindowReading = z.infer<typeof windowReadingSchema>;

export const probeSummarySchema = z.object({
  at: epochMs,
  outcome: z.enum(PROBE_OUTCOMES),
  message: z.string().max(500),
  status: z.number().int().nullable(),
  latencyMs: z.number().finite().nonnegative().nullable(),
  manual: z.boolean(),
});

export const historyPointSchema = z.object({
  at: epochMs,
  used: z.number().finite().nonnegative(),
  low: z.number().finite().nonnegative(),
  high: z.number().finite().nonnegative(),
  source: z.enum(['estimate', 'user', 'breach']),
});
export type HistoryPoint = z.infer<typeof historyPointSchema>;

export const keyRuntimeSchema = z.object({
  quota: quotaStateSchema,
  readings: z.array(windowReadingSchema).max(LIMITS.readings),
  cycleBreaches: z.array(epochMs).max(LIMITS.breaches),
  dashboard: z
    .array(z.object({ at: epochMs, used: z.number().finite().nonnegative() }))
    .max(LIMITS.dashboard),
  history: z.array(historyPointSchema).max(LIMITS.history),
  lastProbe: probeSummarySchema.nullable(),
  lastOkAt: epochMs.nullable(),
  /** Finished cycles, oldest first (issue 15); absent in files written before it. */
  archive: z.array(cycleRecordSchema).max(ARCHIVE_MAX).default([]),
  /** The current cycle's notes for its archive record (forecast checkpoints, alerts sent). */
  tracker: cycleTrackerSchema.nullable().default(null),
});
export type KeyRuntime = z.infer<typeof keyRuntimeSchema>;

export const runtimeStateSchema = z.object({
  version: z.literal(RUNTIME_VERSION),
  keys: z.record(z.string(), keyRuntimeSchema),
  ledger: spendLedgerSchema,
  /** The alert engine's own state; parsed by parseAlertState (it has its own version). */
  alerts: z.unknown(),
  snooze: snoozeSchema.nullable(),
});
export type RuntimeState = z.infer<typeof runtimeStateSchema>;

export function emptyKeyRuntime(): KeyRuntime {
  return {
    quota: EMPTY_STATE,
    readings: [],
    cycleBreaches: [],
    dashboard: [],
    history: [],
    lastProbe: null,
    lastOkAt: null,
    archive: [],
    tracker: null,
  };
}

export function emptyRuntime(): RuntimeState {
  return { version: RUNTIME_VERSION, keys: {}, ledger: emptyLedger(), alerts: null, snooze: null };
}

/** Reads a stored runtime state; a missing one is fresh, an invalid one is fresh with the reason. */
export function readRuntime(raw: unknown): { state: RuntimeState; problem: string | null } {
  if (raw === null || raw === undefined) return { state: emptyRuntime(), problem: null };
  const parsed = runtimeStateSchema.safeParse(raw);
  if (parsed.success) return { state: parsed.data, problem: null };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.slice(0, 4).join('.')}: ` : '';
  return { state: emptyRuntime(), problem: `${where}${issue?.message ?? 'invalid'}` };
}

/** Appends and keeps the newest `max` items, in time order. */
export function appendBounded<T>(list: readonly T[], item: T, max: number): T[] {
  const next = [...list, item];
  return next.length > max ? next.slice(next.length - max) : next;
}
