// Behaviour of the profiles beyond the documented examples: normalisation (case, repeats, Date-relative
// resets), the IETF generations' edge cases, and what each profile does with values it cannot trust.
import { describe, expect, it } from 'vitest';
import { parseResponse, type ParseOptions } from '../../electron/core/parse';
import type { RawHeaders } from '../../electron/core/headers/header-bag';

const now = Date.parse('2026-11-23T12:00:00Z');
const parse = (headers: RawHeaders, options: ParseOptions = {}, status = 200, body?: unknown) =>
  parseResponse({ status, headers, ...(body !== undefined ? { body } : {}) }, { now, ...options });

describe('normalisation', () => {
  it('reads header names in any case', () => {
    const lower = parse({
      'x-ratelimit-limit': '60',
      'x-ratelimit-remaining': '7',
      'x-ratelimit-resource': 'core',
    });
    const mixed = parse({
      'X-RateLimit-Limit': '60',
      'X-RATELIMIT-REMAINING': '7',
      'X-Ratelimit-Resource': 'core',
    });
    expect(mixed).toEqual(lower);
    expect(mixed.windows[0]).toMatchObject({ id: 'core', limit: 60, remaining: 7, used: 53 });
  });

  it('flags a count repeated with different values, keeping the first', () => {
    const r = parse({
      'x-ratelimit-limit': '60',
      'x-ratelimit-remaining': ['7', '9'],
      'x-ratelimit-used': '53',
    });
    expect(r.windows[0]?.remaining).toBe(7);
    expect(r.windows[0]?.flag).toMatch(/repeated with different values/);
  });

  it('counts relative resets from the Date header, not the local clock', () => {
    const date = new Date(now - 10_000).toUTCString();
    const r = parse({ 'RateLimit-Policy': '"m";q=10;w=60', RateLimit: '"m";r=5;t=30', Date: date });
    expect(r.windows[0]?.resetAt).toBe(now - 10_000 + 30_000);
    const openai = parse({
      'x-ratelimit-limit-requests': '60',
      'x-ratelimit-reset-requests': '1m30s',
      Date: date,
    });
    expect(openai.windows[0]?.resetAt).toBe(now - 10_000 + 90_000);
  });

  it('turns every reset format into an absolute time', () => {
    const cases: Array<[RawHeaders, number]> = [
      [
        { 'x-ratelimit-used': '1', 'x-ratelimit-limit': '5', 'x-ratelimit-reset': String(now / 1000 + 60) },
        now + 60_000,
      ],
      [
        {
          'X-RateLimit-Bucket': 'b',
          'X-RateLimit-Limit': '5',
          'X-RateLimit-Reset': String(now / 1000 + 1.25),
        },
        now + 1250,
      ],
      [
        { 'X-RateLimit-Limit': '5', 'X-RateLimit-Reset': '2026-11-23T12:05Z', 'RateLimit-Reason': 'x' },
        now + 300_000,
      ],
      [
        {
          'anthropic-ratelimit-tokens-limit': '5',
          'anthropic-ratelimit-tokens-reset': '2026-11-23T12:00:30Z',
        },
        now + 30_000,
      ],
      [{ 'x-ratelimit-limit-tokens': '5', 'x-ratelimit-reset-tokens': '6m0s' }, now + 360_000],
      [{ 'ratelimit-limit': '5', 'ratelimit-reset': '42' }, now + 42_000],
      [{ 'X-RateLimit-Limit': '5', 'X-RateLimit-Reset': String(now + 5000) }, now + 5000],
    ];
    for (const [headers, resetAt] of cases) expect(parse(headers).windows[0]?.resetAt).toBe(resetAt);
  });

  it('reads a body that arrives as JSON text', () => {
    const body = JSON.stringify({ message: 'You are being rate limited.', retry_after: 2.5, global: true });
    const r = parse({}, {}, 429, body);
    expect(r.provider).toBe('discord');
    expect(r.blocked).toEqual({ type: 'global', windowId: 'global', retryAt: now + 2500 });
  });
});

