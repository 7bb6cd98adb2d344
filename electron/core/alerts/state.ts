// What the alert engine remembers between runs, persisted so a restart does not re-fire anything.
// Small and bounded: per key, one record per (window, threshold level), at most one breach, one
// predictive and one recovery record. Versioned; a file that does not parse is replaced by an empty
// state (alerts may then fire once more, which beats staying silent).
import { z } from 'zod';

const epochMs = z.number().finite();

/** pending = true and owed to the user; fired = delivered (and still true). Absent = armed. */
export const factPhaseSchema = z.enum(['pending', 'fired']);

/** The message a fact is being delivered in, and when it was handed to the notifier. */
const deliveryMarks = {
  inFlight: z.string().max(300).nullable(),
  sentAt: epochMs.nullable(),
};

export const thresholdFactSchema = z.object({
  phase: factPhaseSchema,
  since: epochMs,
  /** End of the window period the crossing belongs to (its reset), when known. */
  periodEnd: epochMs.nullable(),
  /** A routine crossing (the level is crossed most periods): recorded, not announced. */
  muted: z.boolean().default(false),
  /** When this crossing is announced as a routine: in how many of the previous periods it happened. */
  routine: z.number().int().nonnegative().nullable().default(null),
  ...deliveryMarks,
});
export type ThresholdFact = z.infer<typeof thresholdFactSchema>;

export const breachFactSchema = z.object({
  phase: factPhaseSchema,
  since: epochMs,
  type: z.string().min(1).max(100),
  windowId: z.string().max(100).nullable(),
  ...deliveryMarks,
});
export type BreachFact = z.infer<typeof breachFactSchema>;

export const predictiveFactSchema = z.object({
  /** The cycle this record belongs to; a new cycle starts afresh. */
  cycleStart: epochMs,
  /** The run-out date the user was last told, null before the first delivery this cycle. */
  announcedRunOutAt: epochMs.nullable(),
  /** Owed: the first warning of the cycle, or a date moved a day or more earlier. */
  pending: z.boolean(),
  /** The run-out date in the message now in flight. */
  sentRunOutAt: epochMs.nullable(),
  since: epochMs,
  /** Since when the forecast has said "runs out" without a break (absent in older files). */
  heldSince: epochMs.optional(),
  ...deliveryMarks,
});
export type PredictiveFact = z.infer<typeof predictiveFactSchema>;

export const recoveryFactSchema = z.object({
  since: epochMs,
  /** The block that lifted (its type), when one did. */
  blockType: z.string().max(100).nullable(),
  /** Windows whose exhaustion the user was told of and which have reset. */
  windowIds: z.array(z.string().max(100)).max(64),
  ...deliveryMarks,
});
export type RecoveryFact = z.infer<typeof recoveryFactSchema>;

/** The recent periods a threshold was crossed in, to tell a routine from news. */
export const habitSchema = z.object({
  /** Period ends of the latest crossings, oldest first (a day of hourly periods at most). */
  periods: z.array(epochMs).max(24),
  /** When the routine was last announced; it is mentioned at most once a day. */
  notedAt: epochMs.nullable(),
});
export type Habit = z.infer<typeof habitSchema>;

export const keyAlertStateSchema = z.object({
  /** By `${windowId}@${level}`. */
  thresholds: z
    .record(z.string().max(120), thresholdFactSchema)
    .refine((r) => Object.keys(r).length <= 320, 'too many threshold records'),
  breach: breachFactSchema.nullable(),
  predictive: predictiveFactSchema.nullable(),
  recovery: recoveryFactSchema.nullable(),
  /** By threshold fact id; absent in files written before routines were tracked. */
  habits: z
    .record(z.string().max(120), habitSchema)
    .refine((r) => Object.keys(r).length <= 320, 'too many habit records')
    .default({}),
});
export type KeyAlertState = z.infer<typeof keyAlertStateSchema>;

export const deliveryHealthSchema = z.object({
  /** Failures in a row; reset by a success. */
  failures: z.number().int().nonnegative(),
  /** No delivery is attempted before this (backoff after a failure). */
  retryAt: epochMs.nullable(),
  lastFailure: z.object({ at: epochMs, reason: z.string().max(300) }).nullable(),
  lastSuccessAt: epochMs.nullable(),
});
export type DeliveryHealth = z.infer<typeof deliveryHealthSchema>;

export const ALERT_STATE_VERSION = 1;
export const MAX_KEYS = 500;

export const alertStateSchema = z.object({
  version: z.literal(ALERT_STATE_VERSION),
  keys: z
    .record(z.string().min(1).max(200), keyAlertStateSchema)
    .refine((r) => Object.keys(r).length <= MAX_KEYS, `at most ${MAX_KEYS} keys`),
  delivery: deliveryHealthSchema,
});
export type AlertState = z.infer<typeof alertStateSchema>;

export function emptyAlertState(): AlertState {
  return {
    version: ALERT_STATE_VERSION,
    keys: {},
    delivery: { failures: 0, retryAt: null, lastFailure: null, lastSuccessAt: null },
  };
}

export function emptyKeyState(): KeyAlertState {
  return { thresholds: {}, breach: null, predictive: null, recovery: null, habits: {} };
}

/** Reads persisted state. Never throws: anything unreadable yields an empty state and the problem. */
export function parseAlertState(raw: unknown): { state: AlertState; problem: string | null } {
  if (raw === undefined || raw === null) return { state: emptyAlertState(), problem: null };
  const parsed = alertStateSchema.safeParse(raw);
  if (parsed.success) return { state: parsed.data, problem: null };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return {
    state: emptyAlertState(),
    problem: `alert state unreadable, starting afresh (${where}${issue?.message ?? 'invalid'})`,
  };
}

/** What the tray shows when alerts cannot get through. */
export interface AlertDeliveryStatus {
  /** Alerts that are true and owed to the user but not yet delivered. */
  undelivered: number;
  /** The newest delivery failure, when the last attempt failed. */
  lastFailure: { at: number; reason: string } | null;
  /** When the next delivery attempt may happen (backoff), if one is being held back. */
  retryAt: number | null;
}

export function deliveryStatus(state: AlertState): AlertDeliveryStatus {
  let undelivered = 0;
  for (const k of Object.values(state.keys)) {
    // Levels of one window crossed together go out as one alert: count windows, not levels.
    const windows = new Set(
      Object.entries(k.thresholds)
        .filter(([, t]) => t.phase === 'pending')
        .map(([id]) => id.slice(0, id.lastIndexOf('@'))),
    );
    undelivered += windows.size;
    if (k.breach?.phase === 'pending') undelivered++;
    if (k.predictive?.pending) undelivered++;
    if (k.recovery) undelivered++;
  }
  return {
    undelivered,
    lastFailure: state.delivery.failures > 0 ? state.delivery.lastFailure : null,
    retryAt: state.delivery.retryAt,
  };
}
