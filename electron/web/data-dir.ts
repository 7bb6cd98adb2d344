// Where the web shell keeps settings and state: by default the same folder the Electron app uses
// (app.getPath('appData') + "Headroom"), so the tray app and the browser see the same keys.
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: Readonly<Record<string, string | undefined>> = process.env,
  home: string = homedir(),
): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Headroom');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Headroom');
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'Headroom');
}
