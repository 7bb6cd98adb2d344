// The `proxy` and `reading` fields of a serve --config key: what is taken, and what is refused with
// the file, the field and why.
import { describe, expect, it } from 'vitest';
import { declaredKeyId, parseServeConfig } from '../../electron/web/config-file';

const NOW = Date.parse('2026-12-01T10:00:00Z');
const env = { SHOP_TOKEN: 'token-12345', B_TOKEN: 'token-67890' };
const key = (over: Record<string, unknown> = {}) => ({
  name: 'Shop',
  provider: 'voucherify',
  appId: 'app',
  plan: 'growth',
  tokenEnv: 'SHOP_TOKEN',
  ...over,
});
const parse = (keys: unknown[]) => parseServeConfig({ keys }, 'headroom.json', env, NOW);

describe('serve --config: proxy and reading', () => {
  it('takes a proxy port and a dashboard reading', () => {
    const c = parse([key({ proxy: { port: 0 }, reading: { used: 1234, at: '2026-12-01T09:00:00Z' } })]);
    expect(c.passive?.get(declaredKeyId('Shop'))).toEqual({
      proxy: { port: 0 },
      reading: { used: 1234, at: Date.parse('2026-12-01T09:00:00Z') },
    });
  });

  it('has nothing to say for a key without them', () => {
    expect(parse([key()]).passive?.size).toBe(0);
  });

  it.each([
    [{ proxy: { port: 70_000 } }, /keys\[0\]\.proxy\.port: must be 0 to 65535/],
    [{ proxy: { port: 8080, host: '0.0.0.0' } }, /keys\[0\]\.proxy: unknown field "host"/],
    [{ reading: { used: -1, at: '2026-12-01T09:00:00Z' } }, /keys\[0\]\.reading\.used: cannot be negative/],
    [{ reading: { used: 5, at: 'yesterday' } }, /keys\[0\]\.reading\.at: must be an ISO date-time/],
    [{ reading: { used: 5, at: '2026-12-02T09:00:00Z' } }, /keys\[0\]\.reading\.at: is in the future/],
  ])('refuses %j', (over, message) => {
    expect(() => parse([key(over)])).toThrow(message);
  });

  it('refuses two proxies on one port', () => {
    expect(() =>
      parse([key({ proxy: { port: 9000 } }), key({ name: 'B', tokenEnv: 'B_TOKEN', proxy: { port: 9000 } })]),
    ).toThrow(/keys\[1\]\.proxy\.port: another key's proxy has this port/);
  });
});
