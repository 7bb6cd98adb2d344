// Wall-clock time in an IANA time zone, through Intl only (no tz database of our own): the local
// parts of an instant, and the instant of a local time. DST is whatever the runtime's ICU says.
// Formatters and per-hour lookups are cached because the forecaster asks for the local hour of
// hundreds of instants per call; the caches are invisible to callers (same answer, faster).

const HOUR_MS = 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the IANA zone name (e.g. `Europe/Warsaw`, `UTC`). */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone.length === 0 || timeZone.length > 64) return false;
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export interface ZonedParts {
  year: number;
  /** 1..12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday .. 6 = Saturday */
  weekday: number;
}

const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/** The wall-clock parts of an instant in a zone. Throws RangeError for an unknown zone. */
export function zonedParts(at: number, timeZone: string): ZonedParts {
  if (timeZone === 'UTC') {
    const d = new Date(at);
    return {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      weekday: d.getUTCDay(),
    };
  }
  const out: ZonedParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
  for (const p of formatter(timeZone).formatToParts(at)) {
    switch (p.type) {
      case 'year':
        out.year = Number(p.value);
        break;
      case 'month':
        out.month = Number(p.value);
        break;
      case 'day':
        out.day = Number(p.value);
        break;
      case 'hour':
        out.hour = Number(p.value) % 24;
        break;
      case 'minute':
        out.minute = Number(p.value);
        break;
      case 'second':
        out.second = Number(p.value);
        break;
      case 'weekday':
        out.weekday = WEEKDAYS[p.value] ?? 0;
        break;
    }
  }
  return out;
}

/** Local wall-clock minus UTC at an instant, in ms (e.g. +3,600,000 for CET). */
export function offsetMs(at: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  const p = zonedParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(at / 1000) * 1000;
}

export interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour?: number;
  minute?: number;
}

/**
 * The instant a local wall-clock time names. A time skipped by a DST jump resolves to the same
 * distance past the jump (02:30 on a spring-forward night is 03:30); a repeated time resolves to
 * its first occurrence. Month overflow is normalised the way Date.UTC does it.
 */
export function zonedTimeToUtc(local: LocalTime, timeZone: string): number {
  const guess = Date.UTC(local.year, local.month - 1, local.day, local.hour ?? 0, local.minute ?? 0);
  if (timeZone === 'UTC') return guess;
  // The offsets in force a day either side cover every transition a local time can sit in.
  const before = guess - offsetMs(guess - 86_400_000, timeZone);
  const after = guess - offsetMs(guess + 86_400_000, timeZone);
  const names = (utc: number) => utc + offsetMs(utc, timeZone) === guess;
  const valid = [before, after].filter(names).sort((a, b) => a - b);
  if (valid.length > 0) return valid[0] as number;
  // Skipped: read with the offset before the jump, which lands as far past it.
  return before;
}

/** Days in a month (1..12) of a year. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// Local hour-of-day and weekday per UTC hour, per zone. Offsets are whole or half hours in every
// zone in use today; a sub-hour offset is kept as the local minute so hour bins can be split.
const hourCaches = new Map<string, Map<number, number>>();
const CACHE_CAP = 200_000;

/**
 * The local (hour of day 0..23, weekday 0..6, minute offset 0..59) of the UTC hour that contains
 * `at`, packed as hour + 24 * weekday + 168 * minuteOffset. Use `localSlot` to unpack.
 */
function packedLocalHour(at: number, timeZone: string): number {
  const utcHour = Math.floor(at / HOUR_MS);
  if (timeZone === 'UTC') {
    const d = new Date(utcHour * HOUR_MS);
    return d.getUTCHours() + 24 * d.getUTCDay();
  }
  let cache = hourCaches.get(timeZone);
  if (!cache) {
    cache = new Map();
    hourCaches.set(timeZone, cache);
  }
  const hit = cache.get(utcHour);
  if (hit !== undefined) return hit;
  if (cache.size > CACHE_CAP) cache.clear();
  const p = zonedParts(utcHour * HOUR_MS, timeZone);
  const packed = p.hour + 24 * p.weekday + 168 * p.minute;
  cache.set(utcHour, packed);
  return packed;
}

export interface LocalSlot {
  /** Local hour of day, 0..23, of the start of the UTC hour containing the instant. */
  hour: number;
  /** Local weekday, 0 = Sunday. */
  weekday: number;
}

/** Local hour of day and weekday of the UTC hour containing `at` (cached per zone). */
export function localSlot(at: number, timeZone: string): LocalSlot {
  const packed = packedLocalHour(at, timeZone) % 168;
  return { hour: packed % 24, weekday: Math.floor(packed / 24) };
}

/** Hour-of-week index (0..167, Sunday 00:00 local = 0) of the UTC hour containing `at`. */
export function hourOfWeek(at: number, timeZone: string): number {
  return packedLocalHour(at, timeZone) % 168;
}
