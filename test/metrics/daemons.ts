// Real Prometheus and Alertmanager for the tests: each on 127.0.0.1 at a free port, with a temporary
// data directory, waited for with a bound, stopped (SIGTERM, then SIGKILL) and cleaned up after.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Daemon {
  url: string;
  dir: string;
  /** The last lines it logged (for a failure message). */
  log(): string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/**
 * Starts `bin` with the files written into a fresh temp dir and the args `argsFor(dir, port)`, and
 * waits (at most `readyMs`) until GET /-/ready answers 200. A port taken between choosing and binding
 * (another suite) makes the daemon exit: that is retried with a new port.
 */
export async function startDaemon(opts: {
  bin: string;
  files: (port: number) => Record<string, string>;
  args: (dir: string, port: number) => string[];
  readyMs: number;
}): Promise<Daemon> {
  let lastError: unknown = null;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const dir = await mkdtemp(join(tmpdir(), 'headroom-daemon-'));
    for (const [name, text] of Object.entries(opts.files(port))) await writeFile(join(dir, name), text);
    const child = spawn(opts.bin, opts.args(dir, port), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    const keep = (chunk: Buffer) => {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (lines.length > 40) lines.splice(0, lines.length - 40);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const daemon: Daemon = {
      url: `http://127.0.0.1:${port}`,
      dir,
      log: () => lines.join('\n'),
      stop: () => stopChild(child).then(() => rm(dir, { recursive: true, force: true })),
    };
    try {
      await waitReady(daemon.url, child, opts.readyMs);
      return daemon;
    } catch (err) {
      lastError = new Error(`${opts.bin} did not become ready: ${String(err)}\n${daemon.log()}`);
      await daemon.stop();
      if (!/address already in use/i.test(daemon.log())) break;
    }
  }
  throw lastError;
}

async function waitReady(url: string, child: ChildProcess, readyMs: number): Promise<void> {
  const until = Date.now() + readyMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/-/ready`, { signal: AbortSignal.timeout(1_000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`not ready within ${readyMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Polls `probe` until it returns a value (not undefined), at most `ms`. */
export async function eventually<T>(
  what: string,
  ms: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const until = Date.now() + ms;
  let last: unknown = null;
  while (Date.now() < until) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not within ${ms} ms${last ? ` (last error: ${String(last)})` : ''}`);
}
