// The Zoho OAuth pieces on their own: what the accounts server's answers mean, the vault's secret
// document, the token provider's timing (refresh ahead of expiry, once at a time, not after a
// permanent refusal), and the accounts server per data centre.
import { describe, expect, it } from 'vitest';
import { zohoAccountsUrl, ZOHO_DATA_CENTRES } from '../../electron/core/config/settings';
import { readTokenAnswer } from '../../electron/oauth/zoho-token-answer';
import {
  decodeZohoSecret,
  encodeZohoSecret,
  ZohoSecretError,
  zohoSecretToStore,
} from '../../electron/oauth/zoho-secret';
import type { RefreshOutcome, RefreshRequest } from '../../electron/oauth/zoho-token-http';
import { REFRESH_MARGIN_MS, ZohoTokenProvider } from '../../electron/oauth/zoho-tokens';

const NOW = Date.UTC(2026, 10, 2, 9, 0);
const where = { accountsHost: 'accounts.zoho.eu' };
const REQ: RefreshRequest = {
  accountsUrl: 'https://accounts.zoho.eu',
  clientId: '1000.CLIENT',
  clientSecret: 'client-secret-value',
  refreshToken: '1000.refresh.token',
};

describe('the accounts server answer', () => {
  it('reads a grant: the token and when it expires (expires_in seconds, 1 h when absent)', () => {
    const a = readTokenAnswer(
      200,
      {
        access_token: '1000.aaaa.bbbb',
        expires_in: 3600,
        api_domain: 'https://www.zohoapis.eu',
        token_type: 'Bearer',
      },
      NOW,
      where,
    );
    expect(a).toEqual({
      ok: true,
      grant: {
        accessToken: '1000.aaaa.bbbb',
        expiresAt: NOW + 3_600_000,
        apiDomain: 'https://www.zohoapis.eu',
      },
    });
    const b = readTokenAnswer(200, { access_token: '1000.aaaa.bbbb' }, NOW, where);
    expect(b.ok && b.grant.expiresAt).toBe(NOW + 3_600_000);
  });

  it('says why a refresh failed and what to do; revoked, wrong client and wrong secret are permanent', () => {
    const cases: [number, unknown, string, boolean, RegExp][] = [
      [200, { error: 'invalid_code' }, 'revoked', true, /revoked.*Edit key/],
      [
        200,
        { error: 'invalid_client' },
        'wrong-client',
        true,
        /accounts\.zoho\.eu does not know this Client ID.*data centre/,
      ],
      [200, { error: 'invalid_client_secret' }, 'wrong-secret', true, /client secret does not belong/],
      [
        400,
        { error: 'Access Denied', error_description: 'You have made too many requests continuously.' },
        'rate-limited',
        false,
        /10 access tokens in 10 minutes/,
      ],
      [503, undefined, 'server', false, /server had an error \(503\)/],
      [200, '<html>', 'unexpected', false, /did not answer like Zoho/],
    ];
    for (const [status, body, reason, permanent, words] of cases) {
      const a = readTokenAnswer(status, body, NOW, where);
      expect(a.ok).toBe(false);
      if (a.ok) continue;
      expect(a.failure).toMatchObject({ reason, permanent });
      expect(a.failure.message).toMatch(words);
    }
    const limited = readTokenAnswer(400, { error: 'Access Denied' }, NOW, where);
    expect(!limited.ok && limited.failure.retryAt).toBe(NOW + 600_000);
  });

  it('names the accounts server of every data centre (Canada is zohocloud.ca)', () => {
    expect(ZOHO_DATA_CENTRES.map(zohoAccountsUrl)).toEqual([
      'https://accounts.zoho.com',
      'https://accounts.zoho.eu',
      'https://accounts.zoho.in',
      'https://accounts.zoho.com.au',
      'https://accounts.zoho.com.cn',
      'https://accounts.zoho.jp',
      'https://accounts.zohocloud.ca',
      'https://accounts.zoho.sa',
    ]);
  });
});

