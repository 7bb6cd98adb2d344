// The cycle archive at renewal (issue 15): across DST changes and months of 28 to 31 days, each local
// day gets its own figure, the days add up to the cycle's final figure, the record is exact only
// when something pins it, and the archive keeps at most 24 cycles per key.
import { describe, expect, it } from 'vitest';
import { cycleBounds } from '../../electron/core/cycle/bounds';
import {
  ARCHIVE_MAX,
  appendRecord,
  archiveCycle,
  dayEnds,
  type CycleRecord,
} from '../../electron/core/history/archive';
import { rollHistory, type HistoryState } from '../../electron/core/history/roll';
import { keyHistory, trackRecord } from '../../electron/core/history/summary';
import { zonedParts } from '../../electron/core/time/zoned';
import type { RequestWindowReading } from '../../electron/core/cycle/estimator';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A probe just before the end of every hour, seeing `perHour` calls (its own included). */
function everyHour(start: number, end: number, perHour: (t: number) => number): RequestWindowReading[] {
  const out: RequestWindowReading[] = [];
  for (let t = start; t + HOUR <= end; t += HOUR) {
    const used = perHour(t);
    out.push({
      observedAt: t + HOUR - 1,
      limit: 2_000,
      remaining: 2_000 - used,
      resetAt: t + HOUR,
      periodMs: HOUR,
    });
  }
  return out;
}

