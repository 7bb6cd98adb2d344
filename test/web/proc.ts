// Spawning Headroom as a user does, in its own process group so the whole tree (npm, sh, node, tsx)
// is ended together; every wait is bounded.
import { spawn, type ChildProcess } from 'node:child_process';

export interface Running {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Resolves with the first stdout line matching `re`; rejects when the process exits or `ms` pass. */
  line(re: RegExp, ms: number): Promise<RegExpExecArray>;
  kill(): Promise<void>;
}

export function run(command: string, args: string[], env: Record<string, string | undefined>): Running {
  const child = spawn(command, args, {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters = new Set<() => void>();
  const collect = (into: string[]) => {
    let partial = '';
    return (chunk: Buffer) => {
      const parts = (partial + chunk.toString('utf8')).split('\n');
      partial = parts.pop() ?? '';
      into.push(...parts);
      for (const w of waiters) w();
    };
  };
  child.stdout?.on('data', collect(stdout));
  child.stderr?.on('data', collect(stderr));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => {
    for (const w of waiters) w();
  });
  return {
    child,
    stdout,
    stderr,
    line(re, ms) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (const l of stdout) {
            const m = re.exec(l);
            if (m) return done(() => resolve(m));
          }
          if (child.exitCode !== null || child.signalCode !== null)
            done(() =>
              reject(
                new Error(`exited (${child.exitCode ?? child.signalCode}); stderr: ${stderr.join(' | ')}`),
              ),
            );
        };
        const timer = setTimeout(
          () =>
            done(() =>
              reject(
                new Error(
                  `no line matching ${re} within ${ms} ms; stdout: ${stdout.join(' | ')}; stderr: ${stderr.join(' | ')}`,
                ),
              ),
            ),
          ms,
        );
        const done = (f: () => void) => {
          clearTimeout(timer);
          waiters.delete(check);
          f();
        };
        waiters.add(check);
        check();
      });
    },
    /** SIGTERM to the whole group, then waits (bounded) until every process in it has gone. */
    async kill() {
      const pid = child.pid;
      if (pid === undefined) return;
      const alive = () => {
        try {
          process.kill(-pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      if (!alive()) return;
      process.kill(-pid, 'SIGTERM');
      // npm leaves as soon as it has passed the signal on; the node below it may still be saving.
      for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
      if (alive()) process.kill(-pid, 'SIGKILL');
      await exited;
    },
  };
}
