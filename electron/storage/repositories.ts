// Settings and runtime state on disk, one folder (userData in the app, any folder for a web shell or
// the CLI), plain Node: no Electron import, no electron-store. Headroom writes its files itself:
// - config.json is replaced whole, crash-safe (durable-write: full write checked, fsync, rename,
//   fsync of the folder; the old file stays until the new one is proven). Written with two-space
//   indentation, as people edit it by hand.
// - The runtime state is a compact snapshot plus an append-only journal (state-journal), so a probe
//   costs a few hundred bytes written, not the whole file.
// - A save that the disk refuses (full, read-only, no permission) rejects with a StorageWriteError
//   carrying one sentence for the user; the previous file is intact. Nothing retries synchronously.
// - Settings are migrated by hand-written steps (core/config/migrations) and validated with zod.
//   Tokens found in an old file move into the vault and are never written back.
// - A file that cannot be read is copied beside itself as `<name>.corrupt-<time>.json`, defaults are
//   loaded and the user is told where the copy is. A file from a newer Headroom is kept the same way.
// - State is wrapped with a version and bounded (core/config/bounded) so history cannot grow forever.
// - Temp files left by a crash (`*.tmp-*`, ours or conf's) are removed when the files are loaded.
import { chmodSync, copyFileSync, existsSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { migrateSettings } from '../core/config/migrations';
import { settingsSchema, type Settings } from '../core/config/settings';
import type { Logger, SecretVault, SettingsRepository, StorageNotice } from '../service/ports';
import { silentLogger } from '../service/ports';
import { backupBeside, deserializeObject, stamp } from './backup';
import { cleanStaleTemps, replaceFile } from './durable-write';
import type { JournalOptions } from './state-journal';

export { backupBeside, deserializeObject } from './backup';
export { createStateRepository, STATE_FILE } from './state-repository';

export { StorageWriteError } from './durable-write';

export interface StoreDeps {
  /** The folder holding the files (userData in the app). */
  dir: string;
  now?: () => number;
  logger?: Logger;
  /** Bytes written per file (bench, diagnostics). */
  onWrite?: JournalOptions['onWrite'];
}

export const SETTINGS_FILE = 'config';

interface Opened {
  raw: Record<string, unknown> | undefined;
  notices: StorageNotice[];
  /** False when the file exists but could not be read at all (permissions): saving may fail too. */
  readable: boolean;
}

/**
 * Reads `<name>.json`; when it cannot be parsed it is backed up beside itself, removed, and the caller
 * starts from defaults. `what` names the file for the user ("settings", "saved state").
 */
async function readRecovering(
  deps: StoreDeps,
  name: string,
  what: string,
  consequence: string,
): Promise<Opened> {
  const now = deps.now ?? Date.now;
  const logger = deps.logger ?? silentLogger;
  const file = join(deps.dir, `${name}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    if (code === 'ENOENT') return { raw: undefined, notices: [], readable: true };
    logger.error(`${what} file unreadable`, { code });
    return {
      raw: undefined,
      readable: false,
      notices: [
        {
          id: `${name}-unavailable`,
          level: 'error',
          text: `The ${what} file in ${deps.dir} cannot be opened (${code}); changes will not be kept after Headroom quits.`,
        },
      ],
    };
  }
  try {
    const raw = deserializeObject(text);
    return { raw, notices: [], readable: true };
  } catch (err) {
    const reason = err instanceof Error ? err.message.split('\n')[0] : String(err);
    logger.warn(`${what} file unreadable`, { file, reason: reason?.slice(0, 120) });
    let backup: string;
    try {
      backup = backupBeside(file, 'corrupt', now());
      rmSync(file);
    } catch (copyErr) {
      const code = (copyErr as NodeJS.ErrnoException)?.code ?? 'error';
      return {
        raw: undefined,
        readable: false,
        notices: [
          {
            id: `${name}-unavailable`,
            level: 'error',
            text: `The ${what} file in ${deps.dir} is damaged and cannot be replaced (${code}); changes will not be kept after Headroom quits.`,
          },
        ],
      };
    }
    return {
      raw: undefined,
      readable: true,
      notices: [
        {
          id: `${name}-corrupt`,
          level: 'warning',
          text: `The ${what} file was damaged and could not be read. A copy was kept at ${backup}; ${consequence}`,
        },
      ],
    };
  }
}

/** Settings as written to disk: two-space JSON (people edit it), newline at the end. */
function settingsText(settings: Settings): string {
  return `${JSON.stringify(settings, null, 2)}\n`;
}

export function createSettingsRepository(deps: StoreDeps & { vault: SecretVault }): SettingsRepository {
  const now = deps.now ?? Date.now;
  const logger = deps.logger ?? silentLogger;
  const file = join(deps.dir, `${SETTINGS_FILE}.json`);
  let queue: Promise<void> = Promise.resolve();

  return {
    async load() {
      const removed = await cleanStaleTemps(deps.dir, [`${SETTINGS_FILE}.json`]);
      if (removed > 0) logger.info('removed temp files left by a crash', { file: 'settings', removed });
      const opened = await readRecovering(
        deps,
        SETTINGS_FILE,
        'settings',
        'Headroom started with default settings.',
      );
      const notices = [...opened.notices];
      const result = migrateSettings(opened.raw, { now: now() });

      if (
        result.outcome === 'unsupported' ||
        result.outcome === 'invalid' ||
        result.outcome === 'recovered'
      ) {
        let where = '';
        if (opened.readable && existsSync(file)) {
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
      if ((result.outcome !== 'current' || opened.notices.length > 0) && opened.readable) {
        try {
          await replaceFile(file, settingsText(result.settings));
          logger.info('settings written after load', { outcome: result.outcome, from: result.fromVersion });
        } catch (err) {
          // The old file (or its backup) is intact; the next save tries again.
          logger.error('settings could not be written after load', { reason: (err as Error).message });
        }
      }
      return { settings: structuredClone(result.settings), notices };
    },

    save(settings) {
      let text: string;
      try {
        text = settingsText(settingsSchema.parse(settings));
      } catch (err) {
        return Promise.reject(err as Error);
      }
      // Crash-safe: a full disk or a missing permission rejects here and leaves the old file whole.
      // One at a time, so an older save can never rename over a newer one.
      const run = queue.then(async () => {
        await replaceFile(file, text);
        deps.onWrite?.(file, Buffer.byteLength(text));
      });
      queue = run.catch(() => undefined);
      return run;
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
