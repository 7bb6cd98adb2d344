// What the History view shows for one key: past cycles for a bar chart, the forecast's track record
// in one sentence, and the current cycle against the same point of the previous ones. Pure.
import { plural } from '../text/format';
import type { CycleRecord } from './archive';
import { dayEnds } from './archive';

const DAY_MS = 86_400_000;
/** Cycles the track record is taken over. */
const TRACK_CYCLES = 3;

export interface HistoryBar {
  start: number;
  end: number;
  used: number;
  low: number;
  high: number;
  exact: boolean;
  limit: number | null;
  ranOutAt: number | null;
  alerts: number;
  probesSent: number;
  peak: { at: number; calls: number } | null;
}

export interface TrackRecord {
  cycles: number;
  checkpoints: number;
  /** Mean |forecast run-out - actual| in days ("lasts" counted as the cycle end). */
  meanErrorDays: number;
  /** How often "runs out before renewal" (probability >= 0.5) matched what happened. */
  right: number;
  sentence: string;
}

export interface SamePoint {
  /** Share of the current cycle elapsed (0..1). */
  share: number;
  /** Usage now (estimate) and in each previous cycle at the same share, newest first. */
  current: number;
  previous: { start: number; used: number }[];
  sentence: string;
}

export interface KeyHistoryView {
  keyId: string;
  keyName: string;
  /** The current plan's cycle quota (the line on the chart). */
  limit: number | null;
  /** Oldest first. */
  cycles: HistoryBar[];
  trackRecord: TrackRecord | null;
  samePoint: SamePoint | null;
}

export interface HistoryInput {
  keyId: string;
  keyName: string;
  limit: number | null;
  archive: readonly CycleRecord[];
  timeZone: string;
  now: number;
  current: { start: number; end: number; used: number } | null;
}

const fmtDays = (d: number) =>
  d < 0.95 ? `${Math.round(d * 24)} ${plural(d * 24, 'hour')}` : `${d.toFixed(1)} days`;
const fmtCalls = (n: number) => Math.round(n).toLocaleString('en-US');

export function trackRecord(archive: readonly CycleRecord[]): TrackRecord | null {
  const recent = archive.filter((r) => r.checkpoints.length > 0).slice(-TRACK_CYCLES);
  if (recent.length === 0) return null;
  let sum = 0;
  let n = 0;
  let right = 0;
  for (const r of recent) {
    const actual = r.ranOutAt ?? r.end;
    for (const c of r.checkpoints) {
      // Only what was still ahead counts: after the run-out the forecast is detection.
      if (r.ranOutAt !== null && c.at >= r.ranOutAt) continue;
      sum += Math.abs((c.runOutAt ?? r.end) - actual) / DAY_MS;
      n++;
      if ((c.probability ?? 0) >= 0.5 === (r.ranOutAt !== null)) right++;
    }
  }
  if (n === 0) return null;
  const mean = sum / n;
  const cyc = recent.length === 1 ? 'Last cycle' : `Last ${recent.length} cycles`;
  return {
    cycles: recent.length,
    checkpoints: n,
    meanErrorDays: mean,
    right,
    sentence:
      `${cyc}: run-out forecasts were within ${fmtDays(mean)} on average; ` +
      `"runs out before renewal" was right ${right} of ${n} times.`,
  };
}

/** Cumulative use of a finished cycle at a share of it, from its daily figures (linear within a day). */
export function usedAtShare(r: CycleRecord, share: number, timeZone: string): number {
  const at = r.start + share * (r.end - r.start);
  const ends = dayEnds(r.start, r.end, timeZone);
  let acc = 0;
  let from = r.start;
  for (let i = 0; i < ends.length; i++) {
    const to = ends[i] as number;
    const day = r.daily[i] ?? 0;
    if (at >= to) acc += day;
    else {
      acc += (day * Math.max(0, at - from)) / Math.max(1, to - from);
      break;
    }
    from = to;
  }
  return acc;
}

export function keyHistory(input: HistoryInput): KeyHistoryView {
  const cycles: HistoryBar[] = input.archive.map((r) => ({
    start: r.start,
    end: r.end,
    used: r.final.used,
    low: r.final.low,
    high: r.final.high,
    exact: r.final.exact,
    limit: r.limit,
    ranOutAt: r.ranOutAt,
    alerts: r.alerts,
    probesSent: r.probes.sent,
    peak: r.peak,
  }));
  let samePoint: SamePoint | null = null;
  const cur = input.current;
  if (cur && input.archive.length > 0 && cur.end > cur.start) {
    const share = Math.min(1, Math.max(0, (input.now - cur.start) / (cur.end - cur.start)));
    const previous = input.archive
      .slice(-TRACK_CYCLES)
      .reverse()
      .map((r) => ({ start: r.start, used: Math.round(usedAtShare(r, share, input.timeZone)) }));
    const day = Math.floor((input.now - cur.start) / DAY_MS) + 1;
    const mean = previous.reduce((s, p) => s + p.used, 0) / previous.length;
    const diff = mean > 0 ? (cur.used - mean) / mean : null;
    const compare =
      diff === null
        ? ''
        : Math.abs(diff) < 0.05
          ? ', about the same'
          : `, ${Math.round(Math.abs(diff) * 100)}% ${diff > 0 ? 'more' : 'less'}`;
    const them = previous.length === 1 ? 'the last cycle' : `the last ${previous.length} cycles`;
    samePoint = {
      share,
      current: Math.round(cur.used),
      previous,
      sentence:
        `Day ${day}: ${fmtCalls(cur.used)} ${plural(cur.used, 'call')} so far; ${them} had used ` +
        `${previous.map((p) => fmtCalls(p.used)).join(', ')} by the same point${compare}.`,
    };
  }
  return {
    keyId: input.keyId,
    keyName: input.keyName,
    limit: input.limit,
    cycles,
    trackRecord: trackRecord(input.archive),
    samePoint,
  };
}
