// API tokens, encrypted with Electron's safeStorage, in their own file (`secrets.json` in userData,
// owner-only, written atomically). The settings never hold a token; the renderer never receives one.
// - The async API (encryptStringAsync / decryptStringAsync, Electron >= 42) is used when the runtime
//   has it; the pinned Electron 40 (the newest that installs on Node 20) only has the sync API.
// - Nothing is stored when encryption is unavailable. Linux's `basic_text` backend (no keyring found)
//   encrypts with a hard-coded key. Electron reports it available only after
//   setUsePlainTextEncryption(true), which unlock() calls on Linux: tokens can then be saved, and
//   status() reports the storage as weak so the UI warns.
// - Errors and logs name the key id, never the secret.
// safeStorage is passed in, so this module does not import electron and tests can hand in a fake.
import { randomBytes } from 'node:crypto';
import { chmod, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { Logger, SecretVault, StorageNotice } from '../service/ports';
import { silentLogger } from '../service/ports';

/** The part of Electron's safeStorage used here; the async members exist from Electron 42. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
  /** Linux: lets isEncryptionAvailable() be true for basic_text (a no-op elsewhere). */
  setUsePlainTextEncryption?(usePlainText: boolean): void;
  isAsyncEncryptionAvailable?(): Promise<boolean>;
  encryptStringAsync?(plainText: string): Promise<Buffer>;
  decryptStringAsync?(encrypted: Buffer): Promise<{ shouldReEncrypt: boolean; result: string }>;
}

export class VaultError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VaultError';
  }
}

interface VaultFile {
  version: 1;
  entries: Record<string, { data: string; at: number }>;
}

export interface VaultOptions {
  /** userData/secrets.json */
  file: string;
  safeStorage: SafeStorageLike;
  platform: NodeJS.Platform;
  logger?: Logger;
  now?: () => number;
}

export interface SafeStorageVault extends SecretVault {
  /**
   * Reads the file. Call once after the app is ready (Linux's keyring is known only then); on Linux it
   * first accepts basic_text, so a machine without a keyring can still save tokens (reported as weak).
   */
  unlock(): Promise<StorageNotice[]>;
  /** The notice the UI shows while storage is weak or unavailable; null when all is well. */
  statusNotice(): StorageNotice | null;
}

const KEY_ID = /^[a-z0-9-]{4,40}$/;