describe('the secret document in the vault', () => {
  it('round-trips the pair; a plain string is a legacy access token', () => {
    const raw = encodeZohoSecret({ clientSecret: 's1', refreshToken: 'r1' });
    expect(decodeZohoSecret(raw)).toEqual({ kind: 'oauth', clientSecret: 's1', refreshToken: 'r1' });
    expect(decodeZohoSecret('1000.plain.token')).toEqual({ kind: 'access-token', token: '1000.plain.token' });
    expect(decodeZohoSecret('{not json')).toEqual({ kind: 'access-token', token: '{not json' });
  });

  it('merges an edit with what is stored, and refuses half a pair for a new key', () => {
    const stored = encodeZohoSecret({ clientSecret: 'old-secret', refreshToken: 'old-refresh' });
    expect(decodeZohoSecret(zohoSecretToStore({ refreshToken: 'new-refresh' }, stored)!)).toEqual({
      kind: 'oauth',
      clientSecret: 'old-secret',
      refreshToken: 'new-refresh',
    });
    expect(zohoSecretToStore({}, stored)).toBeNull();
    expect(() => zohoSecretToStore({ refreshToken: 'r' }, null)).toThrow(ZohoSecretError);
    expect(() => zohoSecretToStore({ clientSecret: 's' }, '1000.legacy')).toThrow(/refresh token/);
  });
});

/** A token endpoint in memory: counts calls, answers as told, can be held to test single flight. */
function fakeEndpoint(now: () => number) {
  const calls: RefreshRequest[] = [];
  let answer: (n: number) => RefreshOutcome = (n) => ({
    ok: true,
    grant: { accessToken: `token-${n}`, expiresAt: now() + 3_600_000, apiDomain: null },
  });
  return {
    calls,
    answerWith(f: (n: number) => RefreshOutcome) {
      answer = f;
    },
    request: async (req: RefreshRequest) => {
      calls.push(req);
      await Promise.resolve();
      return answer(calls.length);
    },
  };
}

describe('the token provider', () => {
  it('reuses a token until 5 minutes before it expires, then refreshes once', async () => {
    let t = NOW;
    const ep = fakeEndpoint(() => t);
    const p = new ZohoTokenProvider({ now: () => t, request: ep.request });
    expect(await p.accessToken('k', REQ)).toEqual({ ok: true, accessToken: 'token-1', refreshed: true });
    t += 3_600_000 - REFRESH_MARGIN_MS - 1;
    expect(await p.accessToken('k', REQ)).toEqual({ ok: true, accessToken: 'token-1', refreshed: false });
    t += 1;
    expect(await p.accessToken('k', REQ)).toEqual({ ok: true, accessToken: 'token-2', refreshed: true });
    expect(ep.calls).toHaveLength(2);
    expect(p.refreshCount('k')).toBe(2);
  });

  it('joins concurrent callers into one refresh, and refreshes after an invalidation', async () => {
    const ep = fakeEndpoint(() => NOW);
    const p = new ZohoTokenProvider({ now: () => NOW, request: ep.request });
    const all = await Promise.all([
      p.accessToken('k', REQ),
      p.accessToken('k', REQ),
      p.accessToken('k', REQ),
    ]);
    expect(all.map((r) => r.ok && r.accessToken)).toEqual(['token-1', 'token-1', 'token-1']);
    expect(ep.calls).toHaveLength(1);
    p.invalidate('k', 'some-other-token');
    expect(await p.accessToken('k', REQ)).toMatchObject({ accessToken: 'token-1' });
    p.invalidate('k', 'token-1');
    expect(await p.accessToken('k', REQ)).toMatchObject({ accessToken: 'token-2', refreshed: true });
  });

  it('does not ask again after a permanent refusal until the secrets change; waits out a rate limit', async () => {
    let t = NOW;
    const ep = fakeEndpoint(() => t);
    const p = new ZohoTokenProvider({ now: () => t, request: ep.request });
    ep.answerWith(() => ({
      ok: false,
      failure: { reason: 'revoked', permanent: true, message: 'revoked', retryAt: null },
    }));
    expect(await p.accessToken('k', REQ)).toMatchObject({ ok: false, failure: { reason: 'revoked' } });
    t += 86_400_000;
    expect(await p.accessToken('k', REQ)).toMatchObject({ ok: false });
    expect(ep.calls).toHaveLength(1);
    // A new refresh token is a new session.
    ep.answerWith(() => ({
      ok: false,
      failure: { reason: 'rate-limited', permanent: false, message: 'wait', retryAt: t + 600_000 },
    }));
    await p.accessToken('k', { ...REQ, refreshToken: 'another' });
    expect(ep.calls).toHaveLength(2);
    t += 599_999;
    await p.accessToken('k', { ...REQ, refreshToken: 'another' });
    expect(ep.calls).toHaveLength(2);
    t += 1;
    ep.answerWith((n) => ({
      ok: true,
      grant: { accessToken: `token-${n}`, expiresAt: t + 3_600_000, apiDomain: null },
    }));
    expect(await p.accessToken('k', { ...REQ, refreshToken: 'another' })).toMatchObject({
      ok: true,
      accessToken: 'token-3',
    });
  });
});
