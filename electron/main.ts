// The composition root: wires the Headroom service to Electron. Everything with logic lives in pure
// modules (core/, ipc/guard) or in shell adapters that take Electron's pieces as parameters; this
// file only decides the order things happen in.
//   before ready: userData path, app:// scheme, sandbox for every renderer, single-instance lock
//   on ready:     tray at once (a "loading" look), log, unlock secrets, settings and state stores,
//                 notifier, service, popover, IPC, start the service (it loads settings, starts the
//                 scheduler and the demo); with no tray host on Linux, a manual launch opens the popover
//   on quit:      service stopped (timers, probes, state flushed), tray removed, log flushed
import { app, dialog, safeStorage } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNELS, type AppState } from './ipc/contract';
import { APP_ORIGIN } from './ipc/guard';
import { createHeadroomService } from './service/headroom-service';
import { realTimers, type Logger, type SettingsRepository, type StorageNotice } from './service/ports';
import type { HeadroomService } from './service/service-types';
import { chooseNotifier } from './shell/electron-notifier';
import { registerIpc } from './shell/ipc';
import { createFileLogger, type FileLogger } from './shell/logger';
import { setLaunchAtLogin } from './shell/login-item';
import { APP_URL, registerAppScheme, serveApp } from './shell/protocol';
import { createSettingsRepository, createStateRepository } from './storage/repositories';
import { createTrayController, type TrayController } from './shell/tray';
import { createSafeStorageVault } from './shell/vault';
import { createPopover, hardenApp, type Popover } from './shell/window';
import { detectTrayHost, isWayland, launchedAtLogin, NO_TRAY_NOTICE } from './shell/desktop';
import type { MenuAction } from './core/tray/menu';

const here = dirname(fileURLToPath(import.meta.url)); // dist-electron/
// A packaged app never loads a dev server (nor opens devtools, nor trusts its origin), whatever the environment says.
const devServerUrl = app.isPackaged ? undefined : process.env.VITE_DEV_SERVER_URL;
const platform = process.platform;

// userData is ~/.config/Headroom, ~/Library/Application Support/Headroom, %APPDATA%\Headroom.
app.setName('Headroom');
app.setPath('userData', join(app.getPath('appData'), 'Headroom'));
if (platform === 'win32') app.setAppUserModelId('io.headroom.app');
registerAppScheme();
hardenApp();

let service: HeadroomService | null = null;
let popover: Popover | null = null;
let tray: TrayController | null = null;
let logger: FileLogger | null = null;
let quitting = false;

if (!app.requestSingleInstanceLock()) {
  // Another Headroom is running: it opens its popover (second-instance below); this one leaves.
  app.quit();
} else {
  app.on('second-instance', () => popover?.show(tray?.bounds() ?? null));
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  app.on('before-quit', (event) => {
    if (quitting) return;
    event.preventDefault();
    quitting = true;
    void shutdown().finally(() => app.quit());
  });
  process.once('SIGTERM', () => app.quit());
  process.once('SIGINT', () => app.quit());
  app.whenReady().then(start, fail);
}

