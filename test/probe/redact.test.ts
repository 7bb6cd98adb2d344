// Redaction: the key's own secrets in every form, and anything credential-like, replaced; ordinary
// messages left readable.
import { describe, expect, it } from 'vitest';
import { redact, redactDeep } from '../../electron/probe/redact';

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
    'Blocked: api_calls_cycle until 14 Dec 10:00 UTC',
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
