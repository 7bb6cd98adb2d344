// Quiet hours in the user's zone, without zod (the popover's list bundle leaves zod out): whether they
// hold alerts back now, and until when. The alert engine and the header read the same rule.
import { minuteOfDay, nextLocalMinute } from '../alerts/local-time';

export interface QuietPeriod {
  enabled: boolean;
  /** "HH:MM" local; the period may end the next day (22:00-07:00). */
  start: string;
  end: string;
}

function minutes(hm: string): number {
  const [h, m] = hm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** True inside the quiet period. start == end means no quiet period (not all day). */
export function inQuietPeriod(q: QuietPeriod, now: number, timeZone: string): boolean {
  if (!q.enabled) return false;
  const s = minutes(q.start);
  const e = minutes(q.end);
  if (s === e) return false;
  const m = minuteOfDay(now, timeZone);
  return s < e ? m >= s && m < e : m >= s || m < e;
}

/** When quiet hours stop holding alerts, or null when they are not holding them at `now`. */
export function quietUntil(q: QuietPeriod, now: number, timeZone: string): number | null {
  return inQuietPeriod(q, now, timeZone) ? nextLocalMinute(now, minutes(q.end), timeZone) : null;
}
