// Launch at login. macOS and Windows: the OS login items (app.setLoginItemSettings). Linux has no
// such API: an XDG autostart entry (~/.config/autostart/headroom.desktop) is written or removed; it
// starts Headroom with --autostart so a login start can be told from a manual one.
// Nothing is written when the OS already has the wanted setting (no rewrite on every start), and
// macOS's deprecated openAsHidden is not used: Headroom has no window at start anyway.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AUTOSTART_FLAG } from './desktop';

/** The part of Electron's `app` used here. */
export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean }): void;
  getLoginItemSettings(): { openAtLogin: boolean };
}

export interface LoginItemOptions {
  platform: NodeJS.Platform;
  app: LoginItemApp;
  /** The program to start: $APPIMAGE when running from an AppImage, else process.execPath. */
  exec: string;
  /** $XDG_CONFIG_HOME or ~/.config. */
  configHome?: string;
}

/** Quotes one Exec argument per the Desktop Entry spec (double quotes; `"`, `` ` ``, `$`, `\` escaped). */
export function quoteExecArg(arg: string): string {
  if (!/[\s"'\\`$<>|&;()*?#~=%]/.test(arg)) return arg;
  return `"${arg.replace(/(["`$\\])/g, '\\$1').replace(/%/g, '%%')}"`;
}

export function autostartEntry(exec: string): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Headroom',
    'Comment=API quota headroom in your tray',
    `Exec=${quoteExecArg(exec)} ${AUTOSTART_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

export function autostartPath(configHome?: string): string {
  return join(
    configHome ?? process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'),
    'autostart',
    'headroom.desktop',
  );
}

/** Applies the setting; resolves true when something was written or removed, false when it already held. */
export async function setLaunchAtLogin(enabled: boolean, o: LoginItemOptions): Promise<boolean> {
  if (o.platform === 'darwin' || o.platform === 'win32') {
    if (o.app.getLoginItemSettings().openAtLogin === enabled) return false;
    o.app.setLoginItemSettings({ openAtLogin: enabled });
    return true;
  }
  const file = autostartPath(o.configHome);
  const current = await readFile(file, 'utf8').catch(() => null);
  if (!enabled) {
    if (current === null) return false;
    await rm(file, { force: true });
    return true;
  }
  const entry = autostartEntry(o.exec);
  if (current === entry) return false;
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, entry, { mode: 0o644 });
  return true;
}
