// `npm start` where Electron's binary is not there and cannot be downloaded (this machine has no
// route to GitHub): one line says so, and Headroom runs in the browser. The printed address answers
// 200 and the state behind it is the demo. Spawned as a user would, killed as a tree, bounded in time.
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppState } from '../../electron/ipc/contract';
import { run, type Running } from './proc';

function electronBinaryPresent(): boolean {
  try {
    const dir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    return existsSync(join(dir, 'dist', readFileSync(join(dir, 'path.txt'), 'utf8').trim()));
  } catch {
    return false;
  }
}

// Where Electron is installed, npm start opens the tray app instead; HEADROOM_WEB=1 is what forces the browser then.
describe('npm start without an Electron binary', () => {
  const procs: Running[] = [];
  let data: string;
  afterAll(async () => {
    await Promise.all(procs.map((p) => p.kill()));
    if (data) await rm(data, { recursive: true, force: true });
  });

  it.each([
    // CI sets ELECTRON_SKIP_BINARY_DOWNLOAD for its own install: unset here, the download is tried (and fails).
    ['the download fails', false],
    ['ELECTRON_SKIP_BINARY_DOWNLOAD is set', true],
  ])(
    '%s: says so in one line, prints the address, which answers 200 with the demo',
    async (_what, skip) => {
      data = data ?? (await mkdtemp(join(tmpdir(), 'headroom-start-')));
      const env: Record<string, string | undefined> = {
        BROWSER: 'none',
        HEADROOM_DATA_DIR: join(data, skip ? 'skip' : 'fail'),
        ELECTRON_SKIP_BINARY_DOWNLOAD: skip ? '1' : undefined,
        ...(electronBinaryPresent() ? { HEADROOM_WEB: '1' } : {}),
      };
      const p = run('npm', ['start'], env);
      procs.push(p);
      const [address, origin, token] = await p.line(
        /(http:\/\/127\.0\.0\.1:\d+)\/\?token=([A-Za-z0-9_-]{43})/,
        90_000,
      );
      const why = p.stderr.filter((l) => /runs in your browser instead/.test(l));
      expect(why).toHaveLength(1);
      if (skip) expect(why[0]).toMatch(/ELECTRON_SKIP_BINARY_DOWNLOAD is set/);
      else expect(why[0]).toMatch(/could not be downloaded \(.+\)/);
      expect(p.stderr.join('\n')).not.toMatch(/unknown error/);
      const page = await fetch(address);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      expect((await fetch(`${origin}/api/state`)).status).toBe(401);
      const state = (await (
        await fetch(`${origin}/api/state`, { headers: { Authorization: `Bearer ${token}` } })
      ).json()) as AppState;
      expect(state.keys.map((k) => k.name)).toEqual(['Demo project']);
      await p.kill();
    },
    150_000,
  );
});
