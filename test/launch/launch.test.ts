// The app as users get it, without an Electron binary: one fresh copy of the project is built once
// and then
//  1. the BUILT bundle (dist-electron/main.js) runs in plain Node against a recording Electron stub
//     that enforces Electron's rules (stub/electron.mjs), driven like a user would;
//  2. the PACKAGED tree: electron-builder --dir with a stand-in electronDist (no download); app.asar
//     holds only what must ship, node-notifier's helpers are unpacked, and the same smoke runs from it;
//  3. the DEV LAUNCHER: `npm start` with a stand-in Electron binary (ELECTRON_OVERRIDE_DIST_PATH)
//     starts it in the project root on a built `main`.
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { notificationIconPath } from '../../electron/notify/icon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppState } from '../../electron/ipc/contract';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { launch, type MenuEntry, type Recording, type RunningApp } from './driver';
import { copyProject, run } from './project';

const require = createRequire(import.meta.url);
const TOKEN = 'sk_live_launch_7d1f0c9e2b4a6385';

let project: { dir: string; cleanup(): void };
let sim: RunningSimulator;

beforeAll(async () => {
  project = copyProject();
  sim = await startSimulator({
    projects: [
      { plan: 'free', load: 'none', appId: 'launch-app-1', appToken: TOKEN, subscriptionEnded: true },
    ],
  });
  // Vitest runs with NODE_ENV=test; build what ships.
  const build = await run(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'],
    {
      cwd: project.dir,
      env: { NODE_ENV: 'production' },
      timeoutMs: 180_000,
    },
  );
  if (build.code !== 0) throw new Error(`vite build failed:\n${build.output}`);
}, 200_000);

afterAll(async () => {
  await sim?.close();
  project?.cleanup();
});

const main = () => join(project.dir, 'dist-electron', 'main.js');
const items = (menu: MenuEntry[] | null | undefined): MenuEntry[] =>
  (menu ?? []).flatMap((i) => [i, ...items(i.submenu)]);
const keyInput = () => ({
  name: 'Shop API',
  connection: {
    provider: 'voucherify',
    region: 'custom',
    baseUrl: sim.url,
    appId: 'launch-app-1',
    clientSide: false,
  },
  secrets: { token: TOKEN },
  plan: { provider: 'voucherify', plan: 'free' },
  cycle: { renewalDay: 1, timeZone: 'UTC' },
  thresholds: [80, 90, 100],
});
const started = (r: Recording) => (r.trays[0]?.tooltips.length ?? 0) > 1 && r.windows[0]?.load !== null;
const userData = (app: RunningApp) => join(app.home, 'config', 'Headroom');

/** The packages `names` need at run time, by their package.json dependencies, as installed. */
function runtimeClosure(names: string[]): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string, from: string) => {
    // Node's lookup, by folders (package.json is often not in a package's exports).
    let manifest: string | null = null;
    for (let dir = from; ; dir = dirname(dir)) {
      const candidate = join(dir, 'node_modules', name, 'package.json');
      if (existsSync(candidate)) {
        manifest = candidate;
        break;
      }
      if (dirname(dir) === dir) break;
    }
    if (!manifest || seen.has(name)) return; // an optional dependency not installed
    seen.add(name);
    const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { dependencies?: Record<string, string> };
    for (const dep of Object.keys(pkg.dependencies ?? {})) visit(dep, dirname(manifest));
  };
  for (const n of names) visit(n, project.dir);
  return seen;
}

/** The start-up smoke shared by the built bundle and the packaged tree. */
async function smoke(mainJs: string): Promise<void> {
  const app = await launch(mainJs, {});
  try {
    const r = await app.until(started, 'the tray and the window');
    expect(r.violations).toEqual([]);
    expect(r.errors).toEqual([]);
    // Both demo projects, the one that needs attention first.
    expect(r.trays[0]?.tooltips[1]).toMatch(/^Headroom \(demo data\)\n/);
    expect(r.trays[0]?.tooltips[1]).toMatch(/\nDemo project \(demo\): /);
    expect(r.trays[0]?.tooltips[1]).toMatch(/\nDemo Zoho CRM org \(demo\): /);
    expect(r.windows[0]?.load).toMatchObject({ status: 200 });
    const state = await app.command<AppState>('invoke', { method: 'getState' });
    expect(state.demo).toBe(true);
  } finally {
    const quit = await app.quit();
    expect(quit.code).toBe(0);
    expect(quit.record?.violations).toEqual([]);
  }
}

