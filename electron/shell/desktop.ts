// What the desktop around Headroom can do, decided from the environment (no Electron import, so it
// runs under plain Node in tests):
// - Wayland: a client can neither read the global pointer position nor place its own windows, so
//   the popover is left to the compositor instead of being positioned at a cursor it cannot know.
// - Tray host: on Linux the tray icon is a StatusNotifierItem, shown only when something on the
//   session bus owns org.kde.StatusNotifierWatcher (KDE, XFCE, Cinnamon, Budgie, ...; GNOME only
//   with the AppIndicator extension). Without one, a tray app is invisible.
// - Launched at login: the Linux autostart entry passes --autostart, so a manual launch can be told
//   apart (it opens the window when there is no tray to click).
import { execFile } from 'node:child_process';

export const AUTOSTART_FLAG = '--autostart';

export function launchedAtLogin(argv: readonly string[]): boolean {
  return argv.includes(AUTOSTART_FLAG);
}

/** True when Electron runs as a native Wayland client (Electron 38+ picks Wayland by itself). */
export function isWayland(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  argv: readonly string[],
): boolean {
  if (platform !== 'linux') return false;
  const forced = argv.find((a) => a.startsWith('--ozone-platform='))?.split('=')[1];
  if (forced) return forced === 'wayland';
  return env.XDG_SESSION_TYPE === 'wayland' || Boolean(env.WAYLAND_DISPLAY);
}

export type TrayHost = 'present' | 'absent' | 'unknown';
type Run = (cmd: string, args: string[], cb: (err: Error | null, stdout: string) => void) => void;

const defaultRun: Run = (cmd, args, cb) => {
  execFile(cmd, args, { timeout: 2_000, encoding: 'utf8' }, (err, stdout) => cb(err, String(stdout ?? '')));
};

/** Asks the session bus whether a StatusNotifierWatcher is running. Never rejects; 'unknown' when it cannot ask. */
export function detectTrayHost(platform: NodeJS.Platform, run: Run = defaultRun): Promise<TrayHost> {
  if (platform !== 'linux') return Promise.resolve('present');
  return new Promise((resolve) =>
    run(
      'dbus-send',
      [
        '--session',
        '--print-reply',
        '--reply-timeout=1500',
        '--dest=org.freedesktop.DBus',
        '/org/freedesktop/DBus',
        'org.freedesktop.DBus.NameHasOwner',
        'string:org.kde.StatusNotifierWatcher',
      ],
      (err, stdout) => {
        if (err) return resolve('unknown');
        if (/boolean true/.test(stdout)) return resolve('present');
        if (/boolean false/.test(stdout)) return resolve('absent');
        resolve('unknown');
      },
    ),
  );
}

export const NO_TRAY_NOTICE = {
  id: 'no-tray-host',
  level: 'warning',
  text: 'Your desktop shows no tray icons, so Headroom opened this window instead. On GNOME, install the AppIndicator extension (gnome-shell-extension-appindicator) and log in again; until then, start Headroom again to bring this window back. Alerts still arrive as notifications.',
} as const;