export function createSafeStorageVault(options: VaultOptions): SafeStorageVault {
  const { file, safeStorage, platform } = options;
  const logger = options.logger ?? silentLogger;
  const now = options.now ?? Date.now;
  const asyncApi =
    typeof safeStorage.encryptStringAsync === 'function' &&
    typeof safeStorage.decryptStringAsync === 'function';
  let entries: VaultFile['entries'] = {};
  let loaded = false;
  const plain = new Map<string, string>();
  let writing: Promise<void> = Promise.resolve();

  async function available(): Promise<boolean> {
    try {
      if (asyncApi && typeof safeStorage.isAsyncEncryptionAvailable === 'function')
        return await safeStorage.isAsyncEncryptionAvailable();
      return safeStorage.isEncryptionAvailable();
    } catch {
      return false;
    }
  }

  async function encrypt(secret: string): Promise<Buffer> {
    return asyncApi && safeStorage.encryptStringAsync
      ? safeStorage.encryptStringAsync(secret)
      : safeStorage.encryptString(secret);
  }

  async function decrypt(data: Buffer): Promise<{ value: string; reEncrypt: boolean }> {
    if (asyncApi && safeStorage.decryptStringAsync) {
      const r = await safeStorage.decryptStringAsync(data);
      return { value: r.result, reEncrypt: r.shouldReEncrypt };
    }
    return { value: safeStorage.decryptString(data), reEncrypt: false };
  }

  /** Atomic, owner-only write of the whole file; writes are queued so none is lost. */
  function persist(): Promise<void> {
    const snapshot: VaultFile = { version: 1, entries: { ...entries } };
    const next = writing.then(async () => {
      const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        await writeFile(tmp, `${JSON.stringify(snapshot, null, '\t')}\n`, { mode: 0o600 });
        await chmod(tmp, 0o600).catch(() => undefined);
        await rename(tmp, file);
      } catch (err) {
        await rm(tmp, { force: true }).catch(() => undefined);
        throw new VaultError(
          `The secrets file could not be written (${(err as NodeJS.ErrnoException).code ?? 'error'}).`,
        );
      }
    });
    writing = next.catch(() => undefined);
    return next;
  }

  async function ensureLoaded(): Promise<StorageNotice[]> {
    if (loaded) return [];
    loaded = true;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      logger.error('secrets file unreadable', { code: (err as NodeJS.ErrnoException).code ?? 'error' });
      return [
        {
          id: 'secrets-unreadable',
          level: 'error',
          text: `The secrets file ${file} cannot be read; saved tokens are unavailable until it can.`,
        },
      ];
    }
    try {
      const parsed = JSON.parse(text) as Partial<VaultFile>;
      if (parsed.version !== 1 || typeof parsed.entries !== 'object' || parsed.entries === null)
        throw new Error('unexpected shape');
      for (const [id, e] of Object.entries(parsed.entries)) {
        if (KEY_ID.test(id) && typeof e?.data === 'string')
          entries[id] = { data: e.data, at: Number(e.at) || 0 };
      }
      return [];
    } catch {
      const backup = `${file.replace(/\.json$/, '')}.corrupt-${new Date(now()).toISOString().replace(/[:.]/g, '-')}.json`;
      await rename(file, backup).catch(() => undefined);
      entries = {};
      logger.warn('secrets file damaged; moved aside', { backup });
      return [
        {
          id: 'secrets-corrupt',
          level: 'error',
          text: `The secrets file was damaged; it was moved to ${backup}. Enter your keys' tokens again in Settings.`,
        },
      ];
    }
  }

  function backend(): string {
    if (platform === 'darwin') return 'keychain';
    if (platform === 'win32') return 'dpapi';
    try {
      return safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    } catch {
      return 'unknown';
    }
  }

  const vault: SafeStorageVault = {
    async unlock() {
      if (platform === 'linux') {
        try {
          safeStorage.setUsePlainTextEncryption?.(true);
        } catch (err) {
          logger.warn('plain-text encryption not enabled', { error: String(err) });
        }
      }
      return ensureLoaded();
    },

    async get(keyId) {
      await ensureLoaded();
      const cached = plain.get(keyId);
      if (cached !== undefined) return cached;
      const entry = entries[keyId];
      if (!entry) return null;
      try {
        const { value, reEncrypt } = await decrypt(Buffer.from(entry.data, 'base64'));
        plain.set(keyId, value);
        if (reEncrypt) {
          // The OS rotated the key: store the token again under the new one.
          entries[keyId] = { data: (await encrypt(value)).toString('base64'), at: now() };
          await persist().catch((err: unknown) =>
            logger.warn('re-encryption not saved', { keyId, error: String(err) }),
          );
        }
        return value;
      } catch {
        logger.warn('secret could not be decrypted (another user or machine, or the keyring changed)', {
          keyId,
        });
        return null;
      }
    },

    async set(keyId, secret) {
      if (!KEY_ID.test(keyId)) throw new VaultError('Invalid key id.');
      if (typeof secret !== 'string' || secret.length === 0)
        throw new VaultError('An empty token cannot be saved.');
      await ensureLoaded();
      if (!(await available()))
        throw new VaultError(
          'Encrypted storage is not available on this system, so the token was not saved.',
        );
      let data: Buffer;
      try {
        data = await encrypt(secret);
      } catch {
        throw new VaultError('The token could not be encrypted, so it was not saved.');
      }
      entries[keyId] = { data: data.toString('base64'), at: now() };
      plain.set(keyId, secret);
      await persist();
    },

    async delete(keyId) {
      await ensureLoaded();
      plain.delete(keyId);
      if (!(keyId in entries)) return;
      delete entries[keyId];
      await persist();
    },

    status() {
      let ok: boolean;
      try {
        ok = safeStorage.isEncryptionAvailable();
      } catch {
        ok = false;
      }
      if (!ok) return { backend: 'unavailable', weak: true };
      const name = backend();
      return { backend: name, weak: name === 'basic_text' };
    },

    statusNotice() {
      const s = vault.status();
      if (s.backend === 'unavailable')
        return {
          id: 'secrets-unavailable',
          level: 'error',
          text: 'Encrypted storage is not available, so tokens cannot be saved. On Linux, install and unlock a keyring (GNOME Keyring or KWallet).',
        };
      if (s.weak)
        return {
          id: 'secrets-weak',
          level: 'warning',
          text: 'No system keyring was found, so tokens are encrypted with a built-in key (Electron\'s "basic_text"): anyone who can read your files can read them. Install GNOME Keyring or KWallet, or start Headroom with --password-store=gnome-libsecret.',
        };
      return null;
    },
  };
  return vault;
}
