// The secret vault over a fake safeStorage: tokens are encrypted into their own owner-only file and
// never appear in it (or in errors) as plain text; basic_text is reported as weak with a warning;
// nothing is stored without encryption; the async API is used when the runtime has it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSafeStorageVault, VaultError, type SafeStorageLike } from '../../electron/shell/vault';
import type { Logger } from '../../electron/service/ports';

const TOKEN = 'tok_live_4f3e2d1c0b9a8877';

/**
 * A reversible stand-in for the OS: XOR with a per-"machine" byte and a header. It follows Electron's
 * rule on Linux: with the basic_text backend (no keyring) encryption is available only after
 * setUsePlainTextEncryption(true); `available: false` is a keyring that cannot be reached.
 */
function fakeSafeStorage(o: { backend?: string; available?: boolean; machine?: number } = {}) {
  const k = o.machine ?? 0x5a;
  const calls: string[] = [];
  const backend = o.backend ?? 'gnome_libsecret';
  let plainText = false;
  const available = () =>
    backend === 'basic_text' ? plainText && o.available !== false : (o.available ?? true);
  const storage: SafeStorageLike = {
    isEncryptionAvailable: available,
    setUsePlainTextEncryption: (v) => {
      calls.push('setUsePlainTextEncryption');
      plainText = v;
    },
    encryptString: (s) => {
      calls.push('encryptString');
      if (!available())
        throw new Error(
          'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.',
        );
      return Buffer.concat([Buffer.from([0x76, 0x31, k]), Buffer.from(s, 'utf8').map((b) => b ^ k)]);
    },
    decryptString: (b) => {
      calls.push('decryptString');
      if (b[2] !== k)
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(b.subarray(3).map((x) => x ^ k)).toString('utf8');
    },
    getSelectedStorageBackend: () => backend,
  };
  return { storage, calls };
}

