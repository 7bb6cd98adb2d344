// Makes sure Electron's binary is there before `npm start` opens the tray app. The project installs
// with scripts off (.npmrc ignore-scripts), so `npm install` never needs GitHub; the binary is
// downloaded here, on first start, by the electron package's own install.js. When it cannot be
// (offline, a locked-down network, ELECTRON_SKIP_BINARY_DOWNLOAD), ensureElectron() says why in one
// line and scripts/start.mjs runs Headroom in the browser instead.
// Run directly (`node scripts/ensure-electron.mjs`), it downloads and exits 0 when Electron is ready.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

function electronDir() {
  try {
    return dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
}

function installed(dir) {
  if (process.env.ELECTRON_OVERRIDE_DIST_PATH) return true;
  try {
    const executable = readFileSync(join(dir, 'path.txt'), 'utf8').trim();
    return executable !== '' && existsSync(join(dir, 'dist', executable));
  } catch {
    return false;
  }
}

/**
 * @param {{ log?: (line: string) => void, env?: NodeJS.ProcessEnv }} [opts]
 * @returns {{ ok: true } | { ok: false, version: string | null, reason: string }}
 */
export function ensureElectron(opts = {}) {
  const log = opts.log ?? ((line) => console.error(line));
  const env = opts.env ?? process.env;
  const dir = electronDir();
  if (!dir) return { ok: false, version: null, reason: 'the electron package is not installed' };
  if (installed(dir)) return { ok: true };
  const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  // install.js exits 0 without downloading when this is set: say so rather than "unknown error".
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD)
    return { ok: false, version, reason: `ELECTRON_SKIP_BINARY_DOWNLOAD is set, so Electron ${version} is not downloaded` };
  log(`headroom: Electron ${version} is not downloaded yet; fetching it now (about 100 MB, needs internet)…`);
  const run = spawnSync(process.execPath, [join(dir, 'install.js')], {
    stdio: ['inherit', 'inherit', 'pipe'],
    encoding: 'utf8',
    timeout: 15 * 60_000,
    env,
  });
  if (run.status === 0 && installed(dir)) return { ok: true };
  const stderr = (run.stderr ?? '').split('\n').map((l) => l.trim());
  // @electron/get's stack starts with "RequestError: getaddrinfo ENOTFOUND github.com" or the like.
  const cause =
    stderr.find((l) => /^(\w*Error|HTTPError|RequestError)\b/.test(l)) ??
    stderr.find((l) => l !== '' && !l.startsWith('at ')) ??
    (run.error ? run.error.message : run.signal ? `the download was stopped (${run.signal})` : `install.js exited with ${run.status}`);
  return { ok: false, version, reason: `Electron ${version} could not be downloaded (${cause.slice(0, 160)})` };
}

const invokedDirectly = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invokedDirectly) {
  const result = ensureElectron();
  if (!result.ok) {
    console.error(
      [
        `headroom: ${result.reason}.`,
        'The download comes from GitHub (github.com/electron/electron/releases). What to try:',
        '  - behind a proxy set HTTPS_PROXY, or a mirror with ELECTRON_MIRROR, then: node scripts/ensure-electron.mjs',
        '  - or point at an Electron you already have: ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron/dist npm start',
        '  - or use Headroom without Electron: npm start runs it in the browser by itself.',
      ].join('\n'),
    );
    process.exit(1);
  }
}
