// The cycle archive: what each finished billing cycle came to, kept at renewal so the user can look
// back (and take it away as CSV/JSON). Per cycle: the final figure (exact when a breach, a dashboard
// reading at the end or a fully seen cycle pins it, else the estimate with its 80 % band), usage per
// local day, the busiest hour seen, the monitor's own spend, the alerts sent, and what the forecast
// said at 25 / 50 / 75 % of the cycle next to what happened. Pure: the service passes everything in.
import { z } from 'zod';
import { estimateCycle, type RequestWindowReading } from '../cycle/estimator';
import type { UsagePoint } from '../forecast/types';
import { zonedParts, zonedTimeToUtc } from '../time/zoned';

/** Finished cycles kept per key: two years of monthly cycles. */
export const ARCHIVE_MAX = 24;
export const CHECKPOINT_SHARES = [25, 50, 75] as const;
/** A checkpoint missed by more than this share of the cycle (the app was off) is not recorded. */
const CHECKPOINT_LATE_SHARE = 0.05;
/** A dashboard reading this close to the end pins the final figure. */
const PIN_WINDOW_MS = 3_600_000;
/** A final band narrower than this share of the figure counts as exact. */
const EXACT_BAND_SHARE = 0.001;

const epochMs = z.number().finite();
const calls = z.number().finite().nonnegative();

/** What the forecast said at one point of the cycle. */
export const checkpointSchema = z.object({
  share: z.union([z.literal(25), z.literal(50), z.literal(75)]),
  at: epochMs,
  /** The usage estimate then. */
  used: calls,
  /** Central run-out; null = "lasts until renewal". */
  runOutAt: epochMs.nullable(),
  probability: z.number().min(0).max(1).nullable(),
});
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** The current cycle's running notes, kept until renewal turns them into a record. */
export const cycleTrackerSchema = z.object({
  start: epochMs,
  end: epochMs,
  alerts: z.number().int().nonnegative(),
  checkpoints: z.array(checkpointSchema).max(CHECKPOINT_SHARES.length),
});
export type CycleTracker = z.infer<typeof cycleTrackerSchema>;

export const cycleRecordSchema = z.object({
  start: epochMs,
  end: epochMs,
  /** The cycle quota then (the plan's), null when the plan had none. */
  limit: calls.nullable(),
  final: z.object({
    used: calls,
    low: calls,
    high: calls,
    /** exact: pinned by a breach, a dashboard reading at the end, or every call seen. */
    exact: z.boolean(),
    basis: z.enum(['dashboard', 'breach', 'observed', 'none']),
  }),
  /** Calls per local day of the cycle (estimates unless the day was fully seen), in order. */
  daily: z.array(calls).max(32),
  /** The busiest hour a probe measured: its start and calls. */
  peak: z.object({ at: epochMs, calls }).nullable(),
  probes: z.object({ sent: z.number().int().nonnegative(), billable: z.number().int().nonnegative() }),
  alerts: z.number().int().nonnegative(),
  /** When it ran out (the first cycle breach, or where the daily figures crossed the limit). */
  ranOutAt: epochMs.nullable(),
  checkpoints: z.array(checkpointSchema).max(CHECKPOINT_SHARES.length),
});
export type CycleRecord = z.infer<typeof cycleRecordSchema>;

export function newTracker(cycle: { start: number; end: number }): CycleTracker {
  return { start: cycle.start, end: cycle.end, alerts: 0, checkpoints: [] };
}

/**
 * Notes a forecast at the checkpoints it has reached (each once, and only close to its time: a
 * forecast made days after the 50 % point is not what the forecast said at 50 %).
 */
export function noteForecast(
  tracker: CycleTracker,
  now: number,
  used: number | null,
  forecast: { status: string; runOutAt: number | null; probabilityRunOut: number | null } | null,
): CycleTracker {
  if (used === null || !forecast || forecast.status !== 'ok') return tracker;
  const span = tracker.end - tracker.start;
  if (!(span > 0) || now < tracker.start || now >= tracker.end) return tracker;
  const elapsed = (now - tracker.start) / span;
  const due = CHECKPOINT_SHARES.filter(
    (s) =>
      elapsed >= s / 100 &&
      elapsed < s / 100 + CHECKPOINT_LATE_SHARE &&
      !tracker.checkpoints.some((c) => c.share === s),
  );
  if (due.length === 0) return tracker;
  const added = due.map((share) => ({
    share,
    at: now,
    used: Math.round(used),
    runOutAt: forecast.runOutAt,
    probability: forecast.probabilityRunOut,
  }));
  return { ...tracker, checkpoints: [...tracker.checkpoints, ...added].sort((a, b) => a.share - b.share) };
}

export function noteAlerts(tracker: CycleTracker, delivered: number): CycleTracker {
  return delivered > 0 ? { ...tracker, alerts: tracker.alerts + delivered } : tracker;
}