let dir: string;
let file: string;
const logged: string[] = [];
const logger: Logger = {
  info: (m, f) => logged.push(`${m} ${JSON.stringify(f ?? {})}`),
  warn: (m, f) => logged.push(`${m} ${JSON.stringify(f ?? {})}`),
  error: (m, f) => logged.push(`${m} ${JSON.stringify(f ?? {})}`),
};
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-vault-'));
  file = join(dir, 'secrets.json');
  logged.length = 0;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('safeStorage vault', () => {
  it('stores tokens encrypted in secrets.json (owner-only), never as plain text, and reads them back', async () => {
    const { storage } = fakeSafeStorage();
    const vault = createSafeStorageVault({ file, safeStorage: storage, platform: 'linux', logger });
    await vault.unlock();
    await vault.set('prod-eu', TOKEN);
    const onDisk = readFileSync(file, 'utf8');
    expect(onDisk).not.toContain(TOKEN);
    expect(onDisk).not.toContain(Buffer.from(TOKEN).toString('base64').slice(0, 12));
    expect(JSON.parse(onDisk)).toMatchObject({
      version: 1,
      entries: { 'prod-eu': { data: expect.any(String) } },
    });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    // A new process (a new vault over the same file) decrypts it.
    const again = createSafeStorageVault({ file, safeStorage: storage, platform: 'linux' });
    await again.unlock();
    expect(await again.get('prod-eu')).toBe(TOKEN);
    expect(await again.get('other-key')).toBeNull();
    expect(logged.join('\n')).not.toContain(TOKEN);
  });

  it('deletes a token from the file', async () => {
    const { storage } = fakeSafeStorage();
    const vault = createSafeStorageVault({ file, safeStorage: storage, platform: 'linux' });
    await vault.set('prod-eu', TOKEN);
    await vault.set('staging', 'tok_stg_123456');
    await vault.delete('prod-eu');
    expect(await vault.get('prod-eu')).toBeNull();
    expect(Object.keys(JSON.parse(readFileSync(file, 'utf8')).entries)).toEqual(['staging']);
  });

  it('Linux without a keyring (basic_text): saves tokens once unlocked, and reports them as weak', async () => {
    const { storage } = fakeSafeStorage({ backend: 'basic_text' });
    const vault = createSafeStorageVault({ file, safeStorage: storage, platform: 'linux' });
    // Electron's rule: before the opt-in, basic_text counts as no encryption at all.
    expect(vault.status().backend).toBe('unavailable');
    await vault.unlock();
    await vault.set('prod-eu', TOKEN);
    expect(await vault.get('prod-eu')).toBe(TOKEN);
    expect(readFileSync(file, 'utf8')).not.toContain(TOKEN);
    expect(vault.status()).toEqual({ backend: 'basic_text', weak: true });
    expect(vault.statusNotice()).toMatchObject({
      id: 'secrets-weak',
      level: 'warning',
      text: expect.stringMatching(/basic_text.*Install GNOME Keyring or KWallet/),
    });
  });

  it('reports a real keyring, the macOS keychain and DPAPI as strong, without a notice', () => {
    expect(
      createSafeStorageVault({
        file,
        safeStorage: fakeSafeStorage({ backend: 'kwallet6' }).storage,
        platform: 'linux',
      }).status(),
    ).toEqual({ backend: 'kwallet6', weak: false });
    const mac = createSafeStorageVault({ file, safeStorage: fakeSafeStorage().storage, platform: 'darwin' });
    expect(mac.status()).toEqual({ backend: 'keychain', weak: false });
    expect(mac.statusNotice()).toBeNull();
    expect(
      createSafeStorageVault({ file, safeStorage: fakeSafeStorage().storage, platform: 'win32' }).status()
        .backend,
    ).toBe('dpapi');
  });

  it('refuses to store anything when encryption is unavailable, without echoing the token', async () => {
    const { storage, calls } = fakeSafeStorage({ available: false });
    const vault = createSafeStorageVault({ file, safeStorage: storage, platform: 'linux' });
    const err = await vault.set('prod-eu', TOKEN).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultError);
    expect((err as Error).message).toMatch(/not available .* not saved/);
    expect((err as Error).message).not.toContain(TOKEN);
    expect(calls).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
    expect(vault.status()).toEqual({ backend: 'unavailable', weak: true });
    expect(vault.statusNotice()?.level).toBe('error');
  });

  it('returns null (and logs the key id only) for a token encrypted elsewhere', async () => {
    await createSafeStorageVault({
      file,
      safeStorage: fakeSafeStorage({ machine: 1 }).storage,
      platform: 'linux',
    }).set('prod-eu', TOKEN);
    const other = createSafeStorageVault({
      file,
      safeStorage: fakeSafeStorage({ machine: 2 }).storage,
      platform: 'linux',
      logger,
    });
    expect(await other.get('prod-eu')).toBeNull();
    expect(logged.join('\n')).toMatch(/could not be decrypted.*prod-eu/);
  });

  it('moves a damaged secrets file aside and says the tokens must be entered again', async () => {
    writeFileSync(file, '{"version":1,"entries":{"prod-eu":');
    const vault = createSafeStorageVault({
      file,
      safeStorage: fakeSafeStorage().storage,
      platform: 'linux',
      now: () => 0,
    });
    const notices = await vault.unlock();
    expect(notices).toEqual([expect.objectContaining({ id: 'secrets-corrupt', level: 'error' })]);
    expect(readdirSync(dir)).toEqual(['secrets.corrupt-1970-01-01T00-00-00-000Z.json']);
    await vault.set('prod-eu', TOKEN);
    expect(await vault.get('prod-eu')).toBe(TOKEN);
  });

  it('uses the async API when the runtime has it, and re-encrypts when the OS rotated the key', async () => {
    const { storage, calls } = fakeSafeStorage();
    let rotate = true;
    const asyncStorage: SafeStorageLike = {
      ...storage,
      isAsyncEncryptionAvailable: async () => true,
      encryptStringAsync: async (s) => {
        calls.push('encryptStringAsync');
        return storage.encryptString(s);
      },
      decryptStringAsync: async (b) => {
        calls.push('decryptStringAsync');
        const result = storage.decryptString(b);
        const shouldReEncrypt = rotate;
        rotate = false;
        return { result, shouldReEncrypt };
      },
    };
    const vault = createSafeStorageVault({ file, safeStorage: asyncStorage, platform: 'linux' });
    await vault.set('prod-eu', TOKEN);
    const fresh = createSafeStorageVault({ file, safeStorage: asyncStorage, platform: 'linux' });
    expect(await fresh.get('prod-eu')).toBe(TOKEN);
    // Sync calls only happen inside the fake's async wrappers.
    expect(calls.filter((c) => c.endsWith('Async'))).toEqual([
      'encryptStringAsync',
      'decryptStringAsync',
      'encryptStringAsync',
    ]);
    expect(calls.filter((c) => !c.endsWith('Async')).length).toBe(3);
    expect(readFileSync(file, 'utf8')).not.toContain(TOKEN);
  });

  it('keeps every write when several happen at once', async () => {
    const vault = createSafeStorageVault({ file, safeStorage: fakeSafeStorage().storage, platform: 'linux' });
    await Promise.all(Array.from({ length: 10 }, (_, i) => vault.set(`key-${i}0`, `tok_${i}_secret`)));
    const fresh = createSafeStorageVault({ file, safeStorage: fakeSafeStorage().storage, platform: 'linux' });
    for (let i = 0; i < 10; i++) expect(await fresh.get(`key-${i}0`)).toBe(`tok_${i}_secret`);
    expect(readdirSync(dir)).toEqual(['secrets.json']); // no temp files left behind
  });

  it('refuses an invalid key id or an empty token', async () => {
    const vault = createSafeStorageVault({ file, safeStorage: fakeSafeStorage().storage, platform: 'linux' });
    await expect(vault.set('../../etc/passwd', TOKEN)).rejects.toBeInstanceOf(VaultError);
    await expect(vault.set('prod-eu', '')).rejects.toBeInstanceOf(VaultError);
  });
});
