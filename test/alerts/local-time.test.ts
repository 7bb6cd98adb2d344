// Local-time arithmetic behind quiet hours and "until tomorrow", including DST days.
import { describe, expect, it } from 'vitest';
import { minuteOfDay, startOfTomorrow, nextLocalMinute } from '../../electron/core/alerts/local-time';
import { inQuietHours } from '../../electron/core/alerts/prefs';

const WARSAW = 'Europe/Warsaw';

describe('local time', () => {
  it('finds the next local midnight, also on the days clocks change', () => {
    // Winter: UTC+1.
    expect(startOfTomorrow(Date.UTC(2026, 10, 23, 11), WARSAW)).toBe(Date.UTC(2026, 10, 23, 23));
    // 29 Mar 2026: clocks go 02:00 -> 03:00; the next midnight is in summer time (UTC+2).
    expect(startOfTomorrow(Date.UTC(2026, 2, 29, 10), WARSAW)).toBe(Date.UTC(2026, 2, 29, 22));
    // 25 Oct 2026: clocks go 03:00 -> 02:00; that day has 25 hours.
    expect(startOfTomorrow(Date.UTC(2026, 9, 24, 23, 30), WARSAW)).toBe(Date.UTC(2026, 9, 25, 23));
  });

  it('reads minutes of the local day and finds the next given local time', () => {
    expect(minuteOfDay(Date.UTC(2026, 10, 23, 21, 30), WARSAW)).toBe(22 * 60 + 30);
    expect(nextLocalMinute(Date.UTC(2026, 10, 23, 21, 30), 7 * 60, WARSAW)).toBe(Date.UTC(2026, 10, 24, 6));
    expect(nextLocalMinute(Date.UTC(2026, 10, 23, 5, 0), 7 * 60, WARSAW)).toBe(Date.UTC(2026, 10, 23, 6));
  });

  it('treats an unknown time zone as UTC instead of throwing', () => {
    expect(minuteOfDay(Date.UTC(2026, 10, 23, 21, 30), 'Mars/Olympus')).toBe(21 * 60 + 30);
  });
});

describe('quiet hours', () => {
  const night = { enabled: true, start: '22:00', end: '07:00' };
  const at = (h: number, m = 0) => Date.UTC(2026, 10, 23, h - 1, m); // Warsaw wall clock in winter

  it('cross midnight: 22:00 inclusive to 07:00 exclusive', () => {
    expect(inQuietHours(night, at(21, 59), WARSAW)).toBe(false);
    expect(inQuietHours(night, at(22), WARSAW)).toBe(true);
    expect(inQuietHours(night, at(23, 59), WARSAW)).toBe(true);
    expect(inQuietHours(night, at(3), WARSAW)).toBe(true);
    expect(inQuietHours(night, at(6, 59), WARSAW)).toBe(true);
    expect(inQuietHours(night, at(7), WARSAW)).toBe(false);
  });

  it('work within a day, and are off when disabled', () => {
    const lunch = { enabled: true, start: '12:00', end: '13:00' };
    expect(inQuietHours(lunch, at(12, 30), WARSAW)).toBe(true);
    expect(inQuietHours(lunch, at(13, 0), WARSAW)).toBe(false);
    expect(inQuietHours({ ...night, enabled: false }, at(23), WARSAW)).toBe(false);
  });

  it('follow the given zone, not the machine', () => {
    // 22:30 in Warsaw is 16:30 in New York.
    expect(inQuietHours(night, at(22, 30), 'America/New_York')).toBe(false);
  });
});
