// Wall-clock arithmetic in a given IANA time zone, for quiet hours, "until tomorrow" and message
// text, on top of time/zoned. Pure: the zone is passed in, never read from the machine, so tests can fix it.
import { isValidTimeZone, zonedParts, zonedTimeToUtc, type ZonedParts } from '../time/zoned';

export interface LocalZone {
  /** IANA time zone, e.g. "Europe/Warsaw". */
  timeZone: string;
  /** BCP 47 locale for numbers and dates, e.g. "en-GB". */
  locale: string;
}

type WallClock = ZonedParts;

/** A zone that Intl accepts; an unknown one falls back to UTC rather than throwing mid-evaluation. */
export function safeTimeZone(timeZone: string): string {
  return isValidTimeZone(timeZone) ? timeZone : 'UTC';
}

/** The wall clock in `timeZone` at the instant `ms`. */
export function wallClock(ms: number, timeZone: string): WallClock {
  return zonedParts(ms, safeTimeZone(timeZone));
}

/**
 * The instant when the wall clock in `timeZone` reads the given local time. Day overflow is allowed
 * (day + 1 is tomorrow). A time skipped by a DST jump resolves to as far past the jump.
 */
export function localToEpoch(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  return zonedTimeToUtc({ year, month, day, hour, minute }, safeTimeZone(timeZone));
}

/** Minutes since local midnight, 0..1439. */
export function minuteOfDay(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return w.hour * 60 + w.minute;
}

/** The next local midnight after `ms` (the start of tomorrow). */
export function startOfTomorrow(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  return localToEpoch(w.year, w.month, w.day + 1, 0, 0, timeZone);
}

/** The next instant after `ms` at which the local clock reads `minute` minutes past midnight. */
export function nextLocalMinute(ms: number, minute: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const today = localToEpoch(w.year, w.month, w.day, Math.floor(minute / 60), minute % 60, timeZone);
  if (today > ms) return today;
  return localToEpoch(w.year, w.month, w.day + 1, Math.floor(minute / 60), minute % 60, timeZone);
}

export function sameLocalDay(a: number, b: number, timeZone: string): boolean {
  const x = wallClock(a, timeZone);
  const y = wallClock(b, timeZone);
  return x.year === y.year && x.month === y.month && x.day === y.day;
}
