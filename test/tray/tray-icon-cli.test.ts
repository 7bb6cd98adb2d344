// `tray-icon`: a valid, distinct PNG per status. The full set runs through the command in-process
// (same code, real files); a real process checks the user's view (exit codes, one-line errors).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STATUSES } from '../../electron/ipc/contract';
import { decodePng } from '../../electron/core/tray/png';
import { runCli } from '../../electron/cli/main';

const dir = mkdtempSync(join(tmpdir(), 'headroom-tray-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync('node_modules/.bin/tsx', ['electron/cli/main.ts', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

async function inProcess(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    readStdin: async () => '',
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
  });
  return { code, stdout, stderr };
}

describe('cli tray-icon (real process)', () => {
  it('writes a valid and distinct PNG for each of the six statuses, at 16 and 32 px', async () => {
    const hashes = new Set<string>();
    for (const size of [16, 32]) {
      for (const status of STATUSES) {
        const out = join(dir, `${status}-${size}.png`);
        const r = await inProcess([
          'tray-icon',
          '--status',
          status,
          '--level',
          '0.6',
          '--size',
          String(size),
          '--out',
          out,
        ]);
        expect(r.code, r.stderr).toBe(0);
        expect(JSON.parse(r.stdout)).toMatchObject({ out, width: size, height: size, status, level: 0.6 });
        const png = readFileSync(out);
        const img = decodePng(png);
        expect([img.width, img.height]).toEqual([size, size]);
        hashes.add(createHash('sha256').update(img.data).digest('hex'));
      }
    }
    expect(hashes.size).toBe(STATUSES.length * 2);
  }, 120_000);

  it('writes a template variant and a contact sheet from a real process', () => {
    const t = cli(['tray-icon', '--status', 'ok', '--level', '1', '--template', '--out', join(dir, 't.png')]);
    expect(t.code, t.stderr).toBe(0);
    const img = decodePng(readFileSync(join(dir, 't.png')));
    for (let i = 0; i < img.data.length; i += 4) if (img.data[i + 3]! > 0) expect(img.data[i]).toBe(0);
    const s = cli(['tray-icon', '--contact-sheet', '--out', join(dir, 'sheet.png')]);
    expect(s.code, s.stderr).toBe(0);
    expect(decodePng(readFileSync(join(dir, 'sheet.png'))).width).toBeGreaterThan(1000);
  }, 60_000);

  it.each([
    ['an unknown status', ['--status', 'fine', '--level', '0.5'], /--status must be one of/],
    ['a level above 1', ['--status', 'ok', '--level', '42'], /--level must be a number from 0 to 1/],
    ['no level for a gauge', ['--status', 'warning'], /--level 0\.\.1 is required/],
    ['a silly size', ['--status', 'ok', '--level', '0.5', '--size', '3'], /--size must be/],
  ])(
    'refuses %s with one line and exit 2',
    async (_name, args, message) => {
      const r = await inProcess(['tray-icon', ...args, '--out', join(dir, 'x.png')]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(message);
    },
    60_000,
  );

  it('says so in one line from a real process when the file cannot be written', () => {
    const r = cli([
      'tray-icon',
      '--status',
      'ok',
      '--level',
      '0.5',
      '--out',
      join(dir, 'missing', 'dir', 'x.png'),
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^headroom tray-icon: cannot write .*ENOENT/),
    ]);
  }, 60_000);
});
