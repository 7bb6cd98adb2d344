// Countdowns, ages, days and day ranges. Countdowns keep a fixed shape per magnitude so the digits
// can sit in a fixed-width slot and a ticking second never moves the layout.
import type { Fmt } from './locale';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Time left as a clock: "0:42", "12:34" under an hour, "3:05:09" under a day, "2 d 04 h" beyond.
 * Rounds up to the second, so a countdown reads "0:01" until the moment it is due, then "0:00".
 */
export function formatCountdown(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0:00';
  const total = Math.ceil(ms / SECOND);
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

/** Spoken form of a countdown for assistive technology: "12 minutes 34 seconds". */
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
  return nonZero.map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`).join(' ');
}

/** How long ago: "now", "2 min. ago", "3 hr. ago", "yesterday" (the locale's own words). */
export function formatAge(fmt: Fmt, ageMs: number): string {
  const age = Math.max(0, Number.isFinite(ageMs) ? ageMs : 0);
  if (age < 45 * SECOND) return fmt.relative.format(0, 'second');
  if (age < HOUR) return fmt.relative.format(-Math.max(1, Math.round(age / MINUTE)), 'minute');
  if (age < DAY) return fmt.relative.format(-Math.round(age / HOUR), 'hour');
  return fmt.relative.format(-Math.round(age / DAY), 'day');
}

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

/** The moment a reset or retry is due, as a short clock time today or a day and time later. */
export function formatWhen(fmt: Fmt, at: number, now: number): string {
  return at - now < 20 * HOUR ? formatTime(fmt, at) : formatDateTime(fmt, at);
}
