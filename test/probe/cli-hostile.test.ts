// The probe CLI as a user runs it, against servers that never settle and with tokens passed by mistake:
// every run ends within its timeout with a non-zero exit and a clear message, and never prints the token.
// Before the fix a 101 answer made the CLI exit 0 with no output, and `--token-env <TOKEN>` or
// `--token-stdin <TOKEN>` printed the token in the error.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nonSettlingServer, type HostileServer } from '../reliability/hostile-servers';

const TOKEN = 'sk_live_51HxQ2eLmN0pQrStUvWx';

/** Runs the CLI asynchronously (never spawnSync: it would freeze this process's own servers). */
function cli(args: string[], env: Record<string, string> = {}, input = '') {
  return new Promise<{ code: number | null; out: string }>((resolve) => {
    const p = spawn('npm', ['run', '--silent', 'cli', '--', ...args], {
      env: { ...process.env, ...env },
      stdio: 'pipe',
    });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.stdin.end(input);
    p.on('close', (code) => resolve({ code, out }));
  });
}

let upgrade: HostileServer;
let stalled: HostileServer;
beforeAll(async () => {
  upgrade = await nonSettlingServer('101 Switching Protocols (websocket upgrade)');
  stalled = await nonSettlingServer('a chunked body that trickles forever');
});
afterAll(async () => {
  await upgrade?.close();
  await stalled?.close();
});

describe('probe CLI against misbehaving servers and misplaced tokens', () => {
  it('a 101 answer exits 11 with a message; a trickling body exits 7 at the timeout', async () => {
    const base = ['probe', '--app-id', 'app', '--token-env', 'T', '--timeout-ms', '500'];
    const [up, trickle] = await Promise.all([
      cli([...base, '--base-url', upgrade.url], { T: TOKEN }),
      cli([...base, '--base-url', stalled.url], { T: TOKEN }),
    ]);
    expect(up.code).toBe(11);
    expect(up.out).toMatch(/switched protocols \(101\) instead of answering/);
    expect(trickle.code).toBe(7);
    expect(trickle.out).toMatch(/^Timed out after 500 ms/);
    expect(up.out + trickle.out).not.toContain(TOKEN);
  }, 60_000);

  it('never echoes a token given where a variable name or nothing was expected', async () => {
    const base = ['probe', '--base-url', upgrade.url, '--app-id', 'app'];
    const runs = await Promise.all([
      cli([...base, '--token-env', TOKEN]),
      cli([...base, `--token-env=${TOKEN}`]),
      cli([...base, '--token-stdin', TOKEN], {}, ''),
      cli([...base, '--token-env', 'T', TOKEN], { T: 'x' }),
    ]);
    for (const r of runs) {
      expect(r.code).toBe(2);
      expect(r.out).not.toContain(TOKEN);
      expect(r.out).not.toContain(TOKEN.slice(0, 8));
    }
    expect(runs[0]!.out).toMatch(/--token-env takes the NAME of an environment variable/);
    expect(runs[2]!.out).toMatch(/\[value not shown\]/);
  }, 60_000);

  it('a token outside Latin-1 is a usage error, not a connection failure', async () => {
    const r = await cli(['probe', '--base-url', upgrade.url, '--app-id', 'app', '--token-env', 'T'], {
      T: 'sk_live_“quoted”_token',
    });
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/characters an HTTP header cannot carry/);
    expect(r.out).not.toContain('quoted');
  }, 60_000);
});
