// Runs before `npm start`. Electron's binary is downloaded by the electron package's install script,
// which npm 11 runs only when approved (package.json "allowScripts"). When the binary is missing,
// try that download once; when it fails, say why and what to do, instead of Electron's stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

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

const dir = electronDir();
if (!dir) {
  console.error('headroom: the electron package is not installed. Run `npm install` first.');
  process.exit(1);
}
if (installed(dir)) process.exit(0);

const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
console.error(
  `headroom: Electron ${version} is not downloaded yet; fetching it now (about 100 MB, needs internet)…`,
);
// Progress goes to the terminal; the installer's errors are kept to quote their first line only.
const run = spawnSync(process.execPath, [join(dir, 'install.js')], {
  stdio: ['inherit', 'inherit', 'pipe'],
  encoding: 'utf8',
  timeout: 15 * 60_000,
});
if (run.status === 0 && installed(dir)) process.exit(0);
const cause =
  (run.stderr ?? '').split('\n').find((line) => line.trim() !== '') ?? run.error?.message ?? 'unknown error';

console.error(
  [
    `headroom: could not install the Electron ${version} binary, so the app cannot start (${cause.trim()}).`,
    'The download comes from GitHub (github.com/electron/electron/releases) and needs internet access.',
    'What to try:',
    '  - check the connection; behind a proxy set HTTPS_PROXY, or a mirror with ELECTRON_MIRROR',
    '  - run the download again: node node_modules/electron/install.js',
    '  - or reinstall: rm -rf node_modules/electron && npm install',
    '  - or point at an Electron you already have: ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron/dist npm start',
    'Everything else (tests, CLI, benchmarks) runs without the binary.',
  ].join('\n'),
);
process.exit(1);
