// Monthly billing cycles: a cycle renews on its anchor's day of the month and time of day (UTC).
// A day the month lacks (the 31st in April) falls on the month's last day, as subscription billing does.

export interface CycleBounds {
  /** Inclusive, epoch ms. */
  start: number;
  /** Exclusive: the moment the next cycle starts. */
  end: number;
  /** Months from the anchor's cycle (0 = the cycle that starts at the anchor). */
  index: number;
}

/** 00:00 UTC on the 1st of the month containing `at`: the default cycle anchor. */
export function monthStartUtc(at: number): number {
  const d = new Date(at);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

/** The anchor moved by whole months, its day clamped to the target month's length. */
export function addMonthsClamped(anchor: number, months: number): number {
  const d = new Date(anchor);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const day = d.getUTCDate();
  const timeOfDay = anchor - Date.UTC(y, m, day);
  const total = m + months;
  const ty = y + Math.floor(total / 12);
  const tm = ((total % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(ty, tm + 1, 0)).getUTCDate();
  return Date.UTC(ty, tm, Math.min(day, lastDay)) + timeOfDay;
}

/** The cycle containing `at`, for cycles anchored at `anchor` (which may be before or after `at`). */
export function billingCycleAt(anchor: number, at: number): CycleBounds {
  const a = new Date(anchor);
  const t = new Date(at);
  let n = (t.getUTCFullYear() - a.getUTCFullYear()) * 12 + (t.getUTCMonth() - a.getUTCMonth());
  // The month difference is at most one off (day and time of day); these loops run once or twice.
  while (addMonthsClamped(anchor, n) > at) n--;
  while (addMonthsClamped(anchor, n + 1) <= at) n++;
  return { start: addMonthsClamped(anchor, n), end: addMonthsClamped(anchor, n + 1), index: n };
}