/** Local midnights strictly inside (start, end), then end: the ends of the cycle's local days. */
export function dayEnds(start: number, end: number, timeZone: string): number[] {
  const out: number[] = [];
  let p = zonedParts(start, timeZone);
  for (let guard = 0; guard < 40; guard++) {
    const next = zonedTimeToUtc({ year: p.year, month: p.month, day: p.day + 1 }, timeZone);
    if (next >= end) break;
    if (next > start) out.push(next);
    p = zonedParts(next, timeZone);
  }
  out.push(end);
  return out;
}

export interface ArchiveInput {
  cycle: { start: number; end: number };
  timeZone: string;
  limit: number | null;
  readings: readonly RequestWindowReading[];
  cycleBreaches: readonly number[];
  dashboard: readonly UsagePoint[];
  probes: { sent: number; billable: number };
  tracker: CycleTracker | null;
}

/** The record of a finished cycle, from what was observed during it. */
export function archiveCycle(input: ArchiveInput): CycleRecord {
  const { start, end } = input.cycle;
  const inCycle = (t: number) => t >= start && t < end;
  const readings = input.readings.filter((r) => r.observedAt >= start - 3_600_000 && r.observedAt < end);
  const breaches = input.cycleBreaches.filter(inCycle);
  const dashboard = input.dashboard.filter((p) => inCycle(p.at));
  const probeReadings = Math.max(1, readings.length);
  // The usage estimate as of `at`, from what had been observed by then.
  const usedAt = (at: number) => {
    const seen = readings.filter((r) => r.observedAt <= at);
    return estimateCycle({
      at,
      cycleStart: start,
      cycleEnd: end,
      limit: input.limit,
      windows: seen,
      cycleBreaches: breaches.filter((t) => t <= at),
      readings: dashboard.filter((p) => p.at <= at),
      // The ledger keeps cycle totals only: spread the billable probes like the readings.
      monitorCalls: Math.round((input.probes.billable * seen.length) / probeReadings),
      timeZone: input.timeZone,
    });
  };

  const last = end - 1;
  const fin = usedAt(last);
  const lastDashboard = dashboard.reduce<UsagePoint | null>(
    (a, p) => (a === null || p.at > a.at ? p : a),
    null,
  );
  const exact =
    fin.basis === 'breach' ||
    (lastDashboard !== null && last - lastDashboard.at <= PIN_WINDOW_MS && fin.basis === 'dashboard') ||
    // Every window seen but a few seconds at the edges: the band is noise, not doubt.
    (fin.basis !== 'none' && fin.high - fin.low <= Math.max(1, fin.used * EXACT_BAND_SHARE));

  // Cumulative estimates at each local midnight; a day's calls are the differences (never negative:
  // a later dashboard reading below the estimate lowers the day it landed in to 0, not below).
  const ends = dayEnds(start, end, input.timeZone);
  const daily: number[] = [];
  let prev = 0;
  let ranOutAt: number | null = breaches.length > 0 ? Math.min(...breaches) : null;
  let dayStart = start;
  for (const e of ends) {
    // Whole calls, rounded on the running total so the days add up to the final figure.
    const cum = Math.max(prev, Math.round(e === end ? fin.used : usedAt(e).used));
    daily.push(cum - prev);
    if (ranOutAt === null && input.limit !== null && cum >= input.limit && prev < input.limit) {
      ranOutAt = Math.round(dayStart + ((input.limit - prev) / Math.max(1e-9, cum - prev)) * (e - dayStart));
    }
    prev = cum;
    dayStart = e;
  }

  let peak: CycleRecord['peak'] = null;
  for (const r of readings) {
    if (!inCycle(r.observedAt)) continue;
    const used = r.used ?? (r.limit != null && r.remaining != null ? r.limit - r.remaining : null);
    if (used === null || !(used >= 0)) continue;
    const period = r.periodMs ?? 3_600_000;
    const at = r.resetAt !== null ? r.resetAt - period : Math.floor(r.observedAt / period) * period;
    if (peak === null || used > peak.calls) peak = { at, calls: used };
  }

  const tracker = input.tracker && input.tracker.start === start ? input.tracker : null;
  return {
    start,
    end,
    limit: input.limit,
    final: {
      used: Math.round(fin.used),
      low: Math.round(fin.low),
      high: Math.round(fin.high),
      exact,
      basis: fin.basis,
    },
    daily,
    peak,
    probes: { sent: input.probes.sent, billable: input.probes.billable },
    alerts: tracker?.alerts ?? 0,
    ranOutAt,
    checkpoints: tracker?.checkpoints ?? [],
  };
}

/** Adds a record (replacing one for the same cycle), oldest first, at most ARCHIVE_MAX. */
export function appendRecord(archive: readonly CycleRecord[], record: CycleRecord): CycleRecord[] {
  const next = [...archive.filter((r) => r.start !== record.start), record].sort((a, b) => a.start - b.start);
  return next.length > ARCHIVE_MAX ? next.slice(next.length - ARCHIVE_MAX) : next;
}