describe('IETF generations', () => {
  it('ignores a malformed RateLimit field with a warning and keeps the policies', () => {
    const r = parse({ RateLimit: '"a";r=5;;;', 'RateLimit-Policy': '"a";q=10;w=60' });
    expect(r.warnings.some((w) => w.includes('ratelimit is neither'))).toBe(true);
    expect(r.windows).toHaveLength(1);
    expect(r.windows[0]).toMatchObject({ id: 'a', limit: 10, remaining: null, periodMs: 60_000 });
  });

  it('reports a limit without a policy with an unknown limit', () => {
    const r = parse({ RateLimit: '"x";r=3;t=10' });
    expect(r.windows[0]).toMatchObject({ id: 'x', limit: null, remaining: 3, resetAt: now + 10_000 });
  });

  it('keeps several limits and policies apart by name', () => {
    const r = parse({
      'RateLimit-Policy': '"burst";q=100;w=60, "daily";q=1000;w=86400',
      RateLimit: '"daily";r=900;t=3600, "burst";r=50;t=30',
    });
    expect(r.windows.map((w) => [w.id, w.kind, w.limit, w.remaining])).toEqual([
      ['daily', 'requests-day', 1000, 900],
      ['burst', 'requests-minute', 100, 50],
    ]);
  });

  it('shows a second item with the same name once, with a warning', () => {
    const r = parse({ RateLimit: '"a";r=1, "a";r=2', 'RateLimit-Policy': '"a";q=5' });
    expect(r.windows).toHaveLength(1);
    expect(r.windows[0]?.remaining).toBe(1);
    expect(r.warnings.some((w) => w.includes('both named "a"'))).toBe(true);
  });

  it('maps quota units: concurrent requests to concurrency, others keep their name', () => {
    const r = parse({
      'RateLimit-Policy': '"c";q=5;qu="concurrent-requests", "b";q=65535;qu="content-bytes";w=10',
    });
    expect(r.windows[0]).toMatchObject({ id: 'c', kind: 'concurrency', unit: 'connections' });
    expect(r.windows[1]).toMatchObject({ id: 'b', kind: 'custom', unit: 'points' });
    expect(r.windows[1]?.label).toMatch(/content-bytes/);
  });

  it('draft 07: the expiring limit finds its policy by quota; other policies are windows too', () => {
    const r = parse({
      'RateLimit-Policy': '10;w=1, 50;w=60, 1000;w=3600',
      RateLimit: 'limit=50, remaining=20, reset=30',
    });
    expect(r.windows.map((w) => [w.id, w.limit, w.remaining])).toEqual([
      ['minute', 50, 20],
      ['second', 10, null],
      ['hour', 1000, null],
    ]);
  });

  it('draft 06: RateLimit-Policy beside the -Limit trio gives the window its period', () => {
    const r = parse({
      'RateLimit-Limit': '100',
      'RateLimit-Policy': '100;w=60',
      'RateLimit-Remaining': '99',
      'RateLimit-Reset': '50',
    });
    expect(r.windows).toHaveLength(1);
    expect(r.windows[0]).toMatchObject({ id: 'minute', kind: 'requests-minute', limit: 100, remaining: 99 });
  });

  it('rejects negative, non-numeric and implausible parameters with a flag, never a NaN', () => {
    const r = parse({ 'RateLimit-Policy': '"a";q=-5;w=0', RateLimit: '"a";r="many";t=99999999999' });
    const w = r.windows[0];
    expect(w).toMatchObject({ limit: null, remaining: null, resetAt: null, periodMs: null });
    expect(w?.flag).toMatch(/negative/);
    expect(w?.flag).toMatch(/not a number/);
    expect(w?.flag).toMatch(/implausibly far/);
    expect(r.warnings.some((m) => m.includes('"w"'))).toBe(true);
  });
});

