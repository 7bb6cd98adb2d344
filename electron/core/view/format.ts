// Numbers and times for text built in main (tooltip, tray menu, card headlines), on the one shared
// formatter (core/text/format.ts). The locale and the time zone are passed in, so tests are stable
// and the app follows the OS.
import {
  createFmt,
  formatCount,
  formatDay,
  formatIn,
  formatMoment,
  formatShare,
  type Fmt,
} from '../text/format';

export interface Formatter {
  /** The shared formatters underneath, for sentences built by core text helpers (risk.ts). */
  fmt: Fmt;
  count(n: number): string;
  percent(fraction: number): string;
  /** A clock time, with the day when it is not today ("13:00", "Tue 13:00", "14 Dec, 13:00"). */
  moment(ms: number, now: number): string;
  day(ms: number): string;
  /** "in 3 h 20 min", "in 45 s". */
  until(ms: number, now: number): string;
}

export function makeFormatter(locale: string, timeZone: string): Formatter {
  const fmt = createFmt(locale, timeZone);
  return {
    fmt,
    count: (n) => formatCount(fmt, n),
    percent: (f) => formatShare(fmt, f),
    moment: (ms, now) => formatMoment(fmt, ms, now),
    day: (ms) => formatDay(fmt, ms),
    until: (ms, now) => formatIn(ms, now),
  };
}
