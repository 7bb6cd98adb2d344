// Wall-clock arithmetic in a given IANA time zone, for quiet hours, "until tomorrow" and message
// text. Pure: the zone is passed in, never read from the machine, so tests can fix it.

export interface LocalZone {
  /** IANA time zone, e.g. "Europe/Warsaw". */
  timeZone: string;
  /** BCP 47 locale for numbers and dates, e.g. "en-GB". */
  locale: string;
}

interface WallClock {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

/** A zone that Intl accepts; an unknown one falls back to UTC rather than throwing mid-evaluation. */
export function safeTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: safeTimeZone(timeZone),
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at the instant `ms`. */
export function wallClock(ms: number, timeZone: string): WallClock {
  const out: Record<string, number> = {};
  for (const p of partsFormatter(timeZone).formatToParts(ms)) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 1970,
    month: out.month ?? 1,
    day: out.day ?? 1,
    hour: (out.hour ?? 0) % 24,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

function offsetAt(ms: number, timeZone: string): number {
  const w = wallClock(ms, timeZone);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant when the wall clock in `timeZone` reads the given local time. Day overflow is allowed
 * (day + 1 is tomorrow). A time skipped by a DST jump resolves to the instant just after the jump.
 */
export function localToEpoch(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - offsetAt(guess, timeZone);
  const second = guess - offsetAt(first, timeZone);
  return second;
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