describe('provider specifics', () => {
  it('GitHub: a 403 without an exhausted limit is a permission error, not a block', () => {
    const r = parse(
      { 'x-ratelimit-limit': '5000', 'x-ratelimit-remaining': '4000', 'x-ratelimit-resource': 'core' },
      {},
      403,
      {
        message: 'Resource not accessible by integration',
      },
    );
    expect(r.blocked).toBeNull();
  });

  it('GitHub: names the window after the resource, with its documented period', () => {
    const r = parse({
      'x-ratelimit-limit': '30',
      'x-ratelimit-remaining': '29',
      'x-ratelimit-resource': 'search',
    });
    expect(r.windows[0]).toMatchObject({ id: 'search', kind: 'requests-minute', periodMs: 60_000 });
  });

  it('Discord: without Reset-After, the fractional epoch reset is used', () => {
    const r = parse({
      'X-RateLimit-Bucket': 'b',
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '4',
      'X-RateLimit-Reset': String(now / 1000 + 0.5),
    });
    expect(r.windows[0]?.resetAt).toBe(now + 500);
  });

  it('Zoho: flags header limits that are not the plan credits', () => {
    const r = parse(
      { 'X-RATELIMIT-LIMIT': '100', 'X-RATELIMIT-REMAINING': '99' },
      { provider: 'zoho', hints: { planLimits: { credits: 50_000 } } },
    );
    expect(r.windows[0]?.flag).toMatch(/not the plan's credits/);
  });

  it('Zoho: a 429 with the credits window exhausted is pinned on it', () => {
    const r = parse(
      { 'X-RATELIMIT-LIMIT': '5000', 'X-RATELIMIT-REMAINING': '0', 'X-RATELIMIT-RESET': '3600' },
      { provider: 'zoho' },
      429,
      {
        code: 'TOO_MANY_REQUESTS',
        details: {},
        message: 'limit',
        status: 'error',
      },
    );
    expect(r.blocked).toEqual({ type: 'TOO_MANY_REQUESTS', windowId: 'credits', retryAt: now + 3_600_000 });
  });

  it('Shopify: an unreadable call-limit header is flagged, not guessed', () => {
    const r = parse({ 'X-Shopify-Shop-Api-Call-Limit': 'lots' });
    expect(r.windows[0]).toMatchObject({ limit: null, used: null });
    expect(r.windows[0]?.flag).toMatch(/used\/size/);
  });

  it('Salesforce: unreadable members are warned about, readable ones kept', () => {
    const r = parse({ 'Sforce-Limit-Info': 'api-usage=18/5000; ???' });
    expect(r.windows.map((w) => w.id)).toEqual(['api-usage']);
    expect(r.warnings.some((w) => w.startsWith('Sforce-Limit-Info: cannot read'))).toBe(true);
  });

  it('Zendesk: says so when X-Rate-Limit and ratelimit-limit disagree', () => {
    const r = parse({ 'X-Rate-Limit': '700', 'ratelimit-limit': '400', 'X-Rate-Limit-Remaining': '10' });
    expect(r.windows[0]?.limit).toBe(700);
    expect(r.windows[0]?.flag).toMatch(/disagree/);
  });

  it('OpenAI: suffixes beyond requests and tokens become their own windows', () => {
    const r = parse({
      'x-ratelimit-limit-requests': '5000',
      'x-ratelimit-limit-tokens': '160000',
      'x-ratelimit-limit-tokens_usage_based': '160000',
      'x-ratelimit-remaining-tokens_usage_based': '159976',
      'x-ratelimit-reset-tokens_usage_based': '9ms',
    });
    expect(r.windows.map((w) => [w.id, w.unit])).toEqual([
      ['requests', 'requests'],
      ['tokens', 'tokens'],
      ['tokens_usage_based', 'tokens'],
    ]);
    expect(r.windows[2]?.resetAt).toBe(now + 9);
  });

  it('keeps provider-sent names printable and short', () => {
    const r = parse({ 'X-RateLimit-Bucket': 'a\u0000b c/'.padEnd(200, 'z'), 'X-RateLimit-Limit': '1' });
    const id = r.windows[0]?.id ?? '';
    expect(id).toMatch(/^[A-Za-z0-9._:-]{1,64}$/);
  });
});