describe('the built bundle under a recording Electron', () => {
  it('Linux with a keyring and a tray: starts, answers the user, notifies, quits cleanly', async () => {
    const app = await launch(main(), { notifySend: 1 });
    try {
      // The tray appears at once, loading, then shows the demo.
      let r = await app.until(started, 'the tray and the window');
      const tray = r.trays[0]!;
      expect(tray.tooltips[0]).toBe('Headroom: loading…');
      expect(tray.tooltips[1]).toMatch(/^Headroom \(demo data\)\n/);
      expect(tray.tooltips[1]).toMatch(/\nDemo project \(demo\): /);
      expect(tray.image.every((i) => i.png)).toBe(true);

      // The popover: locked down, its sandboxed CommonJS preload ran, the page served over app://.
      const win = r.windows[0]!;
      expect(win.webPreferences).toMatchObject({
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        devTools: false,
      });
      expect(String(win.webPreferences.preload)).toBe(join(project.dir, 'dist-electron', 'preload.cjs'));
      expect(win.url).toBe('app://headroom/index.html');
      expect(win.load).toMatchObject({ status: 200 });
      expect(win.load?.headers?.['content-security-policy']).toMatch(/script-src 'self'/);
      await app.until(
        (x) => (x.windows[0] as { exposed?: string[] }).exposed?.includes('headroom') ?? false,
        'the preload',
      );

      // app://: the app's files, nothing outside dist/.
      const asset = await app.command<{ status: number }>('fetch', { url: 'app://headroom/index.html' });
      expect(asset.status).toBe(200);
      const escape = await app.command<{ status: number }>('fetch', {
        url: 'app://headroom/..%2f..%2fpackage.json',
      });
      expect(escape.status).toBe(403);

      // A tray click opens the popover at the tray (X11: placed on screen).
      await app.command('trayClick');
      r = await app.record();
      expect(r.windows[0]?.visible).toBe(true);
      expect(r.windows[0]?.positions.length).toBeGreaterThan(0);

      // Menu items: Settings opens the popover on its settings.
      const menu = items(r.trays[0]?.menu);
      expect(menu.map((i) => i.id)).toEqual(expect.arrayContaining(['open', 'settings', 'quit']));
      await app.command('menu', { path: ['settings'] });
      r = await app.record();
      expect(r.sent.some((s) => s.channel === 'headroom:open-settings')).toBe(true);

      // The popover's IPC through its own preload: state, probe now, save a key.
      const state = await app.command<AppState>('invoke', { method: 'getState' });
      expect(state.demo).toBe(true);
      await app.command('invoke', { method: 'probeNow', args: [state.keys[0]!.id] });
      const saved = await app.command<{ ok: boolean; error?: string }>('invoke', {
        method: 'saveKey',
        args: [keyInput()],
      });
      expect(saved).toMatchObject({ ok: true });
      const secrets = readFileSync(join(userData(app), 'secrets.json'), 'utf8');
      expect(secrets).not.toContain(TOKEN);

      // The ended subscription blocks the key: notify-send is tried (no daemon here), then Electron's Notification.
      r = await app.until((x) => x.notifications.length > 0, 'a notification', 40_000);
      expect(app.notifySendCalls().length).toBeGreaterThan(0);
      expect(app.notifySendCalls()[0]).toEqual(expect.arrayContaining(['--app-name', 'Headroom']));
      const n = r.notifications[0]!;
      expect(`${n.title} ${n.body}`).toMatch(/Shop API/);
      expect(`${n.title} ${n.body}`).not.toContain(TOKEN);

      // A notification click opens the popover at that key.
      await app.command('trayClick'); // close it first
      await app.command('notificationClick', { index: 0 });
      r = await app.record();
      expect(r.windows[0]?.visible).toBe(true);
      expect(r.sent.some((s) => s.channel === 'headroom:focus-key')).toBe(true);
      expect(r.violations).toEqual([]);
      expect(app.output()).not.toContain(TOKEN);
    } finally {
      const quit = await app.quit();
      expect(quit.code).toBe(0);
      expect(quit.record?.violations).toEqual([]);
      expect(quit.record?.trays[0]?.destroyed).toBe(true);
      expect(quit.record?.windows[0]?.closed).toBe(true);
    }
  }, 90_000);

  it('Linux without a keyring, without a tray host, on Wayland: tokens still save (weak), the window opens and says how to get a tray', async () => {
    const app = await launch(main(), { backend: 'basic_text', trayHost: false, wayland: true });
    try {
      const r = await app.until((x) => started(x) && (x.windows[0]?.visible ?? false), 'the window to open');
      expect(r.events.some((e) => e.type === 'safeStorage.setUsePlainTextEncryption' && e.v === true)).toBe(
        true,
      );
      // No tray to click: the window stays up and is listed in the taskbar.
      expect(r.trays[0]?.visible).toBe(false);
      expect(r.windows[0]?.skipTaskbar).toBe(false);
      // Wayland: no pointer position asked, no placement attempted.
      expect(r.windows[0]?.positions).toEqual([]);
      expect(r.violations).toEqual([]);
      const state = await app.command<AppState>('invoke', { method: 'getState' });
      expect(state.notices.map((n) => n.id)).toEqual(expect.arrayContaining(['no-tray-host', 'weak-vault']));
      expect(state.notices.find((n) => n.id === 'no-tray-host')?.text).toMatch(/AppIndicator/);
      const saved = await app.command('invoke', { method: 'saveKey', args: [keyInput()] });
      expect(saved).toMatchObject({ ok: true });
      await expect(app.command('trayClick')).rejects.toThrow(/no tray host/);
    } finally {
      expect((await app.quit()).code).toBe(0);
    }
  }, 60_000);

  it('a login start with no tray host stays quiet; an unreachable keyring refuses to save, and says why', async () => {
    const app = await launch(main(), { backend: 'unavailable', trayHost: false, argv: ['--autostart'] });
    try {
      const r = await app.until(started, 'start');
      expect(r.windows[0]?.visible).toBe(false);
      const state = await app.command<AppState>('invoke', { method: 'getState' });
      expect(state.notices.map((n) => n.id)).toContain('secrets-unavailable');
      const saved = await app.command<{ ok: boolean; error?: string }>('invoke', {
        method: 'saveKey',
        args: [keyInput()],
      });
      expect(saved.ok).toBe(false);
      expect(saved.error).toMatch(/not available/);
      expect(r.violations).toEqual([]);
    } finally {
      expect((await app.quit()).code).toBe(0);
    }
  }, 60_000);

  it("Windows: a toast SnoreToast cannot show is not counted as shown; Electron's Notification shows it", async () => {
    // SnoreToast.exe cannot run here, exactly like a missing or blocked SnoreToast on Windows.
    const app = await launch(main(), { platform: 'win32' });
    try {
      await app.until(started, 'start');
      const saved = await app.command('invoke', { method: 'saveKey', args: [keyInput()] });
      expect(saved).toMatchObject({ ok: true });
      const r = await app.until((x) => x.notifications.length > 0, 'the fallback notification', 40_000);
      expect(`${r.notifications[0]?.title} ${r.notifications[0]?.body}`).toMatch(/Shop API/);
      expect(r.events.some((e) => e.type === 'app.setAppUserModelId' && e.id === 'io.headroom.app')).toBe(
        true,
      );
      expect(r.violations).toEqual([]);
    } finally {
      expect((await app.quit()).code).toBe(0);
    }
  }, 60_000);

  it('a packaged app ignores VITE_DEV_SERVER_URL: its own files, no devtools', async () => {
    const app = await launch(main(), {
      isPackaged: true,
      env: { VITE_DEV_SERVER_URL: 'http://127.0.0.1:9/' },
    });
    try {
      const r = await app.until(started, 'start');
      expect(r.windows[0]?.url).toBe('app://headroom/index.html');
      expect(r.windows[0]?.webPreferences.devTools).toBe(false);
      // IPC trusts only the app's origin.
      const state = await app.command<AppState>('invoke', { method: 'getState' });
      expect(state.demo).toBe(true);
    } finally {
      expect((await app.quit()).code).toBe(0);
    }
  }, 60_000);
  it("writes the tray's figures in the app's locale, the one the popover uses, not LANG's", async () => {
    // LANG is C.UTF-8 here (Node formats 1,000); Chromium's app locale is German (1.000, 64 %).
    const app = await launch(main(), { locale: 'de-DE' });
    try {
      const r = await app.until(started, 'start');
      expect(r.violations).toEqual([]);
      const line = r.trays[0]!.tooltips[1]!.split('\n').find((l) => l.startsWith('Demo project (demo): '));
      expect(line).toMatch(/\d\u00a0%|\d\.\d{3}\b/);
      expect(line).not.toMatch(/\d%|\d,\d{3}\b/);
    } finally {
      expect((await app.quit()).code).toBe(0);
    }
  }, 60_000);
});

