import { describe, expect, it } from 'vitest';
import { parseCount, parseDuration, parseResetAt } from '../../electron/core/headers/values';

const now = Date.parse('2026-11-23T12:00:00Z');
const t = { now, serverNow: null };
const withDate = { now, serverNow: now - 5_000 };

describe('counts', () => {
  it('reads integers and decimals', () => {
    expect(parseCount('100').value).toBe(100);
    expect(parseCount('2.5').value).toBe(2.5);
  });
  it('rejects negatives, garbage and infinities with a reason', () => {
    for (const bad of ['-1', 'abc', '1e999', '', 'NaN', '0x10']) {
      const p = parseCount(bad);
      expect(p.value).toBeNull();
      expect(p.problem).toBeTruthy();
    }
  });
  it('takes the first of repeated values and says when they disagree', () => {
    expect(parseCount(['100', '100'])).toEqual({ value: 100, problem: null });
    const p = parseCount('100, 50', 'limit');
    expect(p.value).toBe(100);
    expect(p.problem).toMatch(/different values/);
  });
});

describe('reset formats', () => {
  it('epoch seconds, also fractional (Discord)', () => {
    expect(parseResetAt('1795435200', 'epoch-seconds', t).value).toBe(1795435200_000);
    expect(parseResetAt('1795435200.5', 'epoch-seconds', t).value).toBe(1795435200_500);
  });
  it('epoch milliseconds', () => {
    expect(parseResetAt('1795435200123', 'epoch-ms', t).value).toBe(1795435200123);
  });
  it('delta seconds count from the Date header when there is one', () => {
    expect(parseResetAt('30', 'delta-seconds', t).value).toBe(now + 30_000);
    expect(parseResetAt('30', 'delta-seconds', withDate).value).toBe(now + 25_000);
  });
  it('HTTP-date and ISO 8601, including minute precision (Jira)', () => {
    expect(parseResetAt('Mon, 23 Nov 2026 13:00:00 GMT', 'http-date', t).value).toBe(
      Date.parse('2026-11-23T13:00:00Z'),
    );
    expect(parseResetAt('2026-11-23T12:30Z', 'iso8601', t).value).toBe(Date.parse('2026-11-23T12:30:00Z'));
  });
  it('Retry-After as seconds or as an HTTP-date', () => {
    expect(parseResetAt('120', 'retry-after', t).value).toBe(now + 120_000);
    expect(parseResetAt('Mon, 23 Nov 2026 12:05:00 GMT', 'retry-after', t).value).toBe(now + 300_000);
  });
  it('Go durations (OpenAI)', () => {
    expect(parseDuration('1s')).toBe(1000);
    expect(parseDuration('6m0s')).toBe(360_000);
    expect(parseDuration('12ms')).toBe(12);
    expect(parseDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseDuration('6 minutes')).toBeNull();
    expect(parseResetAt('6m0s', 'duration', t).value).toBe(now + 360_000);
  });
  it('rejects implausible values instead of showing a date in 1970 or 50000', () => {
    expect(parseResetAt('12', 'epoch-seconds', t).value).toBeNull();
    expect(parseResetAt('-5', 'delta-seconds', t).problem).toMatch(/negative/);
    expect(parseResetAt('99999999999', 'delta-seconds', t).value).toBeNull();
    expect(parseResetAt('soon', 'http-date', t).problem).toMatch(/HTTP-date/);
  });
});
