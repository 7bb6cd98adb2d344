// The CLI as a user runs it: a real `simulate` process and real `probe` processes through npm's script.
// Three probes with --load none show the window's remaining falling by exactly 3, the simulator's own
// count at 3, and the monitor's ledger at 3; every failure class has its exit code and no secret shows.
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { get } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRUTH_PATH } from '../../electron/simulator/server';
import { closedPort } from '../support/fault-servers';

interface Simulate {
  proc: ChildProcessWithoutNullStreams;
  lines: string[];
  url: string;
  appId: string;
  appToken: string;
  exited: Promise<number | null>;
}

async function startSimulate(args: string[]): Promise<Simulate> {
  // Its own process group, so Ctrl-C can be sent the way a terminal sends it (to the whole group).
  const proc = spawn('npm', ['run', '--silent', 'cli', '--', 'simulate', ...args], {
    detached: true,
    stdio: 'pipe',
  }) as ChildProcessWithoutNullStreams;
  // 'close' comes after the last line of output has been read.
  const exited = new Promise<number | null>((resolve) => proc.once('close', (code) => resolve(code)));
  const lines: string[] = [];
  const rl = createInterface({ input: proc.stdout });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulate did not start: ${lines.join('\n')}`)), 30_000);
    rl.on('line', (line) => {
      lines.push(line);
      if (line.startsWith('press Ctrl-C')) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.once('exit', () => reject(new Error(`simulate exited: ${lines.join('\n')}`)));
  });
  const field = (name: string) => lines.find((l) => l.startsWith(`${name}: `))?.slice(name.length + 2) ?? '';
  return {
    proc,
    lines,
    url: lines[0]?.replace('listening on ', '') ?? '',
    appId: field('app id'),
    appToken: field('app token'),
    exited,
  };
}

function cli(args: string[], env: Record<string, string> = {}, input = '') {
  const r = spawnSync('npm', ['run', '--silent', 'cli', '--', ...args], {
    input,
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The simulator's ground truth over a fresh connection. Not fetch: its keep-alive pool kept the socket
 * of the previous read, the simulator closed it while idle (keepAliveTimeout, 5 s), and this process,
 * frozen inside spawnSync for seconds on a loaded machine, never saw the close before reusing the
 * socket: "fetch failed … other side closed".
 */
function truthOf(s: Simulate): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const req = get(
      `${s.url}${TRUTH_PATH}`,
      { agent: false, headers: { 'X-App-Id': s.appId, 'X-App-Token': s.appToken, Connection: 'close' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => {
          try {
            resolve(JSON.parse(text) as Record<string, unknown>);
          } catch (err) {
            reject(err as Error);
          }
        });
      },
    );
    req.on('error', reject);
  });
}

let sim: Simulate;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-probe-cli-'));
  // 10:20 simulated: forty minutes from the hour's end, so three probes share one window.
  sim = await startSimulate(['--plan', 'free', '--load', 'none', '--start', '2026-11-23T10:20:00Z']);
}, 60_000);

afterAll(async () => {
  // Whatever is left of the group (nothing, when the Ctrl-C test ran).
  try {
    if (sim?.proc.pid) process.kill(-sim.proc.pid, 'SIGKILL');
  } catch {
    // already gone
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('cli simulate + probe (real processes)', () => {
  it('simulate prints its address first, then generated credentials', () => {
    expect(sim.lines[0]).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    expect(sim.appId).toMatch(/^[0-9a-f-]{36}$/);
    expect(sim.appToken).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('three probes: remaining falls by exactly 3, the simulator counted 3, the monitor counted 3', async () => {
    const ledger = join(dir, 'ledger.json');
    const args = ['probe', '--provider', 'voucherify', '--base-url', sim.url, '--app-id', sim.appId];
    const json = [1, 2, 3].map(() => {
      const r = cli([...args, '--token-env', 'SIM_TOKEN', '--ledger', ledger, '--json'], {
        SIM_TOKEN: sim.appToken,
      });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      return JSON.parse(r.stdout);
    });
    expect(json.map((j) => j.windows[0].remaining)).toEqual([99, 98, 97]);
    expect(new Set(json.map((j) => j.windows[0].resetAt))).toEqual(new Set(['2026-11-23T11:00:00.000Z']));
    expect(json[2]).toMatchObject({ outcome: 'ok', status: 200, provider: 'voucherify', blocked: null });
    expect(json[2].latencyMs).toBeGreaterThan(0);
    expect(Number.isFinite(Date.parse(json[2].at))).toBe(true);
    expect(json[2].monitor).toMatchObject({ sent: 3, billable: 3, uncertain: 0 });

    const truth = await truthOf(sim);
    expect(truth).toMatchObject({ cycleUsed: 3, windowUsed: 3, rejected: 0 });

    // the human output of a fourth
    const human = cli([...args, '--token-env', 'SIM_TOKEN', '--ledger', ledger], { SIM_TOKEN: sim.appToken });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^OK \(200\): Requests \/ hour: 96 of 100 left, resets [^\n]*\d{2}:\d{2}/);
    expect(human.stdout).not.toContain('UTC');
    expect(human.stdout).toMatch(/\nstatus 200, latency \d+ ms, at \d{4}-/);
    expect(human.stdout).toMatch(/\nmonitor: 4 probes sent this cycle for .* \(4 billable, 0 uncertain\)\n$/);

    for (const out of [human.stdout, ...json.map((j) => JSON.stringify(j))])
      expect(out).not.toContain(sim.appToken);
  }, 120_000);

  it('a bad key exits 3, nothing listening exits 9, a corrupted ledger exits 2 before any request', async () => {
    const bad = cli(['probe', '--base-url', sim.url, '--app-id', sim.appId, '--token-env', 'T'], {
      T: 'not-the-token-4711',
    });
    expect(bad.code).toBe(3);
    expect(bad.stdout).toMatch(/^Voucherify rejected the key \(401\): check the App ID and token\n/);
    expect(bad.stdout + bad.stderr).not.toContain('not-the-token-4711');

    const port = await closedPort();
    const none = cli(
      ['probe', '--base-url', `http://127.0.0.1:${port}`, '--app-id', 'x', '--token-env', 'T', '--json'],
      {
        T: sim.appToken,
      },
    );
    expect(none.code).toBe(9);
    expect(JSON.parse(none.stdout)).toMatchObject({
      outcome: 'connection',
      message: `Nothing is listening at http://127.0.0.1:${port} (connection refused)`,
      status: null,
      windows: [],
    });

    const before = await truthOf(sim);
    const corrupted = join(dir, 'corrupted.json');
    writeFileSync(corrupted, '{"version": 1, "keys": {"a": {"cycles": "oops"}}}');
    const c = cli(
      ['probe', '--base-url', sim.url, '--app-id', sim.appId, '--token-env', 'T', '--ledger', corrupted],
      {
        T: sim.appToken,
      },
    );
    expect(c.code).toBe(2);
    expect(c.stderr).toMatch(
      /--ledger .*corrupted\.json: not a Headroom spend ledger .*left untouched and no probe was sent/,
    );
    expect(readFileSync(corrupted, 'utf8')).toBe('{"version": 1, "keys": {"a": {"cycles": "oops"}}}');
    const after = await truthOf(sim);
    expect(after.cycleUsed).toBe(before.cycleUsed);
  }, 120_000);

  it('reads the token from stdin, and refuses one on the command line without echoing it', () => {
    const ok = cli(
      ['probe', '--base-url', sim.url, '--app-id', sim.appId, '--token-stdin'],
      {},
      `${sim.appToken}\n`,
    );
    expect(ok.code).toBe(0);
    const argv = cli(['probe', '--base-url', sim.url, '--app-id', sim.appId, `--token=${sim.appToken}`]);
    expect(argv.code).toBe(2);
    expect(argv.stderr).toMatch(/secrets are never read from the command line/);
    expect(argv.stdout + argv.stderr).not.toContain(sim.appToken);
    const unset = cli([
      'probe',
      '--base-url',
      sim.url,
      '--app-id',
      sim.appId,
      '--token-env',
      'NO_SUCH_VAR_X',
    ]);
    expect(unset.code).toBe(2);
    expect(unset.stderr).toMatch(/the environment variable NO_SUCH_VAR_X is not set/);
  }, 60_000);

  it('simulate stops cleanly on Ctrl-C', async () => {
    process.kill(-(sim.proc.pid as number), 'SIGINT');
    await sim.exited;
    expect(sim.lines.at(-1)).toMatch(/^stopped after \d+ requests$/);
    await expect(fetch(sim.url)).rejects.toThrow();
  }, 30_000);
});
