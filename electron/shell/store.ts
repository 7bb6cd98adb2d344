// Settings and runtime state on disk, through electron-store (its engine `conf` in tests): atomic
// writes, one JSON file each in userData (config.json, state.json).
// - Settings are migrated by hand-written steps (core/config/migrations) and validated with zod.
//   Tokens found in an old file move into the vault and are never written back.
// - A file that cannot be read is copied beside itself as `<name>.corrupt-<time>.json`, defaults are
//   loaded and the user is told where the copy is. A file from a newer Headroom is kept the same way.
// - State is wrapped with a version and bounded (core/config/bounded) so history cannot grow forever.
// This module takes the store constructor as a parameter, so it never imports electron itself.
import { chmodSync, copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { boundState, STATE_BOUNDS, type BoundOptions } from '../core/config/bounded';
import { migrateSettings } from '../core/config/migrations';
import { settingsSchema, type Settings } from '../core/config/settings';
import type {
  Logger,
  SecretVault,
  SettingsRepository,
  StateRepository,
  StorageNotice,
} from '../service/ports';
import { silentLogger } from '../service/ports';

/** The part of electron-store / conf this module uses. */
export interface JsonStore {
  readonly path: string;
  store: Record<string, unknown>;
}

export interface OpenStoreOptions {
  /** File name without `.json`. */
  name: string;
  cwd: string;
  /** Parses the file; throws on anything that is not a JSON object. */
  deserialize: (text: string) => Record<string, unknown>;
}

export type OpenJsonStore = (options: OpenStoreOptions) => JsonStore;

export interface StoreDeps {
  /** userData. */
  dir: string;
  open: OpenJsonStore;
  now?: () => number;
  logger?: Logger;
}

export const SETTINGS_FILE = 'config';
export const STATE_FILE = 'state';
const STATE_VERSION = 1;

/** JSON that is an object, or a SyntaxError: a list or a bare value is as unreadable as bad JSON. */
export function deserializeObject(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SyntaxError('the file holds JSON but not an object');
  return value as Record<string, unknown>;
}

function stamp(now: number): string {
  return new Date(now).toISOString().replace(/[:.]/g, '-');
}

/** Copies `file` beside itself as `<name>.<reason>-<time>.json`, dropping any plaintext token from the copy. */
export function backupBeside(file: string, reason: string, now: number): string {
  const target = file.replace(/\.json$/, '') + `.${reason}-${stamp(now)}.json`;
  let text: string | null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    text = JSON.stringify(stripTokens(parsed), null, '\t');
  } catch {
    // Not JSON (or unreadable as text): keep the bytes exactly as they were.
    text = null;
  }
  if (text === null) copyFileSync(file, target);
  else writeFileSync(target, text, { mode: 0o600 });
  return target;
}

function stripTokens(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripTokens);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [
      k,
      /^(token|secret|apiKey|appToken)$/i.test(k) ? '[removed]' : stripTokens(x),
    ]),
  );
}

interface Opened {
  store: JsonStore | null;
  raw: Record<string, unknown> | undefined;
  notices: StorageNotice[];
}

/**
 * Opens a store; when its file cannot be read it is backed up, removed, and an empty store opened
 * in its place. `what` names the file for the user ("settings", "saved state").
 */
function openRecovering(deps: StoreDeps, name: string, what: string, consequence: string): Opened {
  const now = deps.now ?? Date.now;
  const logger = deps.logger ?? silentLogger;
  const file = join(deps.dir, `${name}.json`);
  const open = () => deps.open({ name, cwd: deps.dir, deserialize: deserializeObject });
  const existed = existsSync(file);
  try {
    const store = open();
    return { store, raw: existed ? store.store : undefined, notices: [] };
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    logger.warn(`${what} file unreadable`, { file, reason: reason?.slice(0, 120) });
    if (!existsSync(file)) return unwritable(deps, name, what, err);
    let backup: string;
    try {
      backup = backupBeside(file, 'corrupt', now());
      rmSync(file);
    } catch (copyErr) {
      return unwritable(deps, name, what, copyErr);
    }
    try {
      const store = open();
      return {
        store,
        raw: undefined,
        notices: [
          {
            id: `${name}-corrupt`,
            level: 'warning',
            text: `The ${what} file was damaged and could not be read. A copy was kept at ${backup}; ${consequence}`,
          },
        ],
      };
    } catch (reopenErr) {
      return unwritable(deps, name, what, reopenErr);
    }
  }
}

function unwritable(deps: StoreDeps, name: string, what: string, err: unknown): Opened {
  const code = (err as NodeJS.ErrnoException)?.code ?? 'error';
  (deps.logger ?? silentLogger).error(`${what} store unavailable`, { code });
  return {
    store: null,
    raw: undefined,
    notices: [
      {
        id: `${name}-unavailable`,
        level: 'error',
        text: `The ${what} file in ${deps.dir} cannot be opened (${code}); changes will not be kept after Headroom quits.`,
      },
    ],
  };
}

