// What an export holds: the observations (window readings, dashboard readings, cycle breaches),
// usage per local day, and the cycle archive, for one or all keys, optionally limited to a time
// range. Pure: built from the persisted runtime state, so the app, the CLI and `serve` give the same
// file. Times are epoch ms here; the formats write ISO 8601 UTC. No secret is ever part of it (the
// runtime state holds none; key names and ids only).
import { z } from 'zod';
import type { RequestWindowReading } from '../core/cycle/estimator';
import type { UsagePoint } from '../core/forecast/types';
import { archiveCycle, dayEnds, type CycleRecord } from '../core/history/archive';

export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportFilterSchema = z.object({
  /** A key's name or id (case-insensitive); absent = every key. */
  key: z.string().min(1).max(100).optional(),
  from: z.number().finite().optional(),
  to: z.number().finite().optional(),
});
export type ExportFilter = z.infer<typeof exportFilterSchema>;

export interface ObservationRow {
  key: string;
  keyId: string;
  at: number;
  /** window: a probe's (or passive) request-window reading; dashboard: a reading the user entered; breach: a 429 api_calls_cycle. */
  kind: 'window' | 'dashboard' | 'breach';
  windowLimit: number | null;
  windowRemaining: number | null;
  windowResetAt: number | null;
  windowPeriodS: number | null;
  /** dashboard: the cycle usage entered. */
  cycleUsed: number | null;
}

export interface DayRow {
  key: string;
  keyId: string;
  cycleStart: number;
  dayStart: number;
  dayEnd: number;
  calls: number;
  /** false for the day still under way. */
  complete: boolean;
}

export interface CycleRow {
  key: string;
  keyId: string;
  start: number;
  end: number;
  limit: number | null;
  used: number;
  low: number;
  high: number;
  exact: boolean;
  basis: CycleRecord['final']['basis'];
  ranOutAt: number | null;
  peakAt: number | null;
  peakCalls: number | null;
  probesSent: number;
  probesBillable: number;
  alertsSent: number;
  /** What the forecast said at 25 / 50 / 75 % of the cycle (null where none was noted). */
  forecast25RunOutAt: number | null;
  forecast25Probability: number | null;
  forecast50RunOutAt: number | null;
  forecast50Probability: number | null;
  forecast75RunOutAt: number | null;
  forecast75Probability: number | null;
}

export interface ExportData {
  generatedAt: number;
  observations: ObservationRow[];
  daily: DayRow[];
  cycles: CycleRow[];
}

/** One key as the export reads it from the runtime state and settings. */
export interface ExportKey {
  id: string;
  name: string;
  timeZone: string;
  /** The plan's cycle quota, for the current cycle's daily figures. */
  limit: number | null;
  /** The current cycle (null when the key's cycle is unknown). */
  cycle: { start: number; end: number } | null;
  readings: readonly RequestWindowReading[];
  cycleBreaches: readonly number[];
  dashboard: readonly UsagePoint[];
  archive: readonly CycleRecord[];
  /** The monitor's probes this cycle. */
  probes: { sent: number; billable: number };
}

const inRange = (f: ExportFilter, t: number) =>
  (f.from === undefined || t >= f.from) && (f.to === undefined || t < f.to);
const overlaps = (f: ExportFilter, a: number, b: number) =>
  (f.from === undefined || b > f.from) && (f.to === undefined || a < f.to);

export function matchesKey(filter: ExportFilter, key: { id: string; name: string }): boolean {
  if (filter.key === undefined) return true;
  const k = filter.key.toLowerCase();
  return key.id.toLowerCase() === k || key.name.toLowerCase() === k;
}

function dayRows(key: ExportKey, record: CycleRecord, now: number | null): DayRow[] {
  const rows: DayRow[] = [];
  // The record's days in order; their bounds are the local midnights (see archive.dayEnds).
  let from = record.start;
  const ends = dayEndsOf(record, key.timeZone);
  record.daily.forEach((calls, i) => {
    const to = ends[i] ?? record.end;
    rows.push({
      key: key.name,
      keyId: key.id,
      cycleStart: record.start,
      dayStart: from,
      dayEnd: to,
      calls,
      complete: now === null || to < now,
    });
    from = to;
  });
  return rows;
}

