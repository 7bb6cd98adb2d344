// User preferences that hold alerts back without losing them: snooze and quiet hours. While either
// is in force the engine keeps collecting what is true; when it ends, one digest is sent.
import { z } from 'zod';
import { quietUntil, inQuietPeriod } from '../text/quiet-hours';
import { startOfTomorrow } from './local-time';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM (24-hour)');

export const quietHoursSchema = z.object({
  enabled: z.boolean(),
  /** Local time the quiet period starts, "HH:MM"; it may end the next day (22:00-07:00). */
  start: hhmm,
  end: hhmm,
});
export type QuietHours = z.infer<typeof quietHoursSchema>;

export const snoozeSchema = z.object({
  /** Epoch ms when alerts resume; null = snoozed until the user resumes them. */
  until: z.number().finite().nullable(),
});
export type Snooze = z.infer<typeof snoozeSchema>;

export const alertPrefsSchema = z.object({
  snooze: snoozeSchema.nullable().default(null),
  quietHours: quietHoursSchema.default({ enabled: false, start: '22:00', end: '07:00' }),
});
export type AlertPrefs = z.infer<typeof alertPrefsSchema>;

export const DEFAULT_PREFS: AlertPrefs = alertPrefsSchema.parse({});

export const SNOOZE_OPTIONS = ['30m', '1h', '2h', 'tomorrow', 'indefinitely'] as const;
export const snoozeOptionSchema = z.enum(SNOOZE_OPTIONS);
export type SnoozeOption = z.infer<typeof snoozeOptionSchema>;

const MINUTE = 60_000;

/** The snooze a menu choice made at `now` means. "tomorrow" = until the next local midnight. */
export function snoozeFor(option: SnoozeOption, now: number, timeZone: string): Snooze {
  switch (option) {
    case '30m':
      return { until: now + 30 * MINUTE };
    case '1h':
      return { until: now + 60 * MINUTE };
    case '2h':
      return { until: now + 120 * MINUTE };
    case 'tomorrow':
      return { until: startOfTomorrow(now, timeZone) };
    case 'indefinitely':
      return { until: null };
  }
}

export interface Suppression {
  reason: 'snoozed' | 'quiet-hours';
  /** When delivery resumes; null = not until the user resumes it. */
  until: number | null;
}

/** True inside the quiet period. start == end means no quiet period (not all day). */
export function inQuietHours(q: QuietHours, now: number, timeZone: string): boolean {
  return inQuietPeriod(q, now, timeZone);
}

/** Whether delivery is held back at `now`, why, and until when. Snooze wins over quiet hours. */
export function suppression(prefs: AlertPrefs, now: number, timeZone: string): Suppression | null {
  const snooze = prefs.snooze;
  if (snooze && (snooze.until === null || now < snooze.until)) {
    return { reason: 'snoozed', until: snooze.until };
  }
  const quiet = quietUntil(prefs.quietHours, now, timeZone);
  if (quiet !== null) return { reason: 'quiet-hours', until: quiet };
  return null;
}
