// Headroom's icon for notifications: a 128 px PNG (build/notification-icon.png) that notify-send and
// SnoreToast read from disk. It must be a real file, never an entry inside app.asar: the packaged app
// ships it as an extra resource (electron-builder.yml), beside app.asar; from the sources (npm start,
// the CLI) and the built bundle (dist-electron/) it is found in the project's build/ folder.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NOTIFICATION_ICON = 'notification-icon.png';

/** Where the icon may be, most specific first: packaged resources, then build/ above this module. */
export function iconCandidates(moduleDir: string, resourcesPath: string | undefined): string[] {
  return [
    ...(resourcesPath ? [join(resourcesPath, NOTIFICATION_ICON)] : []),
    // dist-electron/main.js -> ../build; electron/notify/icon.ts -> ../../build
    resolve(moduleDir, '..', 'build', NOTIFICATION_ICON),
    resolve(moduleDir, '..', '..', 'build', NOTIFICATION_ICON),
  ];
}

/** The icon's absolute path, or null when it cannot be found (the notification goes out without it). */
export function notificationIconPath(
  exists: (path: string) => boolean = existsSync,
  moduleDir: string = dirname(fileURLToPath(import.meta.url)),
  resourcesPath: string | undefined = (process as { resourcesPath?: string }).resourcesPath,
): string | null {
  return iconCandidates(moduleDir, resourcesPath).find((p) => exists(p)) ?? null;
}
