// Passive readings: the integration's own calls, seen through the proxy or posted to the ingest
// endpoint, counted against the key's quota at zero cost. Pure: the service keeps the log and asks.
//
// Each answer is one call of the quota the plan bills it to (a bulk path against the bulk window, a
// refused or unauthenticated call against nothing). From a dashboard reading (the anchor), the cycle
// used is the anchor plus every billed call since, plus Headroom's own probes since. That is exact
// only when the request window's headers confirm that nothing else used the key: the window's count
// equals the calls seen in it plus the probes in it. When they show more, the difference is traffic
// the proxy did not see, and the figure goes back to being an estimate.

/** Which quota an answered call was billed to. */
export type Billing = 'cycle' | 'bulk' | 'none';

/** One answer seen passively, reduced to what counting needs (never a body or a credential). */
export interface PassiveAnswer {
  /** When the request was sent (the proxy knows; an ingested item: same as `at`). */
  sentAt: number;
  /** When the answer came back. */
  at: number;
  status: number;
  billing: Billing;
  /** The request window the answer's headers reported, if any (requests-hour / -minute). */
  window: PassiveWindow | null;
}

export interface PassiveWindow {
  /** Calls the window counted (limit - remaining when the headers say no more). */
  used: number;
  /** Window start and end (epoch ms). */
  start: number;
  end: number;
}

/** Voucherify does not bill a call it refused: bad credentials (401), plan ended (402), a limit (429). */
const NOT_BILLED = new Set([401, 402, 403, 429]);

/** Paths Voucherify runs against the bulk window (bulk updates, imports, async actions). */
export function isBulkPath(path: string): boolean {
  const p = path.toLowerCase().split('?')[0] ?? '';
  return p.includes('/bulk') || p.includes('/import') || p.includes('/async');
}

/**
 * The plan's rule for one answer. Voucherify: refused calls are not billed, bulk paths count in the
 * bulk window (not the cycle). Other providers: every accepted call is one call; refusals are not.
 */
export function billingOf(provider: string, status: number, path: string): Billing {
  if (NOT_BILLED.has(status) || status < 100) return 'none';
  if (provider === 'voucherify' && isBulkPath(path)) return 'bulk';
  return 'cycle';
}

/** A window from parsed headers: `used` (or limit - remaining) and where it begins and ends. */
export function windowOf(
  w: {
    used?: number | null;
    limit: number | null;
    remaining: number | null;
    resetAt: number | null;
    periodMs: number | null;
  },
  at: number,
  defaultPeriodMs = 3_600_000,
): PassiveWindow | null {
  const used =
    w.used ?? (w.limit !== null && w.remaining !== null ? Math.max(0, w.limit - w.remaining) : null);
  if (used === null || !Number.isFinite(used) || used < 0) return null;
  const period = w.periodMs && w.periodMs > 0 ? w.periodMs : defaultPeriodMs;
  // A reset that cannot be this window's end is ignored: the window is taken as aligned to the clock.
  let end = w.resetAt;
  if (end === null || !Number.isFinite(end) || end < at - 60_000 || end - period > at + 60_000)
    end = Math.floor(at / period) * period + period;
  return { used, start: end - period, end };
}

export interface PassiveCountInput {
  now: number;
  cycleStart: number;
  /** The newest dashboard reading in this cycle (exact cumulative usage at a moment), if any. */
  anchor: { at: number; used: number } | null;
  /** The log, any order. */
  answers: readonly PassiveAnswer[];
  /** Headroom's own billable probes: when each was sent, and the window its answer reported. */
  probes: readonly { at: number; window: PassiveWindow | null }[];
  /** True when the log lost answers since the anchor (it is bounded): nothing can be exact then. */
  truncatedSince?: number | null;
}

export interface PassiveCount {
  /** Answers seen in this cycle (every one, billed or not). */
  seen: number;
  /** Calls billed to the cycle since the anchor (null without an anchor). */
  billedSinceAnchor: number | null;
  /** Own probes since the anchor. */
  probesSinceAnchor: number | null;
  /** The cycle used, exactly, when the headers confirm the proxy sees all the traffic; else null. */
  exact: number | null;
  /** Windows whose headers agreed with what was seen; windows that showed calls not seen, and how many. */
  confirmedWindows: number;
  unseenCalls: number;
  /** Why the figure is or is not exact, in words for the UI. */
  reason: string;
  /** The newest passive answer, for freshness. */
  lastAt: number | null;
}

/**
 * Counts the cycle from the anchor and checks it against every window the headers reported: for
 * each window, the newest report must lie between the calls certainly counted before it (answered
 * earlier) and the calls that may have been (sent earlier), own probes included.
 */
