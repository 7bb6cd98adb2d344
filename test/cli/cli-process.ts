// The CLI as a real process, the one the README's `npm run --silent cli -- …` starts. package.json's
// script is `tsx <entry>`; the tests start that entry as `node --import tsx <entry>` instead: the same
// loader, entry, stdin, stdout and exit code, without npm's and tsx's launcher processes, which cost
// seconds each under load. One test (parse-cli.test.ts) still goes through npm itself.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The entry package.json's "cli" script runs; throws if the script is no longer `tsx <entry>`. */
export function cliEntry(): string {
  const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const m = /^tsx (\S+\.ts)$/.exec(pkg.scripts.cli ?? '');
  if (!m?.[1]) throw new Error(`package.json's cli script is not "tsx <entry>": ${pkg.scripts.cli}`);
  return m[1];
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCliProcess(args: string[], stdin: string, opts: { viaNpm?: boolean } = {}): CliRun {
  const [cmd, argv] = opts.viaNpm
    ? ['npm', ['run', '--silent', 'cli', '--', ...args]]
    : [process.execPath, ['--import', 'tsx', cliEntry(), ...args]];
  const r = spawnSync(cmd, argv, { cwd: ROOT, input: stdin, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
