// Tokens in the OS keyring (macOS Keychain, Windows Credential Manager, the Secret Service on Linux)
// through @napi-rs/keyring, whose npm package ships prebuilt binaries: nothing to compile, nothing
// downloaded at install. Where there is no keyring (a server, a container, a session without a
// Secret Service daemon) the vault says so and refuses to store: a token is never written to disk
// in plain text. Keys declared in a --config file take their token from the environment instead.
import type { Logger, SecretVault, StorageNotice } from '../service/ports';
import { silentLogger } from '../service/ports';
import { VaultError } from './vault-error';

/** The part of the keyring binding used here (its AsyncEntry, per account). */
export interface KeyringBackend {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<void>;
}

export interface KeyringVault extends SecretVault {
  /** The notice the page shows while the keyring is unavailable; null when it works. */
  statusNotice(): StorageNotice | null;
}

const SERVICE = 'Headroom';
const KEY_ID = /^[a-z0-9-]{4,40}$/;
/** An account that never exists: reading it tells whether the keyring answers at all. */
const PROBE_ACCOUNT = 'headroom-keyring-check';

/** Loads the native binding; null when it cannot load on this platform. */
export async function loadKeyringBackend(): Promise<KeyringBackend | null> {
  try {
    const { AsyncEntry } = await import('@napi-rs/keyring');
    const entry = (account: string) => new AsyncEntry(SERVICE, account);
    return {
      get: async (a) => (await entry(a).getPassword()) ?? null,
      set: (a, s) => entry(a).setPassword(s),
      delete: async (a) => void (await entry(a).deleteCredential()),
    };
  } catch {
    return null;
  }
}

/**
 * Opens the vault: checks once that the keyring answers. `backend` null (the binding did not load)
 * or a keyring that refuses access gives an unavailable vault.
 */
export async function openKeyringVault(opts: {
  backend: KeyringBackend | null;
  logger?: Logger;
}): Promise<KeyringVault> {
  const logger = opts.logger ?? silentLogger;
  const backend = opts.backend;
  let reason: string | null = backend ? null : 'the keyring library did not load on this platform';
  if (backend) {
    try {
      await backend.get(PROBE_ACCOUNT);
    } catch (err) {
      reason = (err instanceof Error ? err.message : String(err)).split('\n')[0]?.slice(0, 120) ?? 'error';
    }
  }
  if (reason) logger.warn('OS keyring unavailable', { reason });
  const cache = new Map<string, string>();

  return {
    async get(keyId) {
      if (!backend || reason) return null;
      const cached = cache.get(keyId);
      if (cached !== undefined) return cached;
      try {
        const value = await backend.get(keyId);
        if (value) cache.set(keyId, value);
        return value || null;
      } catch {
        logger.warn('keyring read failed', { keyId });
        return null;
      }
    },
    async set(keyId, secret) {
      if (!KEY_ID.test(keyId)) throw new VaultError('Invalid key id.');
      if (secret.length === 0) throw new VaultError('An empty token cannot be saved.');
      if (!backend || reason)
        throw new VaultError(
          'no OS keyring is available here, so the token was not saved (declare the key in a --config file with tokenEnv instead)',
        );
      try {
        await backend.set(keyId, secret);
      } catch {
        throw new VaultError('the OS keyring refused to store the token');
      }
      cache.set(keyId, secret);
    },
    async delete(keyId) {
      cache.delete(keyId);
      if (!backend || reason) return;
      try {
        await backend.delete(keyId);
      } catch {
        // Nothing stored under that id (NoEntry) is what deleting wants anyway.
      }
    },
    status() {
      return reason ? { backend: 'unavailable', weak: true } : { backend: 'os-keyring', weak: false };
    },
    statusNotice() {
      return reason
        ? {
            id: 'secrets-unavailable',
            level: 'warning',
            text: 'No OS keyring answers here, so tokens typed into this page cannot be saved. Unlock a keyring (GNOME Keyring, KWallet), or declare keys in a --config file with tokenEnv.',
          }
        : null;
    },
  };
}
