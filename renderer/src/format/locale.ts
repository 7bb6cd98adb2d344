// One set of Intl formatters for the whole UI, built once for the OS locale and time zone.
// Tests build their own with a fixed locale and zone so figures are deterministic.

export interface Fmt {
  locale: string;
  timeZone: string;
  count: Intl.NumberFormat;
  percent: Intl.NumberFormat;
  day: Intl.DateTimeFormat;
  time: Intl.DateTimeFormat;
  dateTime: Intl.DateTimeFormat;
  relative: Intl.RelativeTimeFormat;
}

export function createFmt(locale?: string, timeZone?: string): Fmt {
  const resolved = new Intl.NumberFormat(locale).resolvedOptions().locale;
  const zone = timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  return {
    locale: resolved,
    timeZone: zone,
    count: new Intl.NumberFormat(resolved, { maximumFractionDigits: 0 }),
    percent: new Intl.NumberFormat(resolved, { style: 'percent', maximumFractionDigits: 0 }),
    day: new Intl.DateTimeFormat(resolved, { day: 'numeric', month: 'short', timeZone: zone }),
    time: new Intl.DateTimeFormat(resolved, { hour: '2-digit', minute: '2-digit', timeZone: zone }),
    dateTime: new Intl.DateTimeFormat(resolved, {
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: zone,
    }),
    relative: new Intl.RelativeTimeFormat(resolved, { numeric: 'auto', style: 'short' }),
  };
}
