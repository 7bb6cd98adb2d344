// The CLI's JSON shapes: the quota model with times as ISO 8601 UTC and unknowns as null.
import type { Blocked, ParseResult, QuotaWindow } from '../core/quota/model';
import { iso } from './cli';

export function windowJson(w: QuotaWindow) {
  return {
    id: w.id,
    kind: w.kind,
    unit: w.unit,
    label: w.label,
    limit: w.limit,
    remaining: w.remaining,
    used: w.used,
    resetAt: iso(w.resetAt),
    periodSeconds: w.periodMs === null ? null : w.periodMs / 1000,
    observedAt: iso(w.observedAt),
    source: w.source,
    flag: w.flag,
  };
}

export function blockedJson(b: Blocked | null) {
  return b === null ? null : { type: b.type, window: b.windowId, retryAt: iso(b.retryAt) };
}

export function parseResultJson(r: ParseResult) {
  return {
    provider: r.provider,
    status: r.status,
    windows: r.windows.map(windowJson),
    blocked: blockedJson(r.blocked),
    warnings: r.warnings,
    clockSkewSeconds: r.clockSkewMs === null ? null : Math.round(r.clockSkewMs / 100) / 10,
  };
}
