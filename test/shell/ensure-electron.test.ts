// `npm start`'s first step: with no Electron binary (as on this machine) it says why the app cannot
// start and what to do, in a few plain lines and a non-zero exit, not a stack trace from Electron.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const run = (env: Record<string, string>) =>
  spawnSync(process.execPath, ['scripts/ensure-electron.mjs'], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, ...env },
  });

describe('scripts/ensure-electron.mjs', () => {
  it('explains a missing binary and exits 1', () => {
    // Skip the download attempt itself (no internet here); the outcome is the same as a failed one.
    const r = run({ ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/could not install the Electron \d+\.\d+\.\d+ binary, so the app cannot start/);
    expect(r.stderr).toMatch(/needs internet access/);
    expect(r.stderr).toMatch(/ELECTRON_OVERRIDE_DIST_PATH/);
    expect(r.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  });

  it('lets npm start go on when an Electron is provided', () => {
    const r = run({ ELECTRON_OVERRIDE_DIST_PATH: '/opt/electron' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
  });
});
