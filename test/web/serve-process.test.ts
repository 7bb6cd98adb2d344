// `npm run --silent cli -- serve` as a real process: its first stdout line is `listening on …`, it
// answers /healthz openly and /api/state only with the bearer; with --config its keys take their
// tokens from the environment, and the data folder keeps its state but never a token.
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import type { AppState } from '../../electron/ipc/contract';
import { run, type Running } from './proc';

const TOKEN = 'serve-test-secret-0123456789';
const APP = { appId: 'serve-app-1', token: 'sk_serve_env_token_5a6b7c' };

describe('serve, as a process', () => {
  let dir: string;
  let sim: RunningSimulator;
  const procs: Running[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'headroom-serve-proc-'));
    sim = await startSimulator({
      projects: [{ plan: 'startup', load: 'none', appId: APP.appId, appToken: APP.token }],
    });
  });
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill()));
    await sim?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the demo with nothing configured: listening line first, healthz open, state behind the bearer', async () => {
    const p = run(
      'npm',
      ['run', '--silent', 'cli', '--', 'serve', '--port', '0', '--data', join(dir, 'demo')],
      {
        HEADROOM_TOKEN: TOKEN,
        BROWSER: 'none',
      },
    );
    procs.push(p);
    const [, url] = await p.line(/^listening on (http:\/\/127\.0\.0\.1:\d+)$/, 120_000);
    expect(p.stdout[0]).toBe(`listening on ${url}`);
    expect(p.stdout.join('\n')).not.toContain(TOKEN);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/api/state`)).status).toBe(401);
    const res = await fetch(`${url}/api/state`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const state = (await res.json()) as AppState;
    expect(state.demo).toBe(true);
    expect(state.keys.map((k) => k.name)).toEqual(['Demo project']);
    await p.kill();
  }, 150_000);

  it('serves keys from --config with the token from tokenEnv, and writes no token to disk', async () => {
    const data = join(dir, 'declared');
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
          },
        ],
      }),
    );
    const p = run(
      'npm',
      ['run', '--silent', 'cli', '--', 'serve', '--port', '0', '--data', data, '--config', file],
      {
        HEADROOM_TOKEN: TOKEN,
        SHOP_TOKEN: APP.token,
        BROWSER: 'none',
      },
    );
    procs.push(p);
    const [, url] = await p.line(/^listening on (http:\/\/127\.0\.0\.1:\d+)$/, 120_000);
    const auth = { headers: { Authorization: `Bearer ${TOKEN}` } };
    // The first probe goes out at start; wait (bounded) until its answer is in the state.
    let state: AppState | null = null;
    for (let i = 0; i < 100; i++) {
      state = (await (await fetch(`${url}/api/state`, auth)).json()) as AppState;
      if (state.keys[0]?.lastProbe) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(state?.demo).toBe(false);
    expect(state?.keys.map((k) => [k.name, k.lastProbe?.outcome])).toEqual([['Shop', 'ok']]);
    await p.kill();
    expect(p.stderr).toContain('headroom serve: stopped');
    const files = await readdir(data);
    expect(files).toContain('state.json');
    for (const f of files) {
      const text = await readFile(join(data, f), 'utf8');
      expect(text, f).not.toContain(APP.token);
      expect(text, f).not.toContain(TOKEN);
    }
    // What the key saw is kept for the next start, under the id its name gives it.
    expect(await readFile(join(data, 'state.json'), 'utf8')).toContain(state?.keys[0]?.id ?? 'missing');
  }, 150_000);
});
