// The one place numbers, shares, dates and times become text, for the popover, the tray, the card
// headlines and notifications alike, so "52%" never sits next to "4 %" and a date reads the same
// everywhere. Pure: the locale and the time zone are passed in (the app gives the OS's, tests fix
// them); no Electron, no DOM, so the renderer imports it too.

export interface Fmt {
  locale: string;
  timeZone: string;
  count: Intl.NumberFormat;
  percent: Intl.NumberFormat;
  /** "1 Dec" */
  day: Intl.DateTimeFormat;
  /** "13:00" (the locale's clock) */
  time: Intl.DateTimeFormat;
  /** "Tue 13:00" */
  weekdayTime: Intl.DateTimeFormat;
  /** "1 Dec, 13:00" */
  dateTime: Intl.DateTimeFormat;
  relative: Intl.RelativeTimeFormat;
  /** A calendar-day key in the zone, to tell "today" from another day. */
  dayKey: Intl.DateTimeFormat;
}

export const UNKNOWN = '–';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function validZone(timeZone: string | undefined): string {
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    // An unknown zone (a hand-edited setting, a broken TZ variable) reads as UTC rather than throwing.
    return 'UTC';
  }
}

function validLocale(locale: string | undefined): string {
  try {
    return new Intl.NumberFormat(locale).resolvedOptions().locale;
  } catch {
    return new Intl.NumberFormat().resolvedOptions().locale;
  }
}

// Building Intl formatters costs far more than using them: one set per locale and zone.
const cache = new Map<string, Fmt>();

/** The formatters for a locale and an IANA time zone; undefined = the system's. */
export function createFmt(locale?: string, timeZone?: string): Fmt {
  const resolved = validLocale(locale);
  const zone = validZone(timeZone);
  const id = `${resolved}|${zone}`;
  const hit = cache.get(id);
  if (hit) return hit;
  const fmt: Fmt = {
    locale: resolved,
    timeZone: zone,
    count: new Intl.NumberFormat(resolved, { maximumFractionDigits: 0 }),
    percent: new Intl.NumberFormat(resolved, { style: 'percent', maximumFractionDigits: 0 }),
    day: new Intl.DateTimeFormat(resolved, { day: 'numeric', month: 'short', timeZone: zone }),
    time: new Intl.DateTimeFormat(resolved, { hour: '2-digit', minute: '2-digit', timeZone: zone }),
    weekdayTime: new Intl.DateTimeFormat(resolved, {
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: zone,
    }),
    dateTime: new Intl.DateTimeFormat(resolved, {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: zone,
    }),
    relative: new Intl.RelativeTimeFormat(resolved, { numeric: 'auto', style: 'short' }),
    dayKey: new Intl.DateTimeFormat('en-CA', { dateStyle: 'short', timeZone: zone }),
  };
  cache.set(id, fmt);
  return fmt;
}

// ── numbers ──────────────────────────────────────────────────────────────────────────────────────

export function formatCount(fmt: Fmt, n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return UNKNOWN;
  return fmt.count.format(Math.round(n));
}

/** A share 0..1 as a whole percentage; values just above 0 or below 1 never round to 0 % or 100 %. */
export function formatShare(fmt: Fmt, share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return UNKNOWN;
  const clamped = Math.min(1, Math.max(0, share));
  let pct = Math.round(clamped * 100);
  if (pct === 0 && clamped > 0) pct = 1;
  if (pct === 100 && clamped < 1) pct = 99;
  return fmt.percent.format(pct / 100);
}

/** A whole percentage already computed (e.g. floored so an alert never overstates): 90 -> "90%". */
export function formatPercent(fmt: Fmt, pct: number | null | undefined): string {
  if (pct === null || pct === undefined || !Number.isFinite(pct)) return UNKNOWN;
  return fmt.percent.format(Math.round(pct) / 100);
}