describe('cycle archive at renewal', () => {
  const cases = [
    {
      name: 'February (28 days), Berlin',
      spec: { renewalDay: 1, timeZone: 'Europe/Berlin' },
      at: '2027-02-10T12:00:00Z',
      days: 28,
      hours: [] as number[],
    },
    {
      name: 'March into April across spring-forward (a 23-hour day), Berlin',
      spec: { renewalDay: 15, timeZone: 'Europe/Berlin' },
      at: '2027-03-20T12:00:00Z',
      days: 31,
      hours: [23],
    },
    {
      name: 'October into November across fall-back (a 25-hour day), New York',
      spec: { renewalDay: 20, timeZone: 'America/New_York' },
      at: '2027-10-25T12:00:00Z',
      days: 31,
      hours: [25],
    },
    {
      name: 'renewal day 31 clamped to April 30, UTC',
      spec: { renewalDay: 31, timeZone: 'UTC' },
      at: '2027-04-10T12:00:00Z',
      days: 30,
      hours: [] as number[],
    },
    {
      name: 'leap February 2028, Sydney (no DST change that month)',
      spec: { renewalDay: 1, timeZone: 'Australia/Sydney' },
      at: '2028-02-10T12:00:00Z',
      days: 29,
      hours: [] as number[],
    },
  ];

  it.each(cases)(
    '$name: one figure per local day, adding up to the final figure',
    ({ spec, at, days, hours }) => {
      const cycle = cycleBounds(spec, Date.parse(at));
      const ends = dayEnds(cycle.start, cycle.end, spec.timeZone);
      expect(ends).toHaveLength(days);
      // Every day ends at a local midnight (the renewal is at 00:00 local here).
      for (const e of ends) expect(zonedParts(e, spec.timeZone).hour).toBe(0);
      const lengths = ends.map((e, i) => (e - (i === 0 ? cycle.start : (ends[i - 1] as number))) / HOUR);
      expect(lengths.filter((h) => h !== 24)).toEqual(hours);

      // Every hour seen, 10 calls an hour: each day is exactly its hours times 10.
      const record = archiveCycle({
        cycle,
        timeZone: spec.timeZone,
        limit: 30_000,
        readings: everyHour(cycle.start, cycle.end, () => 10),
        cycleBreaches: [],
        dashboard: [],
        probes: { sent: 0, billable: 0 },
        tracker: null,
      });
      expect(record.daily).toHaveLength(days);
      // (within a call or two: the seconds between a probe and its window's end are inferred)
      record.daily.forEach((calls, i) =>
        expect(Math.abs(calls - (lengths[i] as number) * 10)).toBeLessThanOrEqual(2),
      );
      expect(record.daily.reduce((a, b) => a + b, 0)).toBe(record.final.used);
      expect(Math.abs(record.final.used - ((cycle.end - cycle.start) / HOUR) * 10)).toBeLessThanOrEqual(3);
      // Every hour of the cycle was measured: the figure is exact, no band.
      expect(record.final.exact).toBe(true);
      expect(record.final.high - record.final.low).toBeLessThanOrEqual(3);
      expect(record.ranOutAt).toBeNull();
    },
  );

  it('an estimated cycle keeps its band; a breach pins it at the limit and says when it ran out', () => {
    const cycle = cycleBounds({ renewalDay: 1, timeZone: 'UTC' }, Date.parse('2027-06-10T00:00:00Z'));
    // A probe every 7 hours: most hours inferred.
    const readings = everyHour(cycle.start, cycle.end, (t) => 20 + ((t / HOUR) % 24 < 12 ? 10 : 0)).filter(
      (_, i) => i % 7 === 0,
    );
    const est = archiveCycle({
      cycle,
      timeZone: 'UTC',
      limit: 30_000,
      readings,
      cycleBreaches: [],
      dashboard: [],
      probes: { sent: 103, billable: 103 },
      tracker: null,
    });
    expect(est.final.exact).toBe(false);
    expect(est.final.basis).toBe('observed');
    expect(est.final.low).toBeLessThan(est.final.used);
    expect(est.final.high).toBeGreaterThan(est.final.used);
    expect(est.probes.sent).toBe(103);
    expect(est.peak?.calls).toBe(30);

    const breachAt = cycle.start + 20 * DAY + 5 * HOUR;
    const out = archiveCycle({
      cycle,
      timeZone: 'UTC',
      limit: 10_000,
      readings,
      cycleBreaches: [breachAt],
      dashboard: [],
      probes: { sent: 103, billable: 103 },
      tracker: null,
    });
    expect(out.final).toMatchObject({
      used: 10_000,
      low: 10_000,
      high: 10_000,
      exact: true,
      basis: 'breach',
    });
    expect(out.ranOutAt).toBe(breachAt);
  });

  it('a dashboard reading at the very end pins the figure; one mid-cycle does not', () => {
    const cycle = cycleBounds({ renewalDay: 1, timeZone: 'UTC' }, Date.parse('2027-06-10T00:00:00Z'));
    const readings = everyHour(cycle.start, cycle.end, () => 20).filter((_, i) => i % 7 === 0);
    const base = {
      cycle,
      timeZone: 'UTC',
      limit: 30_000,
      readings,
      cycleBreaches: [],
      probes: { sent: 0, billable: 0 },
      tracker: null,
    };
    const atEnd = archiveCycle({ ...base, dashboard: [{ at: cycle.end - 10 * 60_000, used: 14_000 }] });
    expect(atEnd.final.exact).toBe(true);
    expect(atEnd.final.used).toBeGreaterThanOrEqual(14_000);
    const mid = archiveCycle({ ...base, dashboard: [{ at: cycle.start + 10 * DAY, used: 4_000 }] });
    expect(mid.final.exact).toBe(false);
  });

  it('renewal: the finished cycle becomes a record with its checkpoints and alerts; a new tracker starts', () => {
    const spec = { renewalDay: 1, timeZone: 'Europe/Berlin' };
    const first = cycleBounds(spec, Date.parse('2027-03-10T00:00:00Z'));
    const readings = everyHour(first.start, first.end, () => 10);
    let state: HistoryState = { readings: [], cycleBreaches: [], dashboard: [], archive: [], tracker: null };
    const forecast = (runOutAt: number | null) => ({
      status: 'ok',
      runOutAt,
      probabilityRunOut: runOutAt ? 0.8 : 0.1,
    });
    // The service rolls after every insight; here at a few moments of the cycle.
    for (const share of [0.1, 0.26, 0.51, 0.9]) {
      const now = first.start + share * (first.end - first.start);
      const rolled = rollHistory({
        now,
        cycle: first,
        timeZone: spec.timeZone,
        limit: 30_000,
        state: { ...state, readings: readings.filter((r) => r.observedAt <= now) },
        probesIn: () => ({ sent: 40, billable: 40 }),
        used: 1_000 * share,
        forecast: forecast(null),
      });
      state = { ...state, archive: rolled.archive, tracker: rolled.tracker };
      expect(rolled.archived).toBeNull();
    }
    // 0.9 is late for the 75 % point (more than 5 % of the cycle after it): not recorded.
    expect(state.tracker?.checkpoints.map((c) => c.share)).toEqual([25, 50]);
    state = { ...state, tracker: { ...(state.tracker as NonNullable<HistoryState['tracker']>), alerts: 2 } };

    const second = cycleBounds(spec, first.end + HOUR);
    const rolled = rollHistory({
      now: first.end + HOUR,
      cycle: second,
      timeZone: spec.timeZone,
      limit: 30_000,
      state: { ...state, readings },
      probesIn: (c) => (c.start === first.start ? { sent: 40, billable: 40 } : { sent: 0, billable: 0 }),
      used: null,
      forecast: null,
    });
    expect(rolled.archived).not.toBeNull();
    expect(rolled.archive).toHaveLength(1);
    const rec = rolled.archive[0] as CycleRecord;
    expect(rec).toMatchObject({
      start: first.start,
      end: first.end,
      alerts: 2,
      probes: { sent: 40, billable: 40 },
    });
    expect(rec.checkpoints.map((c) => c.share)).toEqual([25, 50]);
    expect(rec.daily).toHaveLength(31);
    expect(rolled.tracker).toMatchObject({
      start: second.start,
      end: second.end,
      alerts: 0,
      checkpoints: [],
    });
    // Rolling again in the new cycle archives nothing more.
    const again = rollHistory({
      now: first.end + 2 * HOUR,
      cycle: second,
      timeZone: spec.timeZone,
      limit: 30_000,
      state: { ...state, readings, archive: rolled.archive, tracker: rolled.tracker },
      probesIn: () => ({ sent: 0, billable: 0 }),
      used: null,
      forecast: null,
    });
    expect(again.archived).toBeNull();
    expect(again.archive).toBe(rolled.archive);
  });

  it('keeps at most 24 cycles, oldest dropped, and replaces a cycle recorded twice', () => {
    let archive: CycleRecord[] = [];
    const rec = (i: number): CycleRecord => ({
      start: i * 30 * DAY,
      end: (i + 1) * 30 * DAY,
      limit: 100,
      final: { used: i, low: i, high: i, exact: true, basis: 'observed' },
      daily: [],
      peak: null,
      probes: { sent: 0, billable: 0 },
      alerts: 0,
      ranOutAt: null,
      checkpoints: [],
    });
    for (let i = 0; i < 30; i++) archive = appendRecord(archive, rec(i));
    expect(archive).toHaveLength(ARCHIVE_MAX);
    expect(archive[0]?.final.used).toBe(6);
    archive = appendRecord(archive, { ...rec(29), alerts: 5 });
    expect(archive).toHaveLength(ARCHIVE_MAX);
    expect(archive.at(-1)?.alerts).toBe(5);
  });
});

