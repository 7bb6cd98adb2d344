// Words, counts and times for the tray's menu, tooltip and title, on the one shared formatter
// (core/text/format.ts). Pure: the moment (`now`), the
// locale and the time zone are passed in. Unknown is a dash, never NaN.
import {
  createFmt,
  formatAge as sharedAge,
  formatCount as sharedCount,
  formatMoment,
  formatShare as sharedShare,
  UNKNOWN,
  type Fmt,
} from '../text/format';
import type { CycleView } from '../view/app-state';
import { statusWord } from '../view/status';

export interface TrayFormat {
  /** BCP 47 locale; undefined = the system's. */
  locale?: string;
  /** IANA time zone; undefined = the system's. */
  timeZone?: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export { UNKNOWN };

export { statusWord };

const shared = (f: TrayFormat): Fmt => createFmt(f.locale, f.timeZone);

export function formatCount(n: number | null | undefined, f: TrayFormat = {}): string {
  return sharedCount(shared(f), n);
}

/** A share 0..1 as a whole percentage; just above 0 never reads 0 %, just below 1 never 100 %. */
export function formatShare(share: number | null | undefined, f: TrayFormat = {}): string {
  return sharedShare(shared(f), share);
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

/** A moment as a clock reading, for "until …": "13:00" today, "Tue 13:00" within the week, "1 Dec, 13:00" beyond. */
export function formatClock(at: number, now: number, f: TrayFormat = {}): string {
  return formatMoment(shared(f), at, now);
}

/** How long ago, in the locale's words: "now", "5 min ago", "3 hr ago", "2 days ago". */
export function formatAge(ageMs: number, f: TrayFormat = {}): string {
  return sharedAge(shared(f), ageMs);
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

/**
 * "check the plan: reading 12,500 is above its 10,000" while a dashboard reading above the cycle's
 * limit puts the plan in doubt (the card asks the same, prompts.ts); null otherwise.
 */
export function limitDoubt(cycle: CycleView | null, format: TrayFormat = {}): string | null {
  if (!cycle?.limitInDoubt || cycle.limit === null) return null;
  const reading = cycle.lastReading ? `reading ${formatCount(cycle.lastReading.used, format)}` : 'reading';
  return `check the plan: ${reading} is above its ${formatCount(cycle.limit, format)}`;
}
