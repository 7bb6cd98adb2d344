// `npm start`'s first step, run on its own: with no Electron binary (as on this machine) it says why and
// what to do, in a few plain lines and a non-zero exit, not a stack trace from Electron. (npm start
// itself then runs Headroom in the browser: test/web/start-fallback.test.ts.)
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['scripts/ensure-electron.mjs'], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ...env },
  });

describe('scripts/ensure-electron.mjs', () => {
  it('explains a missing binary and exits 1, naming ELECTRON_SKIP_BINARY_DOWNLOAD rather than "unknown error"', () => {
    // Skip the download attempt itself (no internet here); run directly, the script explains and exits 1.
    const r = run({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /ELECTRON_SKIP_BINARY_DOWNLOAD is set, so Electron \d+\.\d+\.\d+ is not downloaded/,
    );
    expect(r.stderr).toMatch(/github\.com\/electron\/electron\/releases/);
    expect(r.stderr).toMatch(/ELECTRON_OVERRIDE_DIST_PATH/);
    expect(r.stderr).toMatch(/npm start runs it in the browser/);
    expect(r.stderr).not.toMatch(/unknown error/);
    expect(r.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  });

  it('lets npm start go on when an Electron is provided', () => {
    const r = run({ ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});
