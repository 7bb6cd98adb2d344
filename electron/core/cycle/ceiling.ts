// The most calls the request window's limit allows between two moments: what a limit proves about
// the top of the cycle band. Windows never overlap and never count more than their limit, so a span
// no probe saw holds at most one full window per period it lasts (plus the window straddling the
// span's start), and a window read at `used` can still take `limit - used` more after the reading.
// The band's high end is capped by this: a key seen for three hours at 30 calls cannot have made
// more than (hours not seen x hourly limit) + what was seen.

/** One request window as the estimator saw it: its best (fullest) reading. */
export interface SeenWindow {
  start: number;
  end: number;
  /** When the best reading was taken, and the calls the window had counted then (own probes included). */
  t: number;
  used: number;
  /** The window's limit; null when the reading did not say. */
  limit: number | null;
}

// Reset times are whole seconds: a gap this short is rounding, not a window nobody saw.
const SLACK_MS = 5_000;

/**
 * Upper bound on the calls made in (from, at], or null when no window limit is known. `windows`
 * are the best readings of distinct windows (any order); `periodMs` the window length.
 */
export function callsCeiling(
  windows: readonly SeenWindow[],
  from: number,
  at: number,
  periodMs: number,
): number | null {
  if (!(at > from) || !(periodMs > 0)) return 0;
  let limit: number | null = null;
  for (const w of windows) if (w.limit !== null && w.limit > 0) limit = Math.max(limit ?? 0, w.limit);
  if (limit === null) return null;
  const inRange = windows.filter((w) => w.end > from && w.start < at).sort((a, b) => a.start - b.start);
  // Windows fixed to a clock grid (two or more read, all starting on the same phase) leave no room
  // for one straddling `from` beyond what the gap's length already counts; one window proves no grid.
  const phase = (w: SeenWindow) => ((w.start % periodMs) + periodMs) % periodMs;
  const first = windows[0];
  const fixed =
    first !== undefined &&
    windows.length >= 2 &&
    windows.every((w) => {
      const d = Math.abs(phase(w) - phase(first));
      return Math.min(d, periodMs - d) <= SLACK_MS;
    });
  let total = 0;
  let cursor = from;
  let leading = !fixed;
  for (const w of inRange) {
    const cap = Math.max(limit, w.limit ?? 0, w.used);
    // Before the reading: at most what it counted (part may predate `from`, which only lowers it);
    // after it, up to the limit, when any of the window lies after the reading and before `at`.
    const afterReading = Math.min(w.end, at) > w.t;
    total += w.t > from ? (afterReading ? cap : w.used) : afterReading ? cap - w.used : 0;
    total += gapWindows(w.start - cursor, periodMs, leading) * limit;
    leading = false;
    cursor = Math.max(cursor, w.end);
  }
  total += gapWindows(at - cursor, periodMs, leading) * limit;
  return total;
}

/**
 * Windows that can start inside a gap no probe saw; `straddle` adds the one that may have begun
 * before `from` when windows are not fixed to a grid.
 */
function gapWindows(gapMs: number, periodMs: number, straddle: boolean): number {
  if (gapMs <= SLACK_MS) return 0;
  return Math.ceil((gapMs - SLACK_MS) / periodMs) + (straddle ? 1 : 0);
}
