// Keys from a --config file, laid over the stored settings and the keyring:
// - on load, the file's keys replace stored keys of the same id (keeping when each was first seen),
//   and stored declared keys the file no longer has are dropped: the file is the truth for them;
// - their tokens come from the environment variables the file names; the page cannot change them.
import type { KeyConfig } from '../core/config/settings';
import type { SecretVault, SettingsRepository, StorageNotice } from '../service/ports';
import { isDeclaredKeyId, type ServeConfig } from './config-file';
import { VaultError } from './vault-error';

export function withDeclaredKeys(repo: SettingsRepository, config: ServeConfig): SettingsRepository {
  return {
    async load() {
      const loaded = await repo.load();
      const stored = new Map(loaded.settings.keys.map((k) => [k.id, k]));
      const declared: KeyConfig[] = config.keys.map((k) => ({
        ...k,
        createdAt: stored.get(k.id)?.createdAt ?? k.createdAt,
      }));
      const ids = new Set(declared.map((k) => k.id));
      const others = loaded.settings.keys.filter((k) => !ids.has(k.id) && !isDeclaredKeyId(k.id));
      return { ...loaded, settings: { ...loaded.settings, keys: [...declared, ...others] } };
    },
    save: (s) => repo.save(s),
  };
}

export function withDeclaredTokens(
  vault: SecretVault,
  config: ServeConfig,
  env: Readonly<Record<string, string | undefined>>,
): SecretVault {
  const names = new Map(config.keys.map((k) => [k.id, k.name]));
  return {
    async get(keyId) {
      const variable = config.tokenEnv.get(keyId);
      return variable ? (env[variable] ?? null) : vault.get(keyId);
    },
    async set(keyId, secret) {
      const variable = config.tokenEnv.get(keyId);
      if (variable)
        throw new VaultError(
          `the token of "${names.get(keyId)}" comes from the environment variable ${variable} (the --config file); change it there`,
        );
      return vault.set(keyId, secret);
    },
    async delete(keyId) {
      if (!config.tokenEnv.has(keyId)) await vault.delete(keyId);
    },
    status: () => vault.status(),
  };
}

/** Adds notices (the keyring's) to what the settings load reports, as the Electron shell does. */
export function withNotices(repo: SettingsRepository, extra: () => StorageNotice[]): SettingsRepository {
  return {
    async load() {
      const loaded = await repo.load();
      return { ...loaded, notices: [...loaded.notices, ...extra()] };
    },
    save: (s) => repo.save(s),
  };
}
