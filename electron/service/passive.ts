// The service's side of passive readings: a proxied or ingested answer read with the key's own parser
// and plan, and the insight given the exact count (as an anchor at this moment) when the headers
// confirm that every call is seen. The counting itself is core/passive (pure).
import type { KeyConfig } from '../core/config/settings';
import type { RawHeaders } from '../core/headers/header-bag';
import type { KeyInsight } from '../core/insight/key-insight';
import { countPassive, windowOf, type PassiveCount } from '../core/passive/counting';
import { readPassive, type PassiveParse } from '../core/passive/answer';
import type { PassiveLog } from '../core/passive/log';
import type { UsagePoint } from '../core/forecast/types';
import type { ParseResult } from '../core/quota/model';
import type { PassiveAnswer } from '../core/passive/counting';
import { findProfile } from '../core/providers/registry';
import { hintsOf, planOf } from './key-target';
import { mergeObservation } from '../core/quota/state';
import type { KeyEntry } from './key-entry';
import { appendBounded, LIMITS, type KeyRuntime } from './runtime-state';

/** One answer the integration got: when, its status, its headers, and the request's path. */
export interface PassiveItem {
  /** When the request was sent; default `at`. */
  sentAt?: number;
  at: number;
  status: number;
  headers: RawHeaders;
  path?: string;
}

export function parseOptionsOf(config: Pick<KeyConfig, 'connection' | 'plan'>): PassiveParse {
  const c = config.connection;
  const hints = hintsOf(planOf(config));
  switch (c.provider) {
    case 'voucherify':
      return { provider: 'voucherify', profile: 'voucherify', hints };
    case 'zoho':
      return { provider: 'zoho', profile: 'auto', hints };
    case 'generic': {
      if (c.profile === 'custom' && c.custom)
        return { provider: 'generic', profile: 'custom', custom: c.custom, hints };
      const profile = c.profile && findProfile(c.profile) ? c.profile : 'auto';
      return { provider: 'generic', profile, hints };
    }
  }
}

export function passiveOfProbe(
  config: Pick<KeyConfig, 'connection' | 'plan'>,
  item: PassiveItem,
): { answer: PassiveAnswer; result: ParseResult } {
  const at = Math.round(item.at);
  return readPassive(
    {
      at,
      sentAt: Math.round(item.sentAt ?? at),
      status: item.status,
      headers: item.headers,
      path: item.path ?? '',
    },
    parseOptionsOf(config),
  );
}

/** What passive counting says for a key now (for the views, the metric and the tests). */
export function passiveCountOf(
  log: PassiveLog,
  runtime: KeyRuntime,
  now: number,
  cycleStart: number,
): PassiveCount {
  // The newest dashboard reading; else, if Headroom was watching when the cycle renewed, its 0.
  const anchor =
    runtime.dashboard
      .filter((d) => d.at >= cycleStart && d.at <= now)
      .reduce<UsagePoint | null>((a, d) => (a === null || d.at >= a.at ? d : a), null) ??
    (log.watchingSince <= cycleStart ? { at: cycleStart, used: 0 } : null);
  return countPassive({
    now,
    cycleStart,
    anchor,
    answers: log.answers(),
    // Own probes that were answered and billed: the readings the service keeps of them.
    probes: runtime.readings.map((r) => ({
      at: r.observedAt,
      window: windowOf(r, r.observedAt, r.periodMs ?? undefined),
    })),
    truncatedSince: anchor ? log.truncatedSince(anchor.at) : null,
  });
}

/**
 * The key's insight with passive counting applied: when the count is exact it is given as an anchor
 * at `now` (like a dashboard reading taken this instant), so the band closes, and the estimate says it
 * was observed. Otherwise the insight is the estimator's, with the reason noted.
 */
export function applyPassive(
  log: PassiveLog,
  runtime: KeyRuntime,
  now: number,
  insight: (dashboard: readonly UsagePoint[]) => KeyInsight,
): { insight: KeyInsight; exact: boolean } {
  const first = insight(runtime.dashboard);
  if (log.total === 0 || !first.estimate) return { insight: first, exact: false };
  const count = passiveCountOf(log, runtime, now, first.cycle.start);
  if (count.exact === null) {
    if (count.billedSinceAnchor === null) return { insight: first, exact: false };
    const notes = [...(first.estimate.notes ?? []), count.reason];
    return { insight: { ...first, estimate: { ...first.estimate, notes } }, exact: false };
  }
  const exact = insight([...runtime.dashboard, { at: now, used: count.exact }]);
  if (!exact.estimate) return { insight: exact, exact: false };
  const notes = (exact.estimate.notes ?? []).filter((n) => !n.startsWith('no window readings'));
  const result: KeyInsight = {
    ...exact,
    estimate: {
      ...exact.estimate,
      used: count.exact,
      low: count.exact,
      high: count.exact,
      basis: 'observed',
      observedShare: 1,
      notes: [...notes, count.reason],
    },
  };
  return { insight: result, exact: true };
}

/** Folds the integration's answers into the key: its passive log, quota observations and cycle breaches. */
export function foldPassive(entry: KeyEntry, items: readonly PassiveItem[]): void {
  for (const item of items) {
    const { answer, result } = passiveOfProbe(entry.config, item);
    entry.passive.add(answer);
    if (result.windows.length > 0 || result.blocked)
      entry.runtime = { ...entry.runtime, quota: mergeObservation(entry.runtime.quota, result, answer.at) };
    // The integration met the cycle's end: as exact an anchor as a probe meeting it.
    if (result.blocked?.type === 'api_calls_cycle')
      entry.runtime = {
        ...entry.runtime,
        cycleBreaches: appendBounded(entry.runtime.cycleBreaches, answer.at, LIMITS.breaches),
      };
  }
}
