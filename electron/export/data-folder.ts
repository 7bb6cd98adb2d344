// Reads the app's data folder (the Electron userData: config.json and state.json) for an export
// outside the app (CLI `export --data DIR`, `serve`). Read-only: never writes, never reads the
// secrets file. A folder or file that cannot be read is a clear error, not an empty export.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { migrateSettings } from '../core/config/migrations';
import type { Settings } from '../core/config/settings';
import { readRuntime, type RuntimeState } from '../service/runtime-state';

/** Where Electron keeps Headroom's userData on this platform (see electron/main.ts). */
export function defaultDataDir(
  env: Readonly<Record<string, string | undefined>>,
  platform = process.platform,
): string {
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Headroom');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Headroom');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Headroom');
}

export interface DataFolder {
  settings: Settings;
  runtime: RuntimeState;
  /** What could not be read and was taken as empty. */
  notes: string[];
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read ${file}: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new Error(`${file} is not valid JSON (a damaged file? the app keeps a backup beside it)`, {
      cause: err,
    });
  }
}

export async function readDataFolder(dir: string, now: number): Promise<DataFolder> {
  const notes: string[] = [];
  const rawSettings = await readJson(join(dir, 'config.json'));
  if (rawSettings === undefined) throw new Error(`no Headroom settings in ${dir} (config.json not found)`);
  const migrated = migrateSettings(rawSettings, { now });
  if (migrated.outcome === 'unsupported' || migrated.outcome === 'invalid')
    throw new Error(`${join(dir, 'config.json')} could not be read (${migrated.outcome})`);
  const rawState = await readJson(join(dir, 'state.json'));
  if (rawState === undefined) notes.push('state.json not found: nothing observed yet');
  const runtime = readRuntime(rawState ?? null);
  if (runtime.problem) notes.push(`state.json could not be read (${runtime.problem}): exported as empty`);
  return { settings: migrated.settings, runtime: runtime.state, notes };
}
