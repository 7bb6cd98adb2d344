// Suites that need system packages (Chromium, Xvfb, dunst) skip with a notice naming the install
// command when those are missing, except under CI=true, where a missing package fails the run.
import { spawnSync } from 'node:child_process';

export interface SystemRequirement {
  available: boolean;
  missing: string[];
}

function onPath(bin: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${bin}`], { stdio: 'ignore' }).status === 0;
}

/**
 * Checks for executables. Under CI=true a missing one throws, failing the suite; elsewhere the
 * caller skips with `describe.skipIf(!req.available)` and the notice printed here says how to install.
 */
export function requireSystem(
  suite: string,
  bins: readonly string[],
  installCommand: string,
): SystemRequirement {
  const missing = bins.filter((b) => !onPath(b));
  if (missing.length > 0) {
    const notice = `${suite}: skipped, missing ${missing.join(', ')}; install with: ${installCommand}`;
    if (process.env.CI === 'true') throw new Error(`${notice} (CI=true: a missing package fails the run)`);
    console.warn(`\n[notice] ${notice}\n`);
  }
  return { available: missing.length === 0, missing };
}
