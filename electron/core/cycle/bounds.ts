// A key's billing cycle: it renews every month on a day of the month, at a local time, in the
// account's time zone. A day past the end of a short month renews on that month's last day (the
// 31st renews on 30 April, 28 or 29 February). Bounds are computed through Intl, so a cycle that
// spans a DST change is an hour shorter or longer, as the vendor's own clock makes it.
import { z } from 'zod';
import { daysInMonth, isValidTimeZone, zonedParts, zonedTimeToUtc } from '../time/zoned';

export const cycleSpecSchema = z.object({
  /** Day of the month the cycle renews on, 1..31 (clamped to the month's length). */
  renewalDay: z.number().int().min(1).max(31),
  /** IANA zone of the account, e.g. `Europe/Warsaw`; default UTC. */
  timeZone: z.string().refine(isValidTimeZone, { message: 'is not a known IANA time zone' }).default('UTC'),
  /** Local time of day of the renewal; default 00:00. */
  renewalHour: z.number().int().min(0).max(23).default(0),
  renewalMinute: z.number().int().min(0).max(59).default(0),
});
export type CycleSpecInput = z.input<typeof cycleSpecSchema>;
export type CycleSpec = z.output<typeof cycleSpecSchema>;

export interface CycleBounds {
  /** Inclusive. */
  start: number;
  /** Exclusive: the next renewal. */
  end: number;
}

/** The renewal instant in a given month (month may overflow; it is normalised). */
export function renewalIn(spec: CycleSpec, year: number, month: number): number {
  const norm = new Date(Date.UTC(year, month - 1, 1));
  const y = norm.getUTCFullYear();
  const m = norm.getUTCMonth() + 1;
  const day = Math.min(spec.renewalDay, daysInMonth(y, m));
  return zonedTimeToUtc(
    { year: y, month: m, day, hour: spec.renewalHour, minute: spec.renewalMinute },
    spec.timeZone,
  );
}

/** The cycle containing `at`: the latest renewal at or before it, and the next one. */
export function cycleBounds(specInput: CycleSpecInput, at: number): CycleBounds {
  const spec = cycleSpecSchema.parse(specInput);
  const p = zonedParts(at, spec.timeZone);
  const here = renewalIn(spec, p.year, p.month);
  if (here <= at) return { start: here, end: renewalIn(spec, p.year, p.month + 1) };
  return { start: renewalIn(spec, p.year, p.month - 1), end: here };
}

/** A cycle spec that renews at the moment `start` names (its local day and time). */
export function cycleSpecFrom(start: number, timeZone = 'UTC'): CycleSpec {
  const p = zonedParts(start, timeZone);
  return cycleSpecSchema.parse({
    renewalDay: p.day,
    timeZone,
    renewalHour: p.hour,
    renewalMinute: p.minute,
  });
}
