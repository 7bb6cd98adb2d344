// `serve --config` as a real process with a key routed through Headroom: it prints
// `proxy for Shop on http://127.0.0.1:PORT` after the listening line, and that address answers as the API.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { run, type Running } from '../web/proc';

const TOKEN = 'serve-proxy-secret-0123456789';
const APP = { appId: 'proxy-app-1', token: 'sk_proxy_env_token_9f8e7d' };

describe('serve with a proxied key, as a process', () => {
  let dir: string;
  let sim: RunningSimulator;
  let proc: Running | null = null;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'headroom-serve-proxy-'));
    sim = await startSimulator({
      projects: [{ plan: 'startup', load: 'none', appId: APP.appId, appToken: APP.token }],
    });
  });
  afterAll(async () => {
    await proc?.kill();
    await sim?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('prints the proxy line and forwards through it', async () => {
    const file = join(dir, 'keys.json');
    await writeFile(
      file,
      JSON.stringify({
        keys: [
          {
            name: 'Shop',
            provider: 'voucherify',
            baseUrl: sim.url,
            appId: APP.appId,
            tokenEnv: 'SHOP_TOKEN',
            plan: 'startup',
            proxy: { port: 0 },
            reading: { used: 0, at: new Date().toISOString() },
          },
        ],
      }),
    );
    proc = run(
      'npm',
      ['run', '--silent', 'cli', '--', 'serve', '--port', '0', '--data', join(dir, 'data'), '--config', file],
      { HEADROOM_TOKEN: TOKEN, SHOP_TOKEN: APP.token, BROWSER: 'none' },
    );
    const [, url] = await proc.line(/^listening on (http:\/\/127\.0\.0\.1:\d+)$/, 120_000);
    const [, proxy] = await proc.line(/^proxy for Shop on (http:\/\/127\.0\.0\.1:\d+)$/, 10_000);
    expect(proc.stdout[0]).toBe(`listening on ${url}`);
    const res = await fetch(`${proxy}/v1/vouchers?limit=1`, {
      headers: { 'X-App-Id': APP.appId, 'X-App-Token': APP.token },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-rate-limit-limit')).toBe('1000');
    expect(proc.stdout.join('\n')).not.toContain(APP.token);
    expect(proc.stderr.join('\n')).not.toContain(APP.token);
  }, 150_000);
});
