// `npm start`: the tray app when Electron is (or can be made) available, else Headroom in the browser.
// HEADROOM_WEB=1 picks the browser even when Electron is there.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectron } from './ensure-electron.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

function run(args) {
  const child = spawn(process.execPath, args, { cwd: repo, stdio: 'inherit' });
  // Ctrl-C reaches the child too (same process group); the launcher waits for it to finish.
  process.on('SIGINT', () => undefined);
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  process.on('SIGHUP', () => child.kill('SIGHUP'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
  child.on('error', (err) => {
    console.error(`headroom: could not start (${err.message})`);
    process.exit(1);
  });
}

const web = process.env.HEADROOM_WEB === '1';
const electron = web ? { ok: false, reason: 'HEADROOM_WEB=1 is set' } : ensureElectron();
if (electron.ok) {
  // The tray app: Vite builds main and preload and starts Electron (vite-plugin-electron).
  run([join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js'), ...process.argv.slice(2)]);
} else {
  console.error(`headroom: ${electron.reason}, so Headroom runs in your browser instead (README: "Without Electron").`);
  run(['--import', 'tsx', join('electron', 'web', 'start.ts')]);
}
