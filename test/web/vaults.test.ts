// Where the web shell keeps tokens: the OS keyring when one answers, never a file; the environment
// for keys declared with tokenEnv, which the page cannot overwrite.
import { describe, expect, it } from 'vitest';
import { MemorySettingsRepository, MemoryVault } from '../../electron/service/memory';
import { defaultSettings } from '../../electron/core/config/settings';
import { declaredKeyId, parseServeConfig } from '../../electron/web/config-file';
import { withDeclaredKeys, withDeclaredTokens } from '../../electron/web/declared-keys';
import { loadKeyringBackend, openKeyringVault, type KeyringBackend } from '../../electron/web/keyring-vault';

function fakeKeyring(opts: { locked?: boolean } = {}): KeyringBackend & { items: Map<string, string> } {
  const items = new Map<string, string>();
  const check = () => {
    if (opts.locked) throw new Error("Couldn't access platform storage: AccessDenied");
  };
  return {
    items,
    get: async (a) => (check(), items.get(a) ?? null),
    set: async (a, s) => void (check(), items.set(a, s)),
    delete: async (a) => void (check(), items.delete(a)),
  };
}

describe('keyring vault', () => {
  it('stores, reads and deletes through the keyring', async () => {
    const ring = fakeKeyring();
    const vault = await openKeyringVault({ backend: ring });
    await vault.set('k-abcdef', 'sk_1');
    expect(ring.items.get('k-abcdef')).toBe('sk_1');
    expect(await vault.get('k-abcdef')).toBe('sk_1');
    await vault.delete('k-abcdef');
    expect(await vault.get('k-abcdef')).toBeNull();
    expect(vault.status()).toEqual({ backend: 'os-keyring', weak: false });
    expect(vault.statusNotice()).toBeNull();
  });

  it('where the keyring refuses access, refuses to store and says what to do instead', async () => {
    const vault = await openKeyringVault({ backend: fakeKeyring({ locked: true }) });
    await expect(vault.set('k-abcdef', 'sk_1')).rejects.toThrow(/no OS keyring.*tokenEnv/);
    expect(await vault.get('k-abcdef')).toBeNull();
    expect(vault.status().backend).toBe('unavailable');
    expect(vault.statusNotice()?.text).toMatch(/cannot be saved/);
  });

  it('loads the real binding on this platform (prebuilt in its npm package)', async () => {
    const backend = await loadKeyringBackend();
    expect(backend).not.toBeNull();
    // This machine may or may not run a Secret Service: either way opening never throws.
    const vault = await openKeyringVault({ backend });
    expect(['os-keyring', 'unavailable']).toContain(vault.status().backend);
  });
});

describe('keys declared with --config', () => {
  const env = { SHOP_TOKEN: 'sk_from_env' };
  const config = parseServeConfig(
    { keys: [{ name: 'Shop', provider: 'voucherify', appId: 'a', tokenEnv: 'SHOP_TOKEN', plan: 'free' }] },
    'f.json',
    env,
    5,
  );
  const id = declaredKeyId('Shop');

  it('take their token from the environment; the page cannot replace it; other keys use the keyring', async () => {
    const inner = new MemoryVault();
    const vault = withDeclaredTokens(inner, config, env);
    expect(await vault.get(id)).toBe('sk_from_env');
    await expect(vault.set(id, 'typed')).rejects.toThrow(/SHOP_TOKEN/);
    await vault.set('k-other1', 'sk_2');
    expect(inner.has('k-other1')).toBe(true);
  });

  it('replace stored copies, keep when each was first seen, and drop declared keys the file lost', async () => {
    const stored = defaultSettings();
    stored.keys = [
      { ...config.keys[0]!, createdAt: 1, name: 'Old name' },
      { ...config.keys[0]!, id: declaredKeyId('Gone'), name: 'Gone' },
      { ...config.keys[0]!, id: 'k-mine01', name: 'Mine' },
    ];
    const repo = withDeclaredKeys(new MemorySettingsRepository(stored), config);
    const { settings } = await repo.load();
    expect(settings.keys.map((k) => [k.id, k.name, k.createdAt])).toEqual([
      [id, 'Shop', 1],
      ['k-mine01', 'Mine', 5],
    ]);
  });
});