async function start(): Promise<void> {
  try {
    if (platform === 'darwin') app.dock?.hide();
    // The icon first, so the user sees Headroom while the service starts (the demo replays its past).
    const trayHost = detectTrayHost(platform);
    const trayNow = createTrayController(
      {
        platform,
        onAction: (action) => act(action, service, logger),
        onClick: (bounds) => popover?.toggle(bounds),
      },
      null,
    );
    tray = trayNow;
    const userData = app.getPath('userData');
    const log = createFileLogger(join(userData, 'logs'));
    logger = log;
    log.info('starting', { version: app.getVersion(), platform, dev: devServerUrl !== undefined });

    const vault = createSafeStorageVault({
      file: join(userData, 'secrets.json'),
      safeStorage,
      platform,
      logger: log,
    });
    const vaultNotices = await vault.unlock();
    const noTrayHost = (await trayHost) === 'absent';
    if (noTrayHost) log.warn('no tray host: the tray icon cannot be shown');
    // The vault's own problems (a damaged secrets file, no encryption at all) reach the user with the
    // settings' notices; the service itself warns about weak (basic_text) storage.
    const settings = withNotices(createSettingsRepository({ dir: userData, vault, logger: log }), () => {
      const unavailable = vault.status().backend === 'unavailable' ? vault.statusNotice() : null;
      return [
        ...vaultNotices,
        ...(unavailable ? [unavailable] : []),
        ...(noTrayHost ? [NO_TRAY_NOTICE] : []),
      ];
    });
    const state = createStateRepository({ dir: userData, logger: log });

    const notifier = chooseNotifier(platform, { onClick: (keyId) => showAt(keyId) });
    const svc = createHeadroomService({
      settings,
      state,
      vault,
      notifier,
      logger: log,
      timers: realTimers,
      now: Date.now,
      // The tooltip, the menu and the card headlines in the locale the renderer formats with: Node's
      // own default follows LANG, which Chromium's app locale need not match.
      locale: app.getLocale() || undefined,
    });
    service = svc;

    if (!devServerUrl) serveApp(join(here, '../dist'));
    const pop = createPopover({
      preload: join(here, 'preload.cjs'),
      dev: devServerUrl !== undefined,
      platform,
      wayland: isWayland(platform, process.env, process.argv),
      url: devServerUrl ?? APP_URL,
    });
    popover = pop;
    if (noTrayHost) pop.standalone();
    registerIpc({
      service: svc,
      expectedOrigin: devServerUrl ? new URL(devServerUrl).origin : APP_ORIGIN,
      setPinned: (pinned) => pop.setPinned(pinned),
      logger: log,
    });

    // Subscribe before starting, so the window misses none of the states published while starting.
    const loginItem = loginItemSync(log);
    svc.subscribe((s: AppState) => {
      tray?.update(s);
      pop.send(CHANNELS.state, s);
      loginItem(s.settings.launchAtLogin);
    });
    await svc.start();
    const started = svc.getState();
    trayNow.update(started);
    loginItem(started.settings.launchAtLogin);
    // Without a tray there is nothing to click: a manual launch opens the window (a login start stays quiet).
    if (noTrayHost && !launchedAtLogin(process.argv)) pop.show(null);
    log.info('started', { trayHost: await trayHost });
  } catch (err) {
    fail(err);
  }
}

function showAt(keyId: string | null): void {
  popover?.show(tray?.bounds() ?? null);
  if (keyId) popover?.send(CHANNELS.focusKey, keyId);
}

function act(action: MenuAction, svc: HeadroomService | null, log: Logger | null): void {
  const report = (what: string) => (err: unknown) =>
    log?.warn(`${what} failed`, { error: err instanceof Error ? err.message : String(err) });
  switch (action.type) {
    case 'probe':
      svc?.probeNow(action.keyId).catch(report('probe'));
      return;
    case 'snooze':
      svc?.snooze(action.duration).catch(report('snooze'));
      return;
    case 'open':
      popover?.show(tray?.bounds() ?? null);
      return;
    case 'settings':
      popover?.show(tray?.bounds() ?? null);
      popover?.send(CHANNELS.openSettings, null);
      return;
    case 'focus':
      showAt(action.keyId);
      return;
    case 'quit':
      app.quit();
      return;
  }
}

/** Applies the launch-at-login setting when it changes (never from a development run). */
function loginItemSync(log: Logger): (enabled: boolean) => void {
  let applied: boolean | null = null;
  return (enabled) => {
    if (devServerUrl || enabled === applied) return;
    applied = enabled;
    setLaunchAtLogin(enabled, { platform, app, exec: process.env.APPIMAGE ?? process.execPath })
      .then((changed) => changed && log.info('launch at login set', { enabled }))
      .catch((err: unknown) => log.warn('launch at login not applied', { error: String(err) }));
  };
}

function withNotices(repo: SettingsRepository, extra: () => StorageNotice[]): SettingsRepository {
  return {
    async load() {
      const loaded = await repo.load();
      return { ...loaded, notices: [...loaded.notices, ...extra()] };
    },
    save: (s) => repo.save(s),
  };
}

async function shutdown(): Promise<void> {
  try {
    await Promise.race([service?.stop(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
  } catch (err) {
    logger?.error('stop failed', { error: err instanceof Error ? err.message : String(err) });
  }
  tray?.destroy();
  popover?.allowClose();
  logger?.info('quit');
  logger?.flush();
}

function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  logger?.error('start failed', { error: message });
  logger?.flush();
  dialog.showErrorBox('Headroom could not start', message.split('\n')[0] ?? message);
  app.exit(1);
}
