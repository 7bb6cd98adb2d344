// What one probe tells the cycle estimator about the request window. A normal answer reads the
// window's count; a 429 on the request window (or a window at 0) proves the whole window's limit was
// used, so it counts as a reading of the full limit even though the refused call itself cost nothing.
import type { ProbeOutcome } from '../probe-outcomes';
import type { ParseResult } from '../quota/model';
import type { RequestWindowReading } from './estimator';

/** A reading as it is stored: every count present (null when unknown). */
export type StoredWindowReading = RequestWindowReading & {
  limit: number | null;
  remaining: number | null;
  periodMs: number | null;
};

const REQUEST_KINDS = new Set(['requests-hour', 'requests-minute']);

/**
 * The request-window reading in a probe's result, or null when it has none. `planLimit` stands in
 * for the window's limit when a refusal does not carry the Limit header.
 */
export function windowReadingOf(
  result: ParseResult,
  outcome: ProbeOutcome,
  at: number,
  planLimit: number | null,
): StoredWindowReading | null {
  const window = result.windows.find((w) => REQUEST_KINDS.has(w.kind));
  if (!window) return null;
  if (outcome === 'ok') {
    return {
      observedAt: at,
      limit: window.limit,
      remaining: window.remaining,
      resetAt: window.resetAt,
      periodMs: window.periodMs,
    };
  }
  const refusedHere =
    result.blocked !== null && (result.blocked.windowId === window.id || result.blocked.type === 'api_calls');
  if (outcome !== 'blocked' || !refusedHere) return null;
  const limit = window.limit ?? planLimit;
  if (limit === null) return null;
  return {
    observedAt: at,
    limit,
    remaining: 0,
    resetAt: window.resetAt ?? result.blocked?.retryAt ?? null,
    periodMs: window.periodMs,
    // The refused probe was not counted by the provider.
    monitor: false,
  };
}
