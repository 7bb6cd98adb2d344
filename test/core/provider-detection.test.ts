// `auto` on the header sets that several dialects share: each pair is told apart by the headers that
// only one of them sends, and falls back to the generic reading when nothing distinguishes them.
import { describe, expect, it } from 'vitest';
import { parseResponse } from '../../electron/core/parse';
import type { RawHeaders } from '../../electron/core/headers/header-bag';

const now = Date.parse('2026-11-23T12:00:00Z');
const epoch = String(now / 1000 + 600);

function auto(headers: RawHeaders, status = 200, body?: unknown) {
  return parseResponse({ status, headers, ...(body !== undefined ? { body } : {}) }, { now });
}

const xRateLimit = { 'X-RateLimit-Limit': '100', 'X-RateLimit-Remaining': '40', 'X-RateLimit-Reset': epoch };
const structured = { RateLimit: '"default";r=40;t=60', 'RateLimit-Policy': '"default";q=100;w=60' };

describe('auto on shared X-RateLimit-* headers', () => {
  it.each([
    ['nothing else: the generic reading', {}, undefined, 'generic'],
    ['x-ratelimit-used: GitHub', { 'x-ratelimit-used': '60' }, undefined, 'github'],
    ['x-ratelimit-resource: GitHub', { 'x-ratelimit-resource': 'search' }, undefined, 'github'],
    ['X-RateLimit-Bucket: Discord', { 'X-RateLimit-Bucket': 'abcd1234' }, undefined, 'discord'],
    ['X-RateLimit-Reset-After: Discord', { 'X-RateLimit-Reset-After': '1.5' }, undefined, 'discord'],
    ['an ISO 8601 reset: Jira', { 'X-RateLimit-Reset': '2026-11-23T12:10Z' }, undefined, 'jira'],
    ['RateLimit-Reason: Jira', { 'RateLimit-Reason': 'jira-burst-based' }, undefined, 'jira'],
    ['X-RateLimit-NearLimit: Jira', { 'X-RateLimit-NearLimit': 'true' }, undefined, 'jira'],
    [
      'a Zoho error body: Zoho',
      {},
      { code: 'TOO_MANY_REQUESTS', details: {}, message: 'limit', status: 'error' },
      'zoho',
    ],
  ] as const)('%s', (_name, extra, body, provider) => {
    expect(auto({ ...xRateLimit, ...extra }, body ? 429 : 200, body).provider).toBe(provider);
  });

  it('keeps the same counts whichever of them reads the shared headers', () => {
    for (const extra of [{}, { 'x-ratelimit-used': '60' }, { 'X-RateLimit-Bucket': 'b' }]) {
      const w = auto({ ...xRateLimit, ...extra }).windows[0];
      expect(w).toMatchObject({ limit: 100, remaining: 40, used: 60, resetAt: now + 600_000 });
    }
  });

  it('does not mistake Discord for OpenAI (X-RateLimit-Reset-After is not a window called "after")', () => {
    const r = auto({
      'X-RateLimit-Reset-After': '2',
      'X-RateLimit-Limit': '5',
      'X-RateLimit-Remaining': '1',
    });
    expect(r.provider).toBe('discord');
    expect(r.windows.map((w) => w.id)).toEqual(['route']);
  });
});

describe('auto on X-Rate-Limit-* headers', () => {
  const counts = { 'X-Rate-Limit-Limit': '1000', 'X-Rate-Limit-Remaining': '900' };
  it('X-Rate-Limit-Retry is Voucherify', () => {
    expect(auto({ ...counts, 'X-Rate-Limit-Retry': epoch }).provider).toBe('voucherify');
  });
  it('X-Rate-Limit-Reset is X / Okta', () => {
    expect(auto({ ...counts, 'X-Rate-Limit-Reset': epoch }).provider).toBe('x-rate-limit');
  });
  it('both: Voucherify, which documents -Retry (X and Okta never send it)', () => {
    expect(auto({ ...counts, 'X-Rate-Limit-Retry': epoch, 'X-Rate-Limit-Reset': epoch }).provider).toBe(
      'voucherify',
    );
  });
  it('a bare X-Rate-Limit is Zendesk, also beside its ratelimit-* twins', () => {
    expect(auto({ 'X-Rate-Limit': '700', 'X-Rate-Limit-Remaining': '699' }).provider).toBe('zendesk');
    const r = auto({ 'x-rate-limit': '700', 'ratelimit-limit': '700', 'ratelimit-remaining': '699' });
    expect(r.provider).toBe('zendesk');
  });
});

describe('auto on IETF fields', () => {
  it('structured fields are IETF, and Cloudflare when cf-ray says the response came through it', () => {
    expect(auto(structured).provider).toBe('ietf');
    expect(auto({ ...structured, 'cf-ray': '8c135d3eeec4a97a-SYD' }).provider).toBe('cloudflare');
  });
  it('reads the same windows either way', () => {
    const a = auto(structured).windows;
    const b = auto({ ...structured, 'cf-ray': '8c135d3eeec4a97a-SYD' }).windows;
    expect(b).toEqual(a);
  });
  it('cf-ray alone does not make Cloudflare: OpenAI and Anthropic answer through it too', () => {
    const openai = { 'x-ratelimit-limit-requests': '60', 'x-ratelimit-remaining-requests': '59' };
    expect(auto({ ...openai, 'cf-ray': 'x' }).provider).toBe('openai');
    expect(auto({ 'anthropic-ratelimit-requests-limit': '50', 'cf-ray': 'x' }).provider).toBe('anthropic');
  });
  it('the draft <= 06 trio is IETF', () => {
    expect(
      auto({ 'RateLimit-Limit': '10', 'RateLimit-Remaining': '9', 'RateLimit-Reset': '1' }).provider,
    ).toBe('ietf');
  });
  it("Jira's Beta- structured fields are Jira, not IETF", () => {
    const r = auto({
      'Beta-RateLimit': '"q";r=1;t=5',
      'Beta-RateLimit-Policy': '"q";q=10;w=3600',
      ...xRateLimit,
    });
    expect(r.provider).toBe('jira');
  });
});

describe('no known headers', () => {
  it('says so, and still reports a 429 with its Retry-After', () => {
    const r = auto({ 'Retry-After': '30', 'Content-Type': 'text/plain' }, 429);
    expect(r.provider).toBe('unknown');
    expect(r.warnings).toContain('no known rate-limit headers in the response');
    expect(r.blocked).toEqual({ type: 'rate_limit', windowId: null, retryAt: now + 30_000 });
  });
});
