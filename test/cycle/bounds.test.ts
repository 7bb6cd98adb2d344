import { describe, expect, it } from 'vitest';
import { cycleBounds, cycleSpecFrom, cycleSpecSchema } from '../../electron/core/cycle/bounds';
import { hourOfWeek, localSlot, zonedParts, zonedTimeToUtc } from '../../electron/core/time/zoned';

const t = (s: string) => Date.parse(s);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('cycle bounds', () => {
  it('renews monthly on the day, in UTC by default', () => {
    const b = cycleBounds({ renewalDay: 1 }, t('2026-04-17T10:00:00Z'));
    expect(b).toEqual({ start: t('2026-04-01T00:00:00Z'), end: t('2026-05-01T00:00:00Z') });
  });

  it('puts the renewal instant itself in the new cycle', () => {
    const b = cycleBounds({ renewalDay: 15 }, t('2026-04-15T00:00:00Z'));
    expect(b.start).toBe(t('2026-04-15T00:00:00Z'));
    expect(b.end).toBe(t('2026-05-15T00:00:00Z'));
    const before = cycleBounds({ renewalDay: 15 }, t('2026-04-14T23:59:59.999Z'));
    expect(before.end).toBe(t('2026-04-15T00:00:00Z'));
  });

  it('clamps a renewal day past the end of a short month to its last day', () => {
    expect(cycleBounds({ renewalDay: 31 }, t('2026-04-20T00:00:00Z'))).toEqual({
      start: t('2026-03-31T00:00:00Z'),
      end: t('2026-04-30T00:00:00Z'),
    });
    // Leap year February, then back to the 31st in March.
    expect(cycleBounds({ renewalDay: 31 }, t('2028-03-10T00:00:00Z'))).toEqual({
      start: t('2028-02-29T00:00:00Z'),
      end: t('2028-03-31T00:00:00Z'),
    });
  });

  it('counts the renewal in the account zone, across a spring DST change (one hour shorter)', () => {
    // Warsaw: CET (+1) until 29 March 2026 01:00 UTC, then CEST (+2).
    const b = cycleBounds({ renewalDay: 15, timeZone: 'Europe/Warsaw' }, t('2026-03-30T12:00:00Z'));
    expect(b.start).toBe(t('2026-03-14T23:00:00Z'));
    expect(b.end).toBe(t('2026-04-14T22:00:00Z'));
    expect(b.end - b.start).toBe(31 * DAY - HOUR);
  });

  it('is one hour longer across an autumn DST change', () => {
    // New York: EDT (-4) until 1 November 2026 06:00 UTC, then EST (-5).
    const b = cycleBounds({ renewalDay: 20, timeZone: 'America/New_York' }, t('2026-11-05T00:00:00Z'));
    expect(b.start).toBe(t('2026-10-20T04:00:00Z'));
    expect(b.end).toBe(t('2026-11-20T05:00:00Z'));
    expect(b.end - b.start).toBe(31 * DAY + HOUR);
  });

  it('resolves a renewal time skipped by DST to the moment after the jump', () => {
    // 8 March 2026, 02:30 does not exist in New York (02:00 -> 03:00 EDT).
    const at = zonedTimeToUtc({ year: 2026, month: 3, day: 8, hour: 2, minute: 30 }, 'America/New_York');
    expect(zonedParts(at, 'America/New_York')).toMatchObject({ hour: 3, minute: 30 });
    const warsaw = zonedTimeToUtc({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Warsaw');
    expect(zonedParts(warsaw, 'Europe/Warsaw')).toMatchObject({ hour: 3, minute: 30 });
    // 01:30 happens twice in New York on 1 November 2026: the first (EDT) is taken.
    expect(zonedTimeToUtc({ year: 2026, month: 11, day: 1, hour: 1, minute: 30 }, 'America/New_York')).toBe(
      t('2026-11-01T05:30:00Z'),
    );
    const b = cycleBounds(
      { renewalDay: 8, renewalHour: 2, renewalMinute: 30, timeZone: 'America/New_York' },
      t('2026-03-20T00:00:00Z'),
    );
    expect(b.start).toBe(at);
  });

  it('supports zones with half-hour offsets', () => {
    const b = cycleBounds({ renewalDay: 1, timeZone: 'Asia/Kolkata' }, t('2026-06-10T00:00:00Z'));
    expect(b.start).toBe(t('2026-05-31T18:30:00Z'));
  });

  it('rejects an unknown time zone with a clear message', () => {
    const r = cycleSpecSchema.safeParse({ renewalDay: 1, timeZone: 'Mars/Olympus_Mons' });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.message).toMatch(/not a known IANA time zone/);
    expect(() => cycleBounds({ renewalDay: 0 }, 0)).toThrow();
  });

  it('derives a spec from a start moment', () => {
    const start = t('2026-04-10T22:00:00Z');
    const spec = cycleSpecFrom(start, 'Europe/Warsaw');
    expect(spec).toMatchObject({ renewalDay: 11, renewalHour: 0, renewalMinute: 0 });
    expect(cycleBounds(spec, start + DAY).start).toBe(start);
  });
});

describe('local hour slots', () => {
  it('follows the zone through a DST change', () => {
    // The hour after 29 March 2026 01:00 UTC is 03:00 in Warsaw (02:00 never happens).
    expect(localSlot(t('2026-03-29T00:30:00Z'), 'Europe/Warsaw').hour).toBe(1);
    expect(localSlot(t('2026-03-29T01:30:00Z'), 'Europe/Warsaw').hour).toBe(3);
    expect(localSlot(t('2026-03-29T01:30:00Z'), 'Europe/Warsaw').weekday).toBe(0);
    expect(hourOfWeek(t('2026-03-29T01:30:00Z'), 'Europe/Warsaw')).toBe(3);
    expect(hourOfWeek(t('2026-03-30T00:00:00Z'), 'UTC')).toBe(24);
  });
});
