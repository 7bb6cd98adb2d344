// `serve --config FILE`: the server way to declare keys. A good file becomes the same KeyConfig the
// popover's form makes; a bad one is refused in one line naming the file, the field and why, with
// exit 2, before anything starts or is written.
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';
import type { CliIO } from '../../electron/cli/cli';
import { planServe } from '../../electron/cli/commands/serve';
import { declaredKeyId, parseServeConfig } from '../../electron/web/config-file';

const ENV = { SHOP_TOKEN: 'sk_shop_123456', CRM_TOKEN: 'zoho-abc' };
const SHOP = {
  name: 'Shop',
  provider: 'voucherify',
  baseUrl: 'https://api.voucherify.io',
  appId: 'app-1',
  tokenEnv: 'SHOP_TOKEN',
  plan: 'startup',
  cycle: { renewalDay: 1, timeZone: 'Europe/Warsaw' },
  thresholds: [80, 90, 100],
};

describe('the serve config file', () => {
  it("reads the issue's example into the same key the form makes", () => {
    const config = parseServeConfig({ keys: [SHOP] }, 'keys.json', ENV, 1000);
    expect(config.keys).toEqual([
      {
        id: declaredKeyId('Shop'),
        name: 'Shop',
        connection: { provider: 'voucherify', region: 'eu', appId: 'app-1', clientSide: false },
        plan: { provider: 'voucherify', plan: 'startup' },
        cycle: { renewalDay: 1, timeZone: 'Europe/Warsaw' },
        thresholds: [80, 90, 100],
        demo: false,
        createdAt: 1000,
      },
    ]);
    expect(config.tokenEnv.get(declaredKeyId('Shop'))).toBe('SHOP_TOKEN');
  });

  it('reads Zoho and generic keys, and a dedicated Voucherify cluster', () => {
    const config = parseServeConfig(
      {
        keys: [
          {
            name: 'CRM',
            provider: 'zoho',
            dataCentre: 'eu',
            edition: 'standard',
            users: 10,
            tokenEnv: 'CRM_TOKEN',
          },
          {
            name: 'Any',
            provider: 'generic',
            baseUrl: 'https://api.example.com',
            path: '/me',
            tokenEnv: 'CRM_TOKEN',
          },
          { ...SHOP, name: 'Dedicated', baseUrl: 'https://acme.voucherify.io' },
        ],
      },
      'keys.json',
      ENV,
      1,
    );
    expect(config.keys.map((k) => k.connection)).toMatchObject([
      { provider: 'zoho', dataCentre: 'eu' },
      { provider: 'generic', baseUrl: 'https://api.example.com', path: '/me', authHeader: 'Authorization' },
      { provider: 'voucherify', region: 'custom', baseUrl: 'https://acme.voucherify.io' },
    ]);
  });

  it.each([
    [{ keys: [{ ...SHOP, colour: 'red' }] }, 'keys.json: keys[0]: unknown field "colour"'],
    [{ keys: [SHOP], extra: 1 }, 'keys.json: the document: unknown field "extra"'],
    [{ keys: [{ ...SHOP, plan: 'gold' }] }, 'keys.json: keys[0].plan: '],
    [{ keys: [{ ...SHOP, thresholds: [0] }] }, 'keys.json: keys[0].thresholds[0]: '],
    [{ keys: [{ ...SHOP, cycle: { renewalDay: 40 } }] }, 'keys.json: keys[0].cycle.renewalDay: '],
    [
      { keys: [{ ...SHOP, tokenEnv: 'NOT_SET' }] },
      'keys.json: keys[0].tokenEnv: the environment variable NOT_SET is not set',
    ],
    [
      { keys: [{ ...SHOP, tokenEnv: 'has space' }] },
      'keys.json: keys[0].tokenEnv: must be an environment variable name',
    ],
    [
      { keys: [{ ...SHOP, token: 'sk_in_file' }] },
      'keys.json: keys[0].token: tokens are not read from files',
    ],
    [{ keys: [SHOP, { ...SHOP }] }, 'keys.json: keys[1].name: another key is already named "Shop"'],
    [{ keys: [{ ...SHOP, baseUrl: 'ftp://x' }] }, 'keys.json: keys[0].baseUrl: '],
    [{ keys: [{ ...SHOP, provider: 'stripe' }] }, 'keys.json: keys[0].provider: '],
  ])('refuses %j with file, field and why', (doc, message) => {
    let thrown: unknown;
    try {
      parseServeConfig(doc, 'keys.json', ENV, 1);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(Error);
    const text = (thrown as Error).message;
    expect(text.startsWith(message), text).toBe(true);
    expect(text).not.toContain('\n');
    expect(text).not.toContain('sk_in_file');
  });
});

describe('serve: what is checked before anything starts', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'headroom-serve-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  function io(env: Record<string, string>) {
    const out: string[] = [];
    const err: string[] = [];
    const value: CliIO = {
      readStdin: async () => '',
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      env,
      interrupted: Promise.resolve(),
    };
    return { value, out, err };
  }

  it('a bad --config file: one line naming file, field and reason, exit 2, nothing written', async () => {
    const file = join(dir, 'keys.json');
    const data = join(dir, 'data');
    await writeFile(file, JSON.stringify({ keys: [{ ...SHOP, thresholds: 'high' }] }));
    const { value, out, err } = io(ENV);
    const code = await runCli(['serve', '--config', file, '--data', data, '--port', '0'], value);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(
      new RegExp(`^headroom serve: ${file.replace(/[/.]/g, '\\$&')}: keys\\[0\\]\\.thresholds: .+\\n$`),
    );
    expect(await readdir(dir)).toEqual(['keys.json']);
  });

  it('a file that is not JSON, or not there, is one line too', async () => {
    const file = join(dir, 'keys.json');
    await writeFile(file, '{"keys": [');
    const { value, err } = io(ENV);
    expect(await runCli(['serve', '--config', file, '--data', join(dir, 'd')], value)).toBe(2);
    expect(err[0]).toMatch(/keys\.json: is not valid JSON/);
    const missing = io(ENV);
    expect(await runCli(['serve', '--config', join(dir, 'nope.json')], missing.value)).toBe(2);
    expect(missing.err[0]).toMatch(/nope\.json: cannot be read \(ENOENT\)/);
  });

  it('refuses to listen beyond loopback without HEADROOM_TOKEN, and a weak HEADROOM_TOKEN', () => {
    expect(() => planServe(['--host', '0.0.0.0'], {}, 0)).toThrow(
      /refusing to listen on 0\.0\.0\.0 without HEADROOM_TOKEN/,
    );
    expect(() => planServe(['--host', '192.168.1.5'], {}, 0)).toThrow(/HEADROOM_TOKEN/);
    expect(() => planServe(['--host', '0.0.0.0'], { HEADROOM_TOKEN: 'short' }, 0)).toThrow(/shorter than 16/);
    const plan = planServe(
      ['--host', '0.0.0.0', '--data', dir],
      { HEADROOM_TOKEN: 'a-long-enough-secret-1234' },
      0,
    );
    expect(plan).toMatchObject({
      host: '0.0.0.0',
      token: 'a-long-enough-secret-1234',
      tokenGenerated: false,
    });
    const local = planServe(['--port', '0', '--data', dir], {}, 0);
    expect(local.tokenGenerated).toBe(true);
    expect(local.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(() => planServe(['--port', '70000'], {}, 0)).toThrow(/--port/);
    expect(() => planServe(['--bogus'], {}, 0)).toThrow(/usage: serve/);
  });
});
