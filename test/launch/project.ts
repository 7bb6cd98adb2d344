// A fresh copy of the project (its tracked and new files, as a clone would have them, with the
// installed node_modules linked in), and bounded child processes that are killed with their whole
// process group (npm -> vite -> electron) when they end or overrun.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const ROOT = process.cwd();

export function copyProject(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-clone-'));
  const files = spawnSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .stdout.split('\0')
    .filter((f) => f && !f.startsWith('node_modules/'));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    try {
      cpSync(join(ROOT, f), join(dir, f));
    } catch {
      // a file deleted in the working tree but still tracked: a clone of this state would not have it
    }
  }
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunResult {
  code: number | null;
  output: string;
  timedOut: boolean;
}

/** Runs a command in its own process group; the group is killed at the end, or at `timeoutMs`. */
export function run(
  cmd: string,
  args: string[],
  o: { cwd: string; env?: Record<string, string | undefined>; timeoutMs: number },
): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: o.cwd,
      env: { ...process.env, ...o.env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    let timedOut = false;
    child.stdout.on('data', (d) => (output += String(d)));
    child.stderr.on('data', (d) => (output += String(d)));
    const killGroup = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, o.timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      killGroup(); // vite or a stand-in left behind by npm
      resolve({ code, output, timedOut });
    });
  });
}
