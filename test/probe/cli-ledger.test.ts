// The CLI in-process (runCli, the same code path as the real binary): a 429 records the key's retry
// time in the ledger, and the next probe is deferred (exit 12) without sending anything.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT_CODES } from '../../electron/cli/commands/probe';
import type { CliIO } from '../../electron/cli/cli';
import { runCli } from '../../electron/cli/main';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';

let sim: RunningSimulator | null = null;
let dir: string | null = null;
afterEach(async () => {
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  sim = null;
  dir = null;
});

function io(env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIO = {
    readStdin: async () => '',
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env,
  };
  return { value, out, err };
}

describe('cli probe with a ledger', () => {
  it('a 429 makes the next probe wait for the retry time: deferred, nothing sent', async () => {
    sim = await startSimulator({ load: 'none', projects: [{ plan: 'free' }] });
    const p = sim.projects[0]!;
    p.engine.consume(100);
    dir = mkdtempSync(join(tmpdir(), 'headroom-ledger-'));
    const ledger = join(dir, 'ledger.json');
    const args = [
      'probe',
      '--base-url',
      sim.url,
      '--app-id',
      p.appId,
      '--token-env',
      'T',
      '--ledger',
      ledger,
    ];

    const first = io({ T: p.appToken });
    expect(await runCli(args, first.value)).toBe(EXIT_CODES.blocked);
    expect(first.out.join('')).toMatch(/^Request limit reached until [^\n]*\d\d:00[^\n]*\n/);
    const saved = JSON.parse(readFileSync(ledger, 'utf8'));
    const key = Object.values(saved.keys)[0] as {
      retryAt: number;
      cycles: Array<{ sent: number; billable: number }>;
    };
    expect(key.retryAt).toBe(p.truth().windowResetAt);
    expect(key.cycles[0]).toMatchObject({ sent: 1, billable: 0 });

    const requests = sim.requests();
    const second = io({ T: p.appToken });
    expect(await runCli([...args, '--json'], second.value)).toBe(EXIT_CODES.deferred);
    expect(JSON.parse(second.out.join(''))).toMatchObject({
      outcome: 'deferred',
      status: null,
      latencyMs: null,
      monitor: { sent: 1, billable: 0 },
    });
    expect(sim.requests()).toBe(requests);
    expect(p.truth().rejected).toBe(1);
  });

  it('exit codes are distinct per outcome', () => {
    const codes = Object.values(EXIT_CODES);
    expect(new Set(codes).size).toBe(codes.length);
    expect(EXIT_CODES.ok).toBe(0);
    expect(codes.filter((c) => c === 1 || c === 2)).toEqual([]);
  });
});
