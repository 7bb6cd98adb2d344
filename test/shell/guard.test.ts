// The IPC guard: only the app's own top-level frame may call, every payload must fit its schema, and
// a refusal never repeats what was sent (it may be a token).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IpcRequestError } from '../../electron/ipc/contract';
import { APP_ORIGIN, isTrustedSender, validateRequest } from '../../electron/ipc/guard';

const main = (url: string) => ({ url, isMainFrame: true });

describe('isTrustedSender', () => {
  it.each([
    ['app://headroom/index.html', APP_ORIGIN],
    ['app://headroom/#/keys/prod', APP_ORIGIN],
    ['http://localhost:5173/', 'http://localhost:5173'],
    ['http://localhost:5173/index.html?x=1', 'http://localhost:5173/'],
  ])('trusts %s for %s', (url, expected) => {
    expect(isTrustedSender(main(url), expected)).toBe(true);
  });

  it.each([
    ['a file: page', 'file:///work/main/dist/index.html', APP_ORIGIN],
    ['another host on the app scheme', 'app://evil/index.html', APP_ORIGIN],
    ['a web page', 'https://example.com/', APP_ORIGIN],
    ['about:blank', 'about:blank', APP_ORIGIN],
    ['a data: URL', 'data:text/html,<p>hi</p>', APP_ORIGIN],
    ['the dev origin in production', 'http://localhost:5173/', APP_ORIGIN],
    ['another port in development', 'http://localhost:5174/', 'http://localhost:5173'],
    ['https for an http dev server', 'https://localhost:5173/', 'http://localhost:5173'],
    ['a look-alike host', 'app://headroom.evil/index.html', APP_ORIGIN],
    ['credentials in the URL', 'http://user:pw@localhost:5173/', 'http://localhost:5173'],
    ['garbage', 'not a url', APP_ORIGIN],
  ])('refuses %s', (_name, url, expected) => {
    expect(isTrustedSender(main(url), expected)).toBe(false);
  });

  it('refuses a subframe of the app and a missing frame', () => {
    expect(isTrustedSender({ url: 'app://headroom/index.html', isMainFrame: false }, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(null, APP_ORIGIN)).toBe(false);
    expect(isTrustedSender(undefined, APP_ORIGIN)).toBe(false);
  });
});

const validKey = {
  name: 'Production',
  connection: { provider: 'voucherify', region: 'eu', appId: 'app-123' },
  secrets: { token: 'tok_live_0123456789abcdef' },
  plan: { provider: 'voucherify', plan: 'startup' },
  cycle: { renewalDay: 1, timeZone: 'UTC' },
  thresholds: [90, 80],
};

describe('validateRequest', () => {
  it('returns the parsed payload, defaults filled', () => {
    const r = validateRequest('saveKey', validKey);
    expect(r.thresholds).toEqual([80, 90]);
    expect(r.connection).toMatchObject({ provider: 'voucherify', clientSide: false });
    expect(validateRequest('probeNow', { keyId: null })).toEqual({ keyId: null });
    expect(validateRequest('getState', undefined)).toBeUndefined();
  });

  it.each([
    ['probeNow', { keyId: '../../etc' }, /probeNow: keyId: /],
    ['probeNow', 'prod-eu', /probeNow: request: /],
    ['deleteKey', {}, /deleteKey: keyId: /],
    ['snooze', { duration: 'forever' }, /snooze: duration: /],
    ['calibrate', { keyId: 'prod-eu', used: -5 }, /calibrate: used: /],
    ['updateSettings', { theme: 'dark', token: 'x' }, /updateSettings: /],
    ['setPinned', { pinned: 'yes' }, /setPinned: pinned: /],
    ['getState', { sneaky: true }, /getState: /],
  ] as const)('refuses a bad %s payload with a short IpcRequestError', (channel, payload, message) => {
    let error: unknown;
    try {
      validateRequest(channel, payload);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(IpcRequestError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message.length).toBeLessThanOrEqual(160);
  });

  it('never echoes a token or other sent text in its message', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 12, maxLength: 64 }).filter((s) => s.trim().length >= 12),
        (secret) => {
          const attempts: [Parameters<typeof validateRequest>[0], unknown][] = [
            // a token that is too long (the schema's limit is 4096)
            ['saveKey', { ...validKey, secrets: { token: secret.repeat(200) } }],
            // the secret sent where a number, an id or an enum belongs
            ['saveKey', { ...validKey, secrets: { token: 42 }, name: secret }],
            ['testKey', { ...validKey, secrets: secret }],
            ['deleteKey', { keyId: secret }],
            ['snooze', { duration: secret }],
            ['calibrate', { keyId: 'prod-eu', used: secret }],
            ['updateSettings', { [secret]: secret }],
          ];
          for (const [channel, payload] of attempts) {
            try {
              validateRequest(channel, payload);
            } catch (err) {
              expect(err).toBeInstanceOf(IpcRequestError);
              expect((err as Error).message).not.toContain(secret.repeat(2).slice(0, 24));
              expect((err as Error).message).not.toContain(secret);
              continue;
            }
            // Only the long name may pass, and then nothing was refused.
            expect(channel).toBe('saveKey');
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
