// Numbers and times for text built in main (tooltip, tray menu, card headlines). The locale and the
// time zone are passed in, so tests are stable and the app follows the OS.
export interface Formatter {
  count(n: number): string;
  percent(fraction: number): string;
  /** A clock time, with the day when it is not today ("13:00", "Tue 09:00", "14 Dec"). */
  moment(ms: number, now: number): string;
  day(ms: number): string;
  /** "in 3 h 20 min", "in 45 s". */
  until(ms: number, now: number): string;
}

export function makeFormatter(locale: string, timeZone: string): Formatter {
  const num = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZone });
  const weekdayTime = new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  });
  const dayFmt = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone });
  const dayKey = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone,
  });
  return {
    count: (n) => num.format(Math.round(n)),
    percent: (f) => `${num.format(Math.round(f * 100))} %`,
    moment(ms, now) {
      if (dayKey.format(ms) === dayKey.format(now)) return time.format(ms);
      if (Math.abs(ms - now) < 6 * 86_400_000) return weekdayTime.format(ms);
      return dayFmt.format(ms);
    },
    day: (ms) => dayFmt.format(ms),
    until(ms, now) {
      const s = Math.max(0, Math.round((ms - now) / 1000));
      if (s < 60) return `in ${s} s`;
      const m = Math.round(s / 60);
      if (m < 60) return `in ${m} min`;
      const h = Math.floor(m / 60);
      if (h < 48) return m % 60 === 0 ? `in ${h} h` : `in ${h} h ${m % 60} min`;
      return `in ${Math.round(h / 24)} days`;
    },
  };
}
