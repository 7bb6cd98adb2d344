// One step of a key's history, run by the service after every insight: when the cycle the tracker
// notes belongs to is over, it becomes an archive record; the current cycle gets a tracker; the
// forecast is noted at its checkpoints. Pure; returns the same objects when nothing changed.
import type { RequestWindowReading } from '../cycle/estimator';
import type { UsagePoint } from '../forecast/types';
import {
  appendRecord,
  archiveCycle,
  newTracker,
  noteForecast,
  type CycleRecord,
  type CycleTracker,
} from './archive';

export interface HistoryState {
  readings: readonly RequestWindowReading[];
  cycleBreaches: readonly number[];
  dashboard: readonly UsagePoint[];
  archive: CycleRecord[];
  tracker: CycleTracker | null;
}

export interface RollInput {
  now: number;
  cycle: { start: number; end: number };
  timeZone: string;
  limit: number | null;
  state: HistoryState;
  /** The monitor's probes in a given cycle (the spend ledger). */
  probesIn: (cycle: { start: number; end: number }) => { sent: number; billable: number };
  used: number | null;
  forecast: { status: string; runOutAt: number | null; probabilityRunOut: number | null } | null;
}

export interface Rolled {
  archive: CycleRecord[];
  tracker: CycleTracker;
  /** The record made at this step (a renewal), if any. */
  archived: CycleRecord | null;
}

export function rollHistory(input: RollInput): Rolled {
  const { now, cycle, state } = input;
  let archive = state.archive;
  let tracker = state.tracker;
  let archived: CycleRecord | null = null;
  if (tracker && tracker.end <= now) {
    const t = tracker;
    const inside = (at: number) => at >= t.start && at < t.end;
    const seen =
      state.readings.some((r) => inside(r.observedAt)) ||
      state.cycleBreaches.some(inside) ||
      state.dashboard.some((p) => inside(p.at));
    // A cycle nothing was observed in has no figure to keep.
    if (seen) {
      archived = archiveCycle({
        cycle: { start: t.start, end: t.end },
        timeZone: input.timeZone,
        limit: input.limit,
        readings: state.readings,
        cycleBreaches: state.cycleBreaches,
        dashboard: state.dashboard,
        probes: input.probesIn(t),
        tracker: t,
      });
      archive = appendRecord(archive, archived);
    }
    tracker = null;
  }
  if (!tracker || tracker.start !== cycle.start) tracker = newTracker(cycle);
  tracker = noteForecast(tracker, now, input.used, input.forecast);
  return { archive, tracker, archived };
}
