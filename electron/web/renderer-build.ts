// The popover for the browser: the renderer built with Vite (as the Electron app ships it) into a
// cache folder named after a digest of its sources, so it is built once per change, not per start.
import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/** What the page's bundle is made from. */
const SOURCES = ['renderer', 'electron/core', 'electron/ipc', 'electron/web/glance.ts'];

function fingerprint(repo: string): string {
  const hash = createHash('sha256');
  const walk = (path: string) => {
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st) return;
    if (st.isDirectory()) {
      for (const name of readdirSync(path).sort()) walk(join(path, name));
    } else hash.update(`${relative(repo, path)}\0${st.size}\0${st.mtimeMs}\n`);
  };
  for (const s of SOURCES) walk(join(repo, s));
  return hash.digest('hex').slice(0, 16);
}

/** Returns the folder holding index.html, building it when the sources changed. */
export async function ensureRendererBuild(
  repo: string,
  log: (line: string) => void = () => undefined,
): Promise<string> {
  const cache = join(repo, 'node_modules', '.cache', 'headroom-web');
  const dir = join(cache, fingerprint(repo));
  if (existsSync(join(dir, 'index.html'))) return dir;
  log('building the popover for the browser (once per change, about half a minute)…');
  const { build } = await import('vite');
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  const tmp = `${dir}.tmp-${process.pid}`;
  try {
    await build({
      configFile: false,
      root: join(repo, 'renderer'),
      base: './',
      logLevel: 'warn',
      plugins: [react()],
      mode: 'production',
      build: { outDir: tmp, emptyOutDir: true },
    });
  } finally {
    if (env === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = env;
  }
  // The new build appears whole (a rename), never half-written; another start may have won the race.
  try {
    renameSync(tmp, dir);
  } catch {
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(dir, 'index.html'))) throw new Error('the popover build could not be saved');
  }
  // Builds of older sources go (not other starts' builds in progress).
  for (const old of readdirSync(cache))
    if (join(cache, old) !== dir && !old.includes('.tmp-'))
      rmSync(join(cache, old), { recursive: true, force: true });
  return dir;
}