/** "1 call", "2 calls", "1,000 calls": a count with its noun, singular for exactly one. */
export function countOf(fmt: Fmt, n: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(fmt, n)} ${Math.round(n) === 1 ? noun : plural}`;
}

/** The noun alone, singular for exactly one: plural(1, 'interval') = "interval". */
export function plural(n: number, noun: string, many = `${noun}s`): string {
  return Math.round(n) === 1 ? noun : many;
}

// ── dates and times ──────────────────────────────────────────────────────────────────────────────

export function formatDay(fmt: Fmt, at: number): string {
  return fmt.day.format(at);
}

export function formatTime(fmt: Fmt, at: number): string {
  return fmt.time.format(at);
}

export function formatDateTime(fmt: Fmt, at: number): string {
  return fmt.dateTime.format(at);
}

/** "12–17 Dec" (or "30 Nov – 3 Dec"); one day when both ends fall on the same day. */
export function formatDayRange(fmt: Fmt, from: number, to: number): string {
  const [a, b] = from <= to ? [from, to] : [to, from];
  return fmt.day.formatRange(a, b);
}

export function sameDay(fmt: Fmt, a: number, b: number): boolean {
  return fmt.dayKey.format(a) === fmt.dayKey.format(b);
}

/**
 * A moment as a clock reading, for "until …" and "resets …": "13:00" today, "Tue 13:00" within the
 * week, "1 Dec, 13:00" beyond. Always in the user's zone: never UTC unless that is where they are.
 */
export function formatMoment(fmt: Fmt, at: number, now: number): string {
  if (sameDay(fmt, at, now)) return fmt.time.format(at);
  if (Math.abs(at - now) < 6 * DAY) return fmt.weekdayTime.format(at);
  return fmt.dateTime.format(at);
}

/** "in 45 s", "in 12 min", "in 3 h 20 min", "in 3 days": how long until a moment, for a sentence. */
export function formatIn(at: number, now: number): string {
  const s = Math.max(0, Math.round((at - now) / SECOND));
  if (s < 60) return `in ${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `in ${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 === 0 ? `in ${h} h` : `in ${h} h ${m % 60} min`;
  const d = Math.round(h / 24);
  return `in ${d} ${plural(d, 'day')}`;
}

/**
 * Time left as a clock: "0:42", "12:34" under an hour, "3:05:09" under a day, "2 d 04 h" beyond.
 * Rounds up to the second, so a countdown reads "0:01" until the moment it is due, then "0:00".
 * A fixed shape per magnitude lets the digits sit in a fixed-width slot.
 */
export function formatCountdown(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0:00';
  const total = Math.ceil(ms / SECOND);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (total * SECOND >= DAY) {
    const days = Math.floor(total / 86_400);
    const hours = Math.floor((total % 86_400) / 3_600);
    return `${days} d ${pad(hours)} h`;
  }
  const h = Math.floor(total / 3_600);
  const m = Math.floor((total % 3_600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** "3 d 11 h", "2 h 5 min", "12 min": a rough span in words for a sentence. */
export function formatSpan(ms: number): string {
  const min = Math.max(1, Math.round(ms / 60_000));
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
  const d = Math.floor(h / 24);
  return h % 24 === 0 ? `${d} d` : `${d} d ${h % 24} h`;
}

/** Spoken form of a duration: "12 minutes 34 seconds" (the two largest non-zero units). */
export function describeDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return 'now';
  const total = Math.ceil(ms / SECOND);
  const parts: [number, string][] = [
    [Math.floor(total / 86_400), 'day'],
    [Math.floor((total % 86_400) / 3_600), 'hour'],
    [Math.floor((total % 3_600) / 60), 'minute'],
    [total % 60, 'second'],
  ];
  const nonZero = parts.filter(([n]) => n > 0).slice(0, 2);
  return nonZero.map(([n, unit]) => `${n} ${plural(n, unit)}`).join(' ');
}

/** How long ago: "now", "2 min ago", "3 hr ago", "yesterday" (the locale's own words). */
export function formatAge(fmt: Fmt, ageMs: number): string {
  const age = Math.max(0, Number.isFinite(ageMs) ? ageMs : 0);
  if (age < 45 * SECOND) return fmt.relative.format(0, 'second');
  if (age < HOUR) return fmt.relative.format(-Math.max(1, Math.round(age / MINUTE)), 'minute');
  if (age < DAY) return fmt.relative.format(-Math.round(age / HOUR), 'hour');
  return fmt.relative.format(-Math.round(age / DAY), 'day');
}
