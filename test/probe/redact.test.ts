// Redaction: the key's own secrets in every form, and anything credential-like, replaced; ordinary
// messages left readable.
import { describe, expect, it } from 'vitest';
import { redact, redactDeep, removeSecrets, removeSecretsFromValues } from '../../electron/probe/redact';

describe('redact', () => {
  it('removes the given secrets as typed, URL-encoded and JSON-escaped', () => {
    const s = 'p@ss/w"rd+1234';
    expect(redact(`a ${s} b`, [s])).toBe('a [redacted] b');
    expect(redact(`q=${encodeURIComponent(s)}`, [s])).toBe('q=[redacted]');
    expect(redact(JSON.stringify({ m: s }), [s])).toBe('{"m":"[redacted]"}');
  });

  it.each([
    ['Authorization: Bearer abc.def-123', 'Authorization: Bearer [redacted]'],
    ['Zoho-oauthtoken 1000.abcdef.ghijk', 'Zoho-oauthtoken [redacted]'],
    ['url?api_key=XYZ&x=1', 'url?api_key=[redacted]&x=1'],
    ['{"app_token": "short"}', '{"app_token": "[redacted]"}'],
    ['X-App-Token: hello', 'X-App-Token: [redacted]'],
    ['jwt eyJhbGciOi.eyJzdWIiOi.sig_part', 'jwt [redacted]'],
    ['id 3fa85f64-5717-4562-b3fc-2c963f66afa6 end', 'id [redacted] end'],
  ])('redacts what looks like a credential: %s', (input, output) => {
    expect(redact(input)).toBe(output);
  });

  it.each([
    'Voucherify rejected the key (401): check the App ID and token',
    'Nothing is listening at http://127.0.0.1:1 (connection refused)',
    'Billing-cycle quota used up until 14 Dec, 10:00',
    'The answer from http://127.0.0.1:4000 is not valid HTTP (HPE_INVALID_HEADER_TOKEN): check the base URL',
    'TLS with https://us1.api.voucherify.io failed (ERR_SSL_WRONG_VERSION_NUMBER)',
    'probe voucherify:api.voucherify.io GET https://api.voucherify.io/v1/vouchers -> ok 200 12 ms',
  ])('leaves ordinary messages alone: %s', (text) => {
    expect(redact(text)).toBe(text);
  });

  it('ignores secrets too short to search for safely', () => {
    expect(redact('a cat', ['a'])).toBe('a cat');
  });

  it('redacts every string inside a value, keys included', () => {
    expect(redactDeep({ list: ['x sekret-123 y'], ['sekret-123']: 1, n: 2 }, ['sekret-123'])).toEqual({
      list: ['x [redacted] y'],
      '[redacted]': 1,
      n: 2,
    });
  });
});

describe('pieces of a secret', () => {
  const token = 'sk_live_51HxQ2eLmN0pQrStUvWx';

  it('a quoted prefix of 8 or more characters is redacted, a shorter one is not a leak', () => {
    const body = `{"message":"unknown key ${token.slice(0, 14)}…"}`;
    expect(redact(body, [token])).not.toContain(token.slice(0, 8));
    expect(redact(`x ${token.slice(3, 12)} y`, [token])).toBe('x [redacted] y');
    expect(removeSecrets(`ends ${token.slice(-9)}`, [token])).toBe('ends [redacted]');
    // 7 characters of a token say nothing on their own and the text stays readable
    expect(removeSecrets('sk_live', [token])).toBe('sk_live');
  });

  it('a token split across a repeated header is removed from every value that carries a piece', () => {
    const values = [token.slice(0, 5), token.slice(5, 12), token.slice(12)];
    const out = removeSecretsFromValues(values, [token]);
    expect(out).toEqual(['[redacted]', '[redacted]', '[redacted]']);
    expect(removeSecretsFromValues(['100', '99'], [token])).toEqual(['100', '99']);
  });

  it('a base64 form of a credential is masked', () => {
    const b64 = Buffer.from(`app:${token}`).toString('base64');
    expect(redact(`cookie ${b64}`)).toBe('cookie [redacted]');
  });
});

describe('paths stay readable', () => {
  it('a long URL path with digits is not mistaken for base64', () => {
    expect(redact('GET https://www.zohoapis.com/crm/v2/settings/modules/v2beta -> ok')).toBe(
      'GET https://www.zohoapis.com/crm/v2/settings/modules/v2beta -> ok',
    );
  });
});