describe('history summary', () => {
  const cycle = (i: number, over: Partial<CycleRecord> = {}): CycleRecord => {
    const start = Date.UTC(2027, i, 1);
    const end = Date.UTC(2027, i + 1, 1);
    const days = Math.round((end - start) / DAY);
    return {
      start,
      end,
      limit: 30_000,
      final: { used: days * 900, low: days * 880, high: days * 920, exact: false, basis: 'observed' },
      daily: Array.from({ length: days }, () => 900),
      peak: null,
      probes: { sent: 250, billable: 250 },
      alerts: 1,
      ranOutAt: null,
      checkpoints: [25, 50, 75].map((share) => ({
        share: share as 25 | 50 | 75,
        at: start + (share / 100) * (end - start),
        used: 0,
        runOutAt: null,
        probability: 0.1,
      })),
      ...over,
    };
  };

  it('states the track record in one sentence: mean error in days and how often "runs out" was right', () => {
    // March lasted and every checkpoint said so: 0 days off, right 3 times. May ran out on the 29th;
    // the checkpoints said the 30th (1 day off), the 29th (0) and "lasts" (3 days off, to Jun 1; wrong).
    const may = cycle(4, {
      ranOutAt: Date.UTC(2027, 4, 29),
      checkpoints: [
        { share: 25, at: Date.UTC(2027, 4, 8), used: 0, runOutAt: Date.UTC(2027, 4, 30), probability: 0.7 },
        { share: 50, at: Date.UTC(2027, 4, 16), used: 0, runOutAt: Date.UTC(2027, 4, 29), probability: 0.9 },
        { share: 75, at: Date.UTC(2027, 4, 24), used: 0, runOutAt: null, probability: 0.3 },
      ],
    });
    const t = trackRecord([cycle(0, { checkpoints: [] }), cycle(2), may]);
    expect(t).toMatchObject({ cycles: 2, checkpoints: 6, right: 5 });
    expect(t?.meanErrorDays).toBeCloseTo(4 / 6, 6);
    expect(t?.sentence).toBe(
      'Last 2 cycles: run-out forecasts were within 16 hours on average; "runs out before renewal" was right 5 of 6 times.',
    );
    expect(trackRecord([cycle(0, { checkpoints: [] })])).toBeNull();
  });

  it('compares the current cycle with the same point of the previous ones', () => {
    const archive = [cycle(0), cycle(1), cycle(2)];
    const start = Date.UTC(2027, 3, 1);
    const end = Date.UTC(2027, 4, 1);
    const now = start + 10 * DAY;
    const v = keyHistory({
      keyId: 'k',
      keyName: 'Prod',
      limit: 30_000,
      archive,
      timeZone: 'UTC',
      now,
      current: { start, end, used: 12_000 },
    });
    expect(v.cycles).toHaveLength(3);
    // 10 days of 30 = a third: Jan (31 d) had used 31/3 days * 900 by then.
    expect(v.samePoint?.previous.map((p) => p.used)).toEqual([
      Math.round((31 / 3) * 900), // March, newest first
      Math.round((28 / 3) * 900),
      Math.round((31 / 3) * 900),
    ]);
    expect(v.samePoint?.sentence).toMatch(
      /^Day 11: 12,000 calls so far; the last 3 cycles had used 9,300, 8,400, 9,300 by the same point, \d+% more\.$/,
    );
  });
});
