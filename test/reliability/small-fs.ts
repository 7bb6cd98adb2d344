// A real small file system for storage tests: a tmpfs mounted on a temp folder (needs root or
// CAP_SYS_ADMIN). Where mounting is not allowed the suite skips with a notice, except under CI=true,
// where it fails: CI runs as root and must exercise a real full disk.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface SmallFs {
  dir: string;
  /** Remounts read-only (EROFS on write) or back to read-write. */
  readOnly(on: boolean): void;
  unmount(): void;
}

export function mountSmallFs(sizeKb: number): SmallFs | null {
  const dir = mkdtempSync(join(tmpdir(), 'headroom-smallfs-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k,mode=0700`, 'tmpfs', dir], {
    encoding: 'utf8',
  });
  if (r.status !== 0) {
    rmSync(dir, { recursive: true, force: true });
    const notice = `mounting a tmpfs is not allowed here (${(r.stderr || r.error?.message || '').trim()}); run as root, or in CI`;
    if (process.env.CI === 'true') throw new Error(`${notice} (CI=true: this test must run)`);
    console.warn(`\n[notice] disk-full tests skipped: ${notice}\n`);
    return null;
  }
  return {
    dir,
    readOnly(on) {
      const m = spawnSync('mount', ['-o', `remount,${on ? 'ro' : 'rw'}`, dir], { encoding: 'utf8' });
      if (m.status !== 0) throw new Error(`remount failed: ${m.stderr}`);
    },
    unmount() {
      spawnSync('umount', ['-l', dir]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function canMount(): boolean {
  const fs = mountSmallFs(16);
  fs?.unmount();
  return fs !== null;
}