function dayEndsOf(record: CycleRecord, timeZone: string): number[] {
  return dayEnds(record.start, record.end, timeZone);
}

export function buildExport(keys: readonly ExportKey[], filter: ExportFilter, now: number): ExportData {
  const observations: ObservationRow[] = [];
  const daily: DayRow[] = [];
  const cycles: CycleRow[] = [];
  for (const key of keys) {
    if (!matchesKey(filter, key)) continue;
    const base = { key: key.name, keyId: key.id };
    for (const r of key.readings) {
      if (!inRange(filter, r.observedAt)) continue;
      observations.push({
        ...base,
        at: r.observedAt,
        kind: 'window',
        windowLimit: r.limit ?? null,
        windowRemaining: r.remaining ?? null,
        windowResetAt: r.resetAt,
        windowPeriodS: r.periodMs === null ? null : r.periodMs / 1000,
        cycleUsed: null,
      });
    }
    for (const d of key.dashboard) {
      if (!inRange(filter, d.at)) continue;
      observations.push({ ...base, ...emptyWindow, at: d.at, kind: 'dashboard', cycleUsed: d.used });
    }
    for (const t of key.cycleBreaches) {
      if (!inRange(filter, t)) continue;
      observations.push({ ...base, ...emptyWindow, at: t, kind: 'breach', cycleUsed: null });
    }

    const records: { record: CycleRecord; now: number | null }[] = key.archive.map((record) => ({
      record,
      now: null,
    }));
    // The cycle under way: its days so far, from what has been observed (not archived).
    if (key.cycle && now > key.cycle.start) {
      const end = Math.min(now, key.cycle.end);
      const current = archiveCycle({
        cycle: { start: key.cycle.start, end },
        timeZone: key.timeZone,
        limit: key.limit,
        readings: key.readings,
        cycleBreaches: key.cycleBreaches,
        dashboard: key.dashboard,
        probes: key.probes,
        tracker: null,
      });
      const seen = key.readings.some((r) => r.observedAt >= key.cycle!.start) || key.dashboard.length > 0;
      if (seen) records.push({ record: current, now });
    }
    for (const { record, now: at } of records) {
      for (const row of dayRows(key, record, at))
        if (overlaps(filter, row.dayStart, row.dayEnd)) daily.push(row);
    }
    for (const r of key.archive) {
      if (!overlaps(filter, r.start, r.end)) continue;
      const cp = (share: 25 | 50 | 75) => r.checkpoints.find((c) => c.share === share);
      cycles.push({
        ...base,
        start: r.start,
        end: r.end,
        limit: r.limit,
        used: r.final.used,
        low: r.final.low,
        high: r.final.high,
        exact: r.final.exact,
        basis: r.final.basis,
        ranOutAt: r.ranOutAt,
        peakAt: r.peak?.at ?? null,
        peakCalls: r.peak?.calls ?? null,
        probesSent: r.probes.sent,
        probesBillable: r.probes.billable,
        alertsSent: r.alerts,
        forecast25RunOutAt: cp(25)?.runOutAt ?? null,
        forecast25Probability: cp(25)?.probability ?? null,
        forecast50RunOutAt: cp(50)?.runOutAt ?? null,
        forecast50Probability: cp(50)?.probability ?? null,
        forecast75RunOutAt: cp(75)?.runOutAt ?? null,
        forecast75Probability: cp(75)?.probability ?? null,
      });
    }
  }
  observations.sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
  daily.sort((a, b) => a.dayStart - b.dayStart || a.key.localeCompare(b.key));
  cycles.sort((a, b) => a.start - b.start || a.key.localeCompare(b.key));
  return { generatedAt: now, observations, daily, cycles };
}

const emptyWindow = {
  windowLimit: null,
  windowRemaining: null,
  windowResetAt: null,
  windowPeriodS: null,
} as const;