export function countPassive(input: PassiveCountInput): PassiveCount {
  const { now, cycleStart, anchor } = input;
  const answers = input.answers.filter((a) => a.at >= cycleStart && a.at <= now);
  const lastAt = answers.reduce<number | null>((m, a) => (m === null || a.at > m ? a.at : m), null);
  const base = { seen: answers.length, lastAt, confirmedWindows: 0, unseenCalls: 0 };
  if (!anchor || anchor.at < cycleStart || anchor.at > now)
    return {
      ...base,
      billedSinceAnchor: null,
      probesSinceAnchor: null,
      exact: null,
      reason: 'a dashboard reading is needed to count the cycle from',
    };

  const billed = answers.filter((a) => a.billing === 'cycle' && a.sentAt >= anchor.at);
  const probes = input.probes.filter((p) => p.at >= anchor.at && p.at <= now);
  const billedSinceAnchor = billed.length;
  const probesSinceAnchor = probes.length;

  // Check points: the newest report of each window since the anchor's window began.
  type Report = { sentAt: number; at: number; window: PassiveWindow };
  const reports: Report[] = [];
  for (const a of answers)
    if (a.window && a.billing === 'cycle') reports.push({ sentAt: a.sentAt, at: a.at, window: a.window });
  for (const p of input.probes)
    if (p.window && p.at <= now) reports.push({ sentAt: p.at, at: p.at, window: p.window });
  const newest = new Map<number, Report>();
  for (const r of reports) {
    if (r.window.end <= anchor.at) continue;
    const prev = newest.get(r.window.start);
    // Answers of the same millisecond (a busy integration): the fullest is the newest report.
    if (!prev || r.at > prev.at || (r.at === prev.at && r.window.used > prev.window.used))
      newest.set(r.window.start, r);
  }
  // Billed calls and own probes sorted by when they were sent, so each window is a slice.
  const allBilled = answers.filter((a) => a.billing === 'cycle').sort((a, b) => a.sentAt - b.sentAt);
  const probeTimes = input.probes.map((p) => p.at).sort((a, b) => a - b);
  let confirmed = 0;
  let unseen = 0;
  let fewer = false;
  // The server wrote a report's count between the call's sending and its answer: calls answered
  // before it was sent are certainly in it; calls sent before its answer came back may be.
  for (const { sentAt, at, window } of newest.values()) {
    // Times are whole milliseconds: `< at + 1` is `<= at`.
    const to = Math.min(window.end, at + 1);
    const ownBefore = lowerBound(probeTimes, to) - lowerBound(probeTimes, window.start);
    const from = lowerBoundBy(allBilled, window.start);
    const until = lowerBoundBy(allBilled, to);
    // A probe in flight may or may not be in the count yet: it only widens what is possible.
    let certain = 0;
    for (let i = from; i < until; i++) if ((allBilled[i] as PassiveAnswer).at <= sentAt) certain++;
    const possible = until - from + ownBefore;
    if (window.used > possible) {
      // In the anchor's own window, calls before the reading are in the reading: inconclusive.
      if (window.start >= anchor.at) unseen += window.used - possible;
    } else if (window.used < certain) fewer = true;
    else confirmed++;
  }

  const exactOk = input.truncatedSince === undefined || input.truncatedSince === null;
  const figure = anchor.used + billedSinceAnchor + probesSinceAnchor;
  let reason: string;
  let exact: number | null = null;
  if (!exactOk) reason = 'more calls than Headroom keeps were seen since the reading: estimated';
  else if (unseen > 0)
    reason = `the hourly headers counted ${unseen} call${unseen === 1 ? '' : 's'} that did not pass through Headroom: the rest is estimated`;
  else if (fewer)
    reason = 'the hourly headers counted fewer calls than Headroom saw: the plan may bill differently';
  else if (confirmed === 0) reason = 'counted, but no hourly headers confirm yet that every call is seen';
  else {
    exact = figure;
    reason = `counted exactly: ${billedSinceAnchor} call${billedSinceAnchor === 1 ? '' : 's'} seen since the dashboard reading`;
  }
  return {
    ...base,
    billedSinceAnchor,
    probesSinceAnchor,
    exact,
    confirmedWindows: confirmed,
    unseenCalls: unseen,
    reason,
  };
}

/** How long after the last passive answer the readings count as fresh (probes step aside). */
export const PASSIVE_FRESH_MS = 30 * 60_000;

/**
 * When the scheduler may probe. While passive readings are fresh it spends nothing, and looks again
 * when they would go stale; while the count is exact no figure is needed, so no probe at all (null).
 * Only a silent integration whose figure is not exact gets a probe.
 */
export function probeAfterPassive(
  plannedAt: number,
  lastPassiveAt: number | null,
  exact = false,
): number | null {
  if (exact) return null;
  if (lastPassiveAt === null) return plannedAt;
  return Math.max(plannedAt, lastPassiveAt + PASSIVE_FRESH_MS);
}

/** First index whose value is >= x. */
function lowerBound(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First answer sent at or after x. */
function lowerBoundBy(xs: readonly PassiveAnswer[], x: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as PassiveAnswer).sentAt < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
