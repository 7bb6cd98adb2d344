// kill -9 at random instants while a child writes through the real persistence (settings replaced
// whole, state appended to its journal and compacted): after every kill the files load, with nothing
// the child had seen committed missing, the history contiguous, and no damaged-file notice.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanStaleTemps } from '../../electron/storage/durable-write';
import { createStateRepository } from '../../electron/storage/state-repository';

const KILLS = Number(process.env.HEADROOM_KILLS ?? 100);
let work: string;
let bundle: string;

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'headroom-kill9-'));
  bundle = join(work, 'writer.mjs');
  // One small bundle, so each child starts in tens of ms rather than compiling TypeScript.
  await build({
    entryPoints: [join(__dirname, 'kill-writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile: bundle,
    logLevel: 'silent',
  });
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the writer until it has committed at least once, waits a random moment more, kills it. */
function runAndKill(dir: string, seed: number): Promise<{ committed: number; configCommitted: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bundle, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let committed = 0;
    // The writer replaces config.json before it reports a multiple of 5: those reports prove a config write.
    let configCommitted = 0;
    let killTimer: NodeJS.Timeout | null = null;
    let err = '';
    let buf = '';
    child.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      const lines = buf.split('\n');
      buf = lines.pop() ?? '';
      for (const l of lines)
        if (l.startsWith('c ')) {
          committed = Number(l.slice(2));
          if (committed % 5 === 0) configCommitted = committed;
        }
      // Kill a (pseudo-random) 0-24 ms after the first commit of this run: mid-write most times.
      killTimer ??= setTimeout(() => child.kill('SIGKILL'), (seed * 7919) % 25);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code, signal) => {
      if (killTimer) clearTimeout(killTimer);
      if (signal !== 'SIGKILL') reject(new Error(`writer exited ${code}: ${err}`));
      else resolve({ committed, configCommitted });
    });
  });
}

describe('kill -9 during writes', () => {
  it(`${KILLS} kills: every committed save survives, and every start reads clean files`, async () => {
    const dir = join(work, 'data');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir);
    let seen = 0;
    // The newest config.json the writer reported replaced whole before a kill.
    let reported = 0;
    for (let i = 1; i <= KILLS; i++) {
      const { committed, configCommitted } = await runAndKill(dir, i);
      reported = Math.max(reported, configCommitted);
      seen = Math.max(seen, committed);
      // What the settings repository's load does first.
      await cleanStaleTemps(dir, ['config.json']);
      const { state, notices } = await createStateRepository({ dir }).load();
      const s = state as { n: number; log: number[] };
      // Nothing committed is lost (a save that landed just before the kill may be there too).
      expect(notices).toEqual([]);
      expect(s.n).toBeGreaterThanOrEqual(seen);
      expect(s.log.at(-1)).toBe(s.n);
      expect(s.log.every((x, j) => j === 0 || x === (s.log[j - 1] as number) + 1)).toBe(true);
      seen = s.n;
      // config.json: always one whole version, never older than the last one the writer reported
      // replaced. (A kill between a state save and its config write skips that config version, so
      // the state's figure says nothing about how far config.json got.)
      if (reported < 5) continue;
      const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as { n: number; pad: string };
      expect(config.pad).toHaveLength(config.n % 3000);
      expect(config.n % 5).toBe(0);
      expect(config.n).toBeGreaterThanOrEqual(reported);
    }
    // No damaged-file copies and no temp files left behind (those of the last kill were cleaned at load).
    expect(readdirSync(dir).filter((f) => /corrupt|\.tmp-/.test(f))).toEqual([]);
    expect(seen).toBeGreaterThan(KILLS);
  }, 300_000);
});