export function createSettingsRepository(deps: StoreDeps & { vault: SecretVault }): SettingsRepository {
  const now = deps.now ?? Date.now;
  const logger = deps.logger ?? silentLogger;
  let store: JsonStore | null = null;

  return {
    async load() {
      const opened = openRecovering(
        deps,
        SETTINGS_FILE,
        'settings',
        'Headroom started with default settings.',
      );
      store = opened.store;
      const notices = [...opened.notices];
      const result = migrateSettings(opened.raw, { now: now() });
      const file = join(deps.dir, `${SETTINGS_FILE}.json`);

      if (
        result.outcome === 'unsupported' ||
        result.outcome === 'invalid' ||
        result.outcome === 'recovered'
      ) {
        let where = '';
        if (store && existsSync(file)) {
          const reason = result.outcome === 'unsupported' ? `newer-v${result.fromVersion}` : 'corrupt';
          where = ` A copy of the file as it was is at ${backupBeside(file, reason, now())}.`;
        }
        notices.push({
          id: `settings-${result.outcome}`,
          level: 'warning',
          text: `${result.notices.join(' ')}${where}`.trim(),
        });
      } else if (result.notices.length > 0) {
        notices.push({ id: 'settings-migrated', level: 'info', text: result.notices.join(' ') });
      }

      if (result.secrets.length > 0) notices.push(...(await moveSecrets(result, file)));
      // Write the result when it differs from the file: migrated, recovered, or replacing a damaged one.
      if ((result.outcome !== 'current' || opened.notices.length > 0) && store) {
        store.store = { ...result.settings };
        logger.info('settings written after load', { outcome: result.outcome, from: result.fromVersion });
      }
      return { settings: structuredClone(result.settings), notices };
    },

    async save(settings) {
      const valid: Settings = settingsSchema.parse(settings);
      if (!store) throw new Error('Settings cannot be saved: the settings file could not be opened.');
      store.store = { ...valid };
    },
  };

  /** Moves tokens from an old settings file into the vault; when the vault refuses, keeps the old file. */
  async function moveSecrets(
    result: ReturnType<typeof migrateSettings>,
    file: string,
  ): Promise<StorageNotice[]> {
    const failed: string[] = [];
    for (const { keyId, secret } of result.secrets) {
      try {
        await deps.vault.set(keyId, secret);
      } catch {
        failed.push(result.settings.keys.find((k) => k.id === keyId)?.name ?? keyId);
      }
    }
    const moved = result.secrets.length - failed.length;
    const notices: StorageNotice[] = [];
    if (moved > 0)
      notices.push({
        id: 'settings-tokens-moved',
        level: 'info',
        text: `${moved} token${moved === 1 ? ' was' : 's were'} moved out of the settings file into encrypted storage.`,
      });
    if (failed.length > 0) {
      // The old file is the only copy of these tokens: keep it (owner-only), say where, and ask.
      let kept = '';
      if (existsSync(file)) {
        const target = file.replace(/\.json$/, '') + `.v0-${stamp(now())}.json`;
        copyFileSync(file, target);
        try {
          chmodSync(target, 0o600);
        } catch {
          // Windows has no POSIX modes; the file stays in the user's profile.
        }
        kept = ` The old settings file, with those tokens in plain text, was kept at ${target}: delete it once they are entered again.`;
      }
      notices.push({
        id: 'settings-tokens-not-moved',
        level: 'error',
        text: `Encrypted storage is unavailable, so the token${failed.length === 1 ? '' : 's'} for ${failed
          .map((n) => `"${n}"`)
          .join(
            ', ',
          )} could not be saved securely; enter ${failed.length === 1 ? 'it' : 'them'} again in Settings.${kept}`,
      });
    }
    return notices;
  }
}

export function createStateRepository(deps: StoreDeps & { bounds?: BoundOptions }): StateRepository {
  const logger = deps.logger ?? silentLogger;
  const bounds = deps.bounds ?? STATE_BOUNDS;
  let store: JsonStore | null = null;

  return {
    async load() {
      const opened = openRecovering(
        deps,
        STATE_FILE,
        'saved state',
        'quota history and alert state start afresh (settings and keys are not affected).',
      );
      store = opened.store;
      const raw = opened.raw;
      if (raw === undefined || Object.keys(raw).length === 0) return { state: null, notices: opened.notices };
      if (raw.schemaVersion !== STATE_VERSION || !('state' in raw)) {
        const file = join(deps.dir, `${STATE_FILE}.json`);
        const reason =
          typeof raw.schemaVersion === 'number' && raw.schemaVersion > STATE_VERSION
            ? `newer-v${raw.schemaVersion}`
            : 'corrupt';
        const backup = backupBeside(file, reason, (deps.now ?? Date.now)());
        return {
          state: null,
          notices: [
            ...opened.notices,
            {
              id: 'state-unreadable',
              level: 'warning',
              text: `The saved state was not in a format this Headroom reads. A copy was kept at ${backup}; quota history and alert state start afresh.`,
            },
          ],
        };
      }
      const bounded = boundState(raw.state, bounds);
      if (bounded.dropped > 0) logger.info('state history trimmed on load', { dropped: bounded.dropped });
      return { state: bounded.value, notices: opened.notices };
    },

    async save(state) {
      if (!store) throw new Error('State cannot be saved: the state file could not be opened.');
      const bounded = boundState(state, bounds);
      if (bounded.dropped > 0) logger.info('state history trimmed', { dropped: bounded.dropped });
      store.store = { schemaVersion: STATE_VERSION, state: bounded.value as Record<string, unknown> };
    },
  };
}
