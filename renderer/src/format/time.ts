// Countdowns, ages, days and day ranges (the shared formatter, electron/core/text/format.ts).
export {
  describeDuration,
  formatAge,
  formatCountdown,
  formatDateTime,
  formatDay,
  formatDayRange,
  formatIn,
  formatMoment,
  formatTime,
} from '../../../electron/core/text/format';
import { formatMoment, type Fmt } from '../../../electron/core/text/format';

/** The moment a reset or retry is due: a clock time today, a weekday and time this week, a date beyond. */
export function formatWhen(fmt: Fmt, at: number, now: number): string {
  return formatMoment(fmt, at, now);
}
