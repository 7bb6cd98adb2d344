// Voucherify's headers per docs.voucherify.io/docs/limits (seed 001): X-Rate-Limit-Limit, -Remaining,
// -Retry (Unix epoch) on every response; Retry-After and X-Rate-Limit-Type after a limit is reached.
import { describe, expect, it } from 'vitest';
import { parseResponse } from '../../electron/core/parse';
import { PERIOD_MS } from '../../electron/core/quota/model';

const now = Date.parse('2026-11-23T12:20:00Z');
const date = 'Mon, 23 Nov 2026 12:20:00 GMT';
const endOfHour = String(Date.parse('2026-11-23T13:00:00Z') / 1000);

describe('Voucherify profile', () => {
  it('reads the request window of a normal response, with its reset', () => {
    const r = parseResponse(
      {
        status: 200,
        headers: {
          'X-Rate-Limit-Limit': '1000',
          'X-Rate-Limit-Remaining': '958',
          'X-Rate-Limit-Retry': endOfHour,
          Date: date,
        },
      },
      { now },
    );
    expect(r.provider).toBe('voucherify');
    expect(r.blocked).toBeNull();
    expect(r.windows).toHaveLength(1);
    expect(r.windows[0]).toMatchObject({
      id: 'api_calls',
      kind: 'requests-hour',
      limit: 1000,
      remaining: 958,
      used: 42,
      source: 'header',
      flag: null,
    });
    expect(r.windows[0]?.resetAt).toBe(Date.parse('2026-11-23T13:00:00Z'));
    expect(r.warnings).toEqual([]);
  });

  it('knows a per-minute plan from the hint', () => {
    const r = parseResponse(
      {
        status: 200,
        headers: {
          'x-rate-limit-limit': '100',
          'x-rate-limit-remaining': '99',
          'x-rate-limit-retry': String(now / 1000),
        },
      },
      { provider: 'voucherify', now, hints: { requestPeriodMs: PERIOD_MS.minute } },
    );
    expect(r.windows[0]).toMatchObject({ kind: 'requests-minute', periodMs: 60_000, resetAt: null });
  });

  it('labels the window by X-Rate-Limit-Type when a normal response carries it', () => {
    const r = parseResponse(
      {
        status: 200,
        headers: {
          'X-Rate-Limit-Limit': '20',
          'X-Rate-Limit-Remaining': '19',
          'X-Rate-Limit-Type': 'bulk_api_calls',
        },
      },
      { now },
    );
    expect(r.windows[0]).toMatchObject({ id: 'bulk_api_calls', kind: 'bulk', limit: 20, remaining: 19 });
  });

  it.each(['api_calls', 'bulk_api_calls', 'api_calls_cycle', 'webhook_calls'])(
    'reports a 429 for %s as blocked with retryAt',
    (type) => {
      const r = parseResponse(
        {
          status: 429,
          headers: {
            'X-Rate-Limit-Limit': '1000',
            'X-Rate-Limit-Remaining': type === 'api_calls' ? '0' : '512',
            'X-Rate-Limit-Retry': endOfHour,
            'Retry-After': '600',
            'X-Rate-Limit-Type': type,
            Date: date,
          },
          body: { code: 429, message: 'Too many requests', key: 'too_many_requests' },
        },
        { now },
      );
      expect(r.blocked).toEqual({ type, windowId: type, retryAt: now + 600_000 });
      const breached = r.windows.find((w) => w.id === type);
      expect(breached?.remaining).toBe(0);
      if (type !== 'api_calls') {
        // Remaining 512 cannot describe an exhausted window: those headers are the request window's.
        expect(r.windows.find((w) => w.id === 'api_calls')).toMatchObject({ limit: 1000, remaining: 512 });
        expect(breached?.source).toBe('breach');
      }
    },
  );

  it('flags the undocumented case where a 429 could describe either window', () => {
    const r = parseResponse(
      {
        status: 429,
        headers: {
          'X-Rate-Limit-Limit': '10000',
          'X-Rate-Limit-Remaining': '0',
          'Retry-After': '3600',
          'X-Rate-Limit-Type': 'api_calls_cycle',
        },
      },
      { now },
    );
    expect(r.windows).toHaveLength(1);
    expect(r.windows[0]?.id).toBe('api_calls_cycle');
    expect(r.windows[0]?.flag).toMatch(/does not say/);
  });

  it('settles that case by the plan limits when it can', () => {
    const r = parseResponse(
      {
        status: 429,
        headers: {
          'X-Rate-Limit-Limit': '1000',
          'X-Rate-Limit-Remaining': '0',
          'Retry-After': '3600',
          'X-Rate-Limit-Type': 'api_calls_cycle',
        },
      },
      { now, hints: { planLimits: { api_calls: 1000, api_calls_cycle: 10000 } } },
    );
    expect(r.windows.find((w) => w.id === 'api_calls')).toMatchObject({ remaining: 0, flag: null });
    expect(r.windows.find((w) => w.id === 'api_calls_cycle')).toMatchObject({
      remaining: 0,
      source: 'breach',
    });
  });

  it('reports Retry-After as an HTTP-date', () => {
    const r = parseResponse(
      {
        status: 429,
        headers: {
          'X-Rate-Limit-Limit': '100',
          'X-Rate-Limit-Remaining': '0',
          'X-Rate-Limit-Type': 'api_calls',
          'Retry-After': 'Mon, 23 Nov 2026 13:00:00 GMT',
        },
      },
      { now },
    );
    expect(r.blocked?.retryAt).toBe(Date.parse('2026-11-23T13:00:00Z'));
  });

  it('treats 402 as a block with no retry time', () => {
    const r = parseResponse(
      {
        status: 402,
        headers: { 'X-Rate-Limit-Limit': '100', 'X-Rate-Limit-Remaining': '100', 'X-Rate-Limit-Retry': '0' },
        body: { code: 402, message: 'Payment required' },
      },
      { provider: 'voucherify', now },
    );
    expect(r.blocked).toEqual({ type: 'plan_exceeded', windowId: null, retryAt: null });
  });

  it('flags remaining above the limit and survives garbage', () => {
    const r = parseResponse(
      {
        status: 200,
        headers: {
          'X-Rate-Limit-Limit': '100',
          'X-Rate-Limit-Remaining': '150',
          'X-Rate-Limit-Retry': 'soon',
        },
      },
      { now },
    );
    expect(r.windows[0]?.flag).toMatch(/above the limit/);
    expect(r.warnings.some((w) => w.includes('X-Rate-Limit-Retry'))).toBe(true);
  });

  it('cuts a hostile X-Rate-Limit-Type short before it names a window or reaches a message', () => {
    // Found by the property test: a 400-character type became a window id and a 400-character warning.
    const r = parseResponse(
      {
        status: 429,
        headers: {
          'X-Rate-Limit-Type': `!${' '.repeat(398)}!`,
          'X-Rate-Limit-Limit': '10',
          'X-Rate-Limit-Remaining': '0',
        },
        body: { key: 'k'.repeat(600) },
      },
      { now },
    );
    expect(r.blocked?.type.length).toBeLessThanOrEqual(40);
    for (const w of r.windows) expect(w.id.length).toBeLessThanOrEqual(40);
    for (const m of r.warnings) expect(m.length).toBeLessThan(200);
  });
});
