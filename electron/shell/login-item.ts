// Launch at login. macOS and Windows: the OS login items (app.setLoginItemSettings). Linux has no
// such API: an XDG autostart entry (~/.config/autostart/headroom.desktop) is written or removed.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The part of Electron's `app` used here. */
export interface LoginItemApp {
  setLoginItemSettings(settings: { openAtLogin: boolean; openAsHidden?: boolean }): void;
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
    `Exec=${quoteExecArg(exec)}`,
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

export async function setLaunchAtLogin(enabled: boolean, o: LoginItemOptions): Promise<void> {
  if (o.platform === 'darwin' || o.platform === 'win32') {
    o.app.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: true });
    return;
  }
  const file = autostartPath(o.configHome);
  if (!enabled) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(join(file, '..'), { recursive: true });
  await writeFile(file, autostartEntry(o.exec), { mode: 0o644 });
}
