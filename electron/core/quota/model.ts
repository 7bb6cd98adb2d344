// The quota model: the one source of the types every other module speaks.
// Schemas are zod so that persisted data and IPC payloads are validated against the same definitions
// the code is typed by. All times are epoch milliseconds inside the app; ISO 8601 only at the edges (CLI, UI).
import { z } from 'zod';

/** What a window counts over. Request windows are named by their period. */
export const WINDOW_KINDS = [
  'requests-second',
  'requests-minute',
  'requests-hour',
  'requests-day',
  'rolling-24h',
  'billing-cycle',
  'bulk',
  'webhooks',
  'concurrency',
  'tokens',
  'credits',
  'custom',
] as const;
export const windowKindSchema = z.enum(WINDOW_KINDS);
export type WindowKind = z.infer<typeof windowKindSchema>;

export const UNITS = ['requests', 'tokens', 'credits', 'webhooks', 'connections', 'points'] as const;
export const unitSchema = z.enum(UNITS);
export type Unit = z.infer<typeof unitSchema>;

/**
 * Where a number came from, so the UI can say so:
 * header = read from a response; breach = inferred from a 429; plan = the plan's documented limit;
 * estimate = computed by Headroom; user = typed in by the user (for example a dashboard reading).
 */
export const SOURCES = ['header', 'breach', 'plan', 'estimate', 'user'] as const;
export const sourceSchema = z.enum(SOURCES);
export type Source = z.infer<typeof sourceSchema>;

const count = z.number().finite().nonnegative();
const epochMs = z.number().finite();

export const quotaWindowSchema = z.object({
  /** Stable within a provider, e.g. `api_calls`, `requests`, `tokens`, `burst`. */
  id: z.string().min(1),
  kind: windowKindSchema,
  unit: unitSchema,
  /** Short human label, e.g. "Requests / hour". */
  label: z.string(),
  limit: count.nullable(),
  remaining: count.nullable(),
  used: count.nullable(),
  /** When the window next resets (absolute, server time). */
  resetAt: epochMs.nullable(),
  /** Length of the window when known (used to age observations and to infer resets). */
  periodMs: z.number().finite().positive().nullable(),
  observedAt: epochMs,
  source: sourceSchema,
  /** Set, with the reason, when a value in this window cannot be trusted. */
  flag: z.string().nullable(),
});
export type QuotaWindow = z.infer<typeof quotaWindowSchema>;

/** The provider refused the request because a limit was reached. */
export const blockedSchema = z.object({
  /** The provider's own word for the limit where it has one (Voucherify: api_calls, api_calls_cycle, ...). */
  type: z.string().min(1),
  /** Window id this block applies to, when it maps onto one. */
  windowId: z.string().nullable(),
  /** When a request may be made again; null when the provider does not say. */
  retryAt: epochMs.nullable(),
});
export type Blocked = z.infer<typeof blockedSchema>;

/** One HTTP response turned into quota facts. */
export const parseResultSchema = z.object({
  provider: z.string(),
  status: z.number().int(),
  windows: z.array(quotaWindowSchema),
  blocked: blockedSchema.nullable(),
  warnings: z.array(z.string()),
  /** Local clock minus the server's `Date` header, when the response had one. */
  clockSkewMs: z.number().finite().nullable(),
});
export type ParseResult = z.infer<typeof parseResultSchema>;

/** A window as the state layer presents it at a given moment: aged, possibly reset since it was seen. */
export interface WindowView extends QuotaWindow {
  /** now - observedAt */
  ageMs: number;
  /** True when the window has passed its reset since it was observed (figures are then estimates). */
  resetSinceObserved: boolean;
  /** True when the observation is older than the window's period (or the staleness horizon). */
  stale: boolean;
  /** True while a breach keeps this window exhausted. */
  exhausted: boolean;
}

/** Share of the limit already used, 0..1, or null when unknown. */
export function usedFraction(w: Pick<QuotaWindow, 'limit' | 'remaining' | 'used'>): number | null {
  if (w.limit === null || w.limit <= 0) return null;
  const used = w.used ?? (w.remaining === null ? null : w.limit - w.remaining);
  if (used === null) return null;
  return Math.min(1, Math.max(0, used / w.limit));
}

export const PERIOD_MS = {
  second: 1_000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
} as const;

/** The kind of a plain request window of the given length, when it is one of the named periods. */
export function requestKindForPeriod(periodMs: number): WindowKind {
  if (periodMs === PERIOD_MS.second) return 'requests-second';
  if (periodMs === PERIOD_MS.minute) return 'requests-minute';
  if (periodMs === PERIOD_MS.hour) return 'requests-hour';
  if (periodMs === PERIOD_MS.day) return 'requests-day';
  return 'custom';
}

export function labelForKind(kind: WindowKind, unit: Unit = 'requests'): string {
  switch (kind) {
    case 'requests-second':
      return `${capital(unit)} / second`;
    case 'requests-minute':
      return `${capital(unit)} / minute`;
    case 'requests-hour':
      return `${capital(unit)} / hour`;
    case 'requests-day':
      return `${capital(unit)} / day`;
    case 'rolling-24h':
      return `${capital(unit)} / rolling 24 h`;
    case 'billing-cycle':
      return 'Billing cycle';
    case 'bulk':
      return 'Bulk requests / hour';
    case 'webhooks':
      return 'Webhooks / day';
    case 'concurrency':
      return 'Concurrent requests';
    case 'tokens':
      return 'Tokens';
    case 'credits':
      return 'Credits';
    case 'custom':
      return capital(unit);
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