describe('the packaged tree (electron-builder --dir, stand-in Electron)', () => {
  let unpacked: string;
  let asarFiles: string[];

  beforeAll(async () => {
    const electronDist = join(project.dir, '.standin-electron');
    mkdirSync(electronDist, { recursive: true });
    writeFileSync(join(electronDist, 'electron'), '#!/bin/sh\nexit 0\n');
    chmodSync(join(electronDist, 'electron'), 0o755);
    const electronVersion = (require('electron/package.json') as { version: string }).version;
    const pack = await run(
      process.execPath,
      [
        'node_modules/electron-builder/cli.js',
        '--dir',
        '--linux',
        '--x64',
        '--config',
        'electron-builder.yml',
        `-c.electronDist=${electronDist}`,
        `-c.electronVersion=${electronVersion}`,
      ],
      {
        cwd: project.dir,
        env: { ELECTRON_BUILDER_OFFLINE: '1', CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
        timeoutMs: 240_000,
      },
    );
    if (pack.code !== 0) throw new Error(`electron-builder failed:\n${pack.output}`);
    unpacked = join(project.dir, 'release', 'linux-unpacked');
    const asar = require('@electron/asar') as {
      listPackage(p: string): string[];
      extractAll(a: string, d: string): void;
    };
    asarFiles = asar.listPackage(join(unpacked, 'resources', 'app.asar')).map((f) => f.replace(/\\/g, '/'));
  }, 260_000);

  it('app.asar holds the app and its runtime dependencies only', () => {
    const pkg = JSON.parse(readFileSync(join(project.dir, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
      author?: { email?: string };
      homepage?: string;
      desktopName?: string;
    };
    // What the .deb needs (electron-builder refuses without them) and the Linux desktop entry's name.
    expect(pkg.author?.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(pkg.homepage).toMatch(/^https:\/\//);
    expect(pkg.desktopName).toBe('headroom.desktop');
    expect(asarFiles).toEqual(
      expect.arrayContaining([
        '/dist/index.html',
        '/dist-electron/main.js',
        '/dist-electron/preload.cjs',
        '/package.json',
      ]),
    );
    const packed = new Set(
      asarFiles
        .filter((f) => f.startsWith('/node_modules/') && !/^\/node_modules\/@[^/]+$/.test(f))
        .map((f) =>
          f
            .split('/')
            .slice(2, f.split('/')[2]?.startsWith('@') ? 4 : 3)
            .join('/'),
        ),
    );
    const runtime = runtimeClosure(Object.keys(pkg.dependencies));
    for (const dep of Object.keys(pkg.dependencies)) expect(packed).toContain(dep);
    // Nothing but the runtime dependencies and what they need: no dev dependency, nothing Vite bundled.
    expect([...packed].filter((p) => !runtime.has(p))).toEqual([]);
    for (const bundled of ['react', 'react-dom', 'zod', 'structured-headers', 'pngjs', 'electron', 'vite'])
      expect(packed).not.toContain(bundled);
    expect(asarFiles.filter((f) => /^\/(renderer|electron|test|scripts|docs)\//.test(f))).toEqual([]);
  });

  it("node-notifier's helper programs, and only they, are unpacked next to app.asar", () => {
    const asar = require('@electron/asar') as { statFile(a: string, f: string): { unpacked?: boolean } };
    const archive = join(unpacked, 'resources', 'app.asar');
    const isFile = (f: string) => !('files' in asar.statFile(archive, f.slice(1)));
    const vendor = asarFiles.filter((f) => f.startsWith('/node_modules/node-notifier/vendor/') && isFile(f));
    expect(vendor.length).toBeGreaterThan(0);
    const packedInside = vendor.filter((f) => !asar.statFile(archive, f.slice(1)).unpacked);
    expect(packedInside, 'vendor programs left inside app.asar').toEqual([]);
    for (const f of vendor)
      expect(existsSync(join(unpacked, 'resources', 'app.asar.unpacked', f))).toBe(true);
    const otherUnpacked = asarFiles.filter(
      (f) =>
        !f.startsWith('/node_modules/node-notifier/vendor/') &&
        isFile(f) &&
        asar.statFile(archive, f.slice(1)).unpacked,
    );
    expect(otherUnpacked).toEqual([]);
  });

  it('ships the notification icon beside app.asar, where notify-send and SnoreToast can read it', () => {
    const icon = join(unpacked, 'resources', 'notification-icon.png');
    expect(existsSync(icon)).toBe(true);
    // What the packaged main process will pick: resources first.
    expect(
      notificationIconPath(
        existsSync,
        join(unpacked, 'resources', 'app.asar', 'dist-electron'),
        join(unpacked, 'resources'),
      ),
    ).toBe(icon);
  });

  it('starts from the packaged files (runtime dependencies resolve from app.asar alone)', async () => {
    const asar = require('@electron/asar') as { extractAll(a: string, d: string): void };
    const extracted = join(project.dir, 'release', 'extracted');
    asar.extractAll(join(unpacked, 'resources', 'app.asar'), extracted);
    await smoke(join(extracted, 'dist-electron', 'main.js'));
  }, 60_000);
});

describe('npm start (dev launcher) with a stand-in Electron', () => {
  it('builds main and starts Electron in the project root, on the dev server', async () => {
    // Outside the project: its package.json says "type": "module", and the stand-in is CommonJS.
    const standin = mkdtempSync(join(tmpdir(), 'headroom-standin-'));
    const recordFile = join(standin, 'launch.json');
    // Records where and how it was started, and whether package.json's main existed then, then exits
    // (vite-plugin-electron ends the dev server when Electron exits).
    writeFileSync(
      join(standin, 'electron'),
      `#!${process.execPath}\nconst fs = require('fs'), path = require('path');\n` +
        `let main = null; try { main = JSON.parse(fs.readFileSync('package.json', 'utf8')).main; } catch {}\n` +
        `fs.writeFileSync(${JSON.stringify(recordFile)}, JSON.stringify({ cwd: process.cwd(), argv: process.argv.slice(2), main, mainBuilt: main !== null && fs.existsSync(path.resolve(main)), preloadBuilt: fs.existsSync('dist-electron/preload.cjs'), devServer: process.env.VITE_DEV_SERVER_URL }));\n`,
    );
    chmodSync(join(standin, 'electron'), 0o755);
    rmSync(join(project.dir, 'dist-electron'), { recursive: true, force: true }); // as in a fresh clone
    const start = await run('npm', ['start', '--', '--host', '127.0.0.1'], {
      cwd: project.dir,
      env: { ELECTRON_OVERRIDE_DIST_PATH: standin, NODE_ENV: 'development', CI: 'true' },
      timeoutMs: 120_000,
    });
    expect(existsSync(recordFile), `the stand-in Electron was not started:\n${start.output}`).toBe(true);
    const launched = JSON.parse(readFileSync(recordFile, 'utf8')) as {
      cwd: string;
      argv: string[];
      main: string;
      mainBuilt: boolean;
      preloadBuilt: boolean;
      devServer: string;
    };
    expect(launched.cwd).toBe(project.dir);
    expect(launched.argv[0]).toBe('.');
    expect(launched.main).toBe('dist-electron/main.js');
    expect(launched.mainBuilt).toBe(true);
    expect(launched.preloadBuilt).toBe(true);
    expect(launched.devServer).toMatch(/^http:\/\/(localhost|127\.0\.0\.1):\d+\/$/);
    expect(start.timedOut).toBe(false);
    rmSync(standin, { recursive: true, force: true });
  }, 130_000);
});
