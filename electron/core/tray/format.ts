// Words, counts and times for the tray's menu, tooltip and title. Pure: the moment (`now`), the
// locale and the time zone are passed in. Unknown is a dash, never NaN.
import { statusWord } from '../view/status';

export interface TrayFormat {
  /** BCP 47 locale; undefined = the system's. */
  locale?: string;
  /** IANA time zone; undefined = the system's. */
  timeZone?: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export const UNKNOWN = '–';

export { statusWord };

export function formatCount(n: number | null | undefined, f: TrayFormat = {}): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return UNKNOWN;
  return numberFormat(f.locale).format(Math.round(n));
}

/** A share 0..1 as a whole percentage; just above 0 never reads 0 %, just below 1 never 100 %. */
export function formatShare(share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return UNKNOWN;
  const clamped = Math.min(1, Math.max(0, share));
  let pct = Math.round(clamped * 100);
  if (pct === 0 && clamped > 0) pct = 1;
  if (pct === 100 && clamped < 1) pct = 99;
  return `${pct}%`;
}

// Building an Intl formatter costs far more than using one: keep them per locale, zone and style.
const formatters = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
function dateFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `d|${locale ?? ''}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, options)));
  return f;
}
function numberFormat(locale: string | undefined): Intl.NumberFormat {
  const key = `n|${locale ?? ''}`;
  let f = formatters.get(key) as Intl.NumberFormat | undefined;
  if (!f) formatters.set(key, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 })));
  return f;
}

function dayKey(at: number, f: TrayFormat): string {
  return dateFormat('en-CA', { timeZone: f.timeZone, dateStyle: 'short' }).format(at);
}

/**
 * When something is due: "in 12 min" within the hour, otherwise as formatClock. "now" when due.
 */
export function formatWhen(at: number, now: number, f: TrayFormat = {}): string {
  const ahead = at - now;
  if (ahead <= 0) return 'now';
  if (ahead < HOUR) return `in ${Math.max(1, Math.ceil(ahead / MINUTE))} min`;
  return formatClock(at, now, f);
}

/** A moment as a clock reading, for "until …": "13:00" today, "Tue 13:00" within the week, "1 Dec" beyond. */
export function formatClock(at: number, now: number, f: TrayFormat = {}): string {
  const time = dateFormat(f.locale, {
    timeZone: f.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
  if (dayKey(at, f) === dayKey(now, f)) return time;
  if (Math.abs(at - now) < 6 * DAY) {
    const weekday = dateFormat(f.locale, { timeZone: f.timeZone, weekday: 'short' }).format(at);
    return `${weekday} ${time}`;
  }
  return dateFormat(f.locale, { timeZone: f.timeZone, day: 'numeric', month: 'short' }).format(at);
}

/** How long ago: "just now", "5 min ago", "3 h ago", "2 d ago". */
export function formatAge(ageMs: number): string {
  const age = Math.max(0, Number.isFinite(ageMs) ? ageMs : 0);
  if (age < MINUTE) return 'just now';
  if (age < HOUR) return `${Math.round(age / MINUTE)} min ago`;
  if (age < DAY) return `${Math.round(age / HOUR)} h ago`;
  return `${Math.round(age / DAY)} d ago`;
}

/** Cuts text to `max` characters, marking the cut with an ellipsis. */
export function clip(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  return `${chars
    .slice(0, Math.max(0, max - 1))
    .join('')
    .trimEnd()}…`;
}
