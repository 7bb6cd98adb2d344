// Settings and state on disk through the real repositories (crash-safe writes) in a temp folder:
// round trips, v0 migration with tokens moved into the vault, a corrupted file backed up beside
// itself with defaults loaded and the user told, newer files kept, history bounded.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../electron/core/config/settings';
import { MemoryVault } from '../../electron/service/memory';
import type { SecretVault } from '../../electron/service/ports';
import { createSettingsRepository, createStateRepository } from '../../electron/storage/repositories';

const NOW = Date.parse('2026-11-23T12:00:00Z');

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-store-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const files = () => readdirSync(dir).sort();
const settingsRepo = (vault: SecretVault = new MemoryVault()) =>
  createSettingsRepository({ dir, vault, now: () => NOW });

describe('settings repository', () => {
  it('starts from defaults on a fresh install, and keeps what is saved', async () => {
    const repo = settingsRepo();
    const first = await repo.load();
    expect(first).toEqual({ settings: defaultSettings(), notices: [] });
    const changed = { ...first.settings, theme: 'dark' as const, launchAtLogin: true };
    await repo.save(changed);
    const again = await settingsRepo().load();
    expect(again.settings).toEqual(changed);
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toMatchObject({
      schemaVersion: 1,
      theme: 'dark',
    });
  });

  it('refuses to save invalid settings, leaving the file as it was', async () => {
    const repo = settingsRepo();
    await repo.load();
    await repo.save({ ...defaultSettings(), theme: 'dark' });
    await expect(repo.save({ ...defaultSettings(), theme: 'neon' as 'dark' })).rejects.toThrow();
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')).theme).toBe('dark');
  });

  it('backs up a corrupted file beside itself, loads defaults and tells the user', async () => {
    const garbage = '{"schemaVersion": 1, "keys": [ {"name": "Prod"'; // cut off mid-write
    writeFileSync(join(dir, 'config.json'), garbage);
    const { settings, notices } = await settingsRepo().load();
    expect(settings).toEqual(defaultSettings());
    const backup = files().find((f) => /^config\.corrupt-.*\.json$/.test(f));
    expect(backup).toBeDefined();
    expect(readFileSync(join(dir, backup!), 'utf8')).toBe(garbage); // the bytes as they were
    expect(notices).toEqual([
      expect.objectContaining({
        id: 'config-corrupt',
        level: 'warning',
        text: expect.stringContaining(join(dir, backup!)),
      }),
    ]);
    // The app can save again, and the next start is clean.
    expect(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'))).toMatchObject({ schemaVersion: 1 });
    expect((await settingsRepo().load()).notices).toEqual([]);
  });

  it('treats JSON that is not an object as corrupted', async () => {
    writeFileSync(join(dir, 'config.json'), '[1, 2, 3]');
    const { settings, notices } = await settingsRepo().load();
    expect(settings).toEqual(defaultSettings());
    expect(notices[0]?.id).toBe('config-corrupt');
    expect(files().some((f) => f.startsWith('config.corrupt-'))).toBe(true);
  });

  it('keeps a file from a newer Headroom as a copy and starts from defaults', async () => {
    const newer = JSON.stringify({ schemaVersion: 9, keys: [], somethingNew: true });
    writeFileSync(join(dir, 'config.json'), newer);
    const { settings, notices } = await settingsRepo().load();
    expect(settings).toEqual(defaultSettings());
    const backup = files().find((f) => f.startsWith('config.newer-v9-'));
    expect(JSON.parse(readFileSync(join(dir, backup!), 'utf8'))).toEqual(JSON.parse(newer));
    expect(notices[0]?.text).toMatch(/newer version of Headroom.*A copy of the file as it was is at/);
  });

  it('keeps the good keys of a partly damaged file and backs up the original', async () => {
    const good = { ...defaultSettings(), keys: [] as unknown[] };
    good.keys.push(
      {
        id: 'prod-eu',
        name: 'Prod',
        connection: { provider: 'voucherify', region: 'eu', appId: 'a' },
        plan: { provider: 'voucherify', plan: 'free' },
        createdAt: 1,
      },
      { id: 'BAD ID', name: 'Broken' },
    );
    writeFileSync(join(dir, 'config.json'), JSON.stringify(good));
    const { settings, notices } = await settingsRepo().load();
    expect(settings.keys.map((k) => k.id)).toEqual(['prod-eu']);
    expect(notices[0]?.text).toMatch(/One key could not be read .*"Broken"/);
    expect(files().some((f) => f.startsWith('config.corrupt-'))).toBe(true);
  });

  it('migrates a v0 file: tokens go to the vault and are gone from config.json', async () => {
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        budgetPercent: 3,
        keys: [{ name: 'Production', appId: 'app-1', token: 'tok_live_abc123', plan: 'Growth' }],
      }),
    );
    const vault = new MemoryVault();
    const { settings, notices } = await settingsRepo(vault).load();
    expect(settings.monitoring.budgetPercent).toBe(3);
    expect(await vault.get('production')).toBe('tok_live_abc123');
    const onDisk = readFileSync(join(dir, 'config.json'), 'utf8');
    expect(onDisk).not.toContain('tok_live_abc123');
    expect(JSON.parse(onDisk)).toMatchObject({
      schemaVersion: 1,
      keys: [{ id: 'production', plan: { plan: 'growth' } }],
    });
    expect(files()).toEqual(['config.json']); // no copy with the plaintext token left behind
    expect(notices).toEqual([expect.objectContaining({ id: 'settings-tokens-moved', level: 'info' })]);
  });

  it('when the vault refuses, keeps the old file (owner-only) and asks for the token again', async () => {
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ keys: [{ name: 'Production', appId: 'a', token: 'tok_live_abc123', plan: 'free' }] }),
    );
    const refusing: SecretVault = {
      get: async () => null,
      set: async () => {
        throw new Error('Encrypted storage is not available');
      },
      delete: async () => undefined,
      status: () => ({ backend: 'unavailable', weak: true }),
    };
    const { settings, notices } = await settingsRepo(refusing).load();
    expect(settings.keys).toHaveLength(1);
    expect(readFileSync(join(dir, 'config.json'), 'utf8')).not.toContain('tok_live_abc123');
    const kept = files().find((f) => f.startsWith('config.v0-'));
    expect(readFileSync(join(dir, kept!), 'utf8')).toContain('tok_live_abc123');
    if (process.platform !== 'win32') expect(statSync(join(dir, kept!)).mode & 0o777).toBe(0o600);
    const error = notices.find((n) => n.level === 'error');
    expect(error?.text).toMatch(/token for "Production" could not be saved securely; enter it again/);
    expect(error?.text).not.toContain('tok_live_abc123');
  });

  it('a corrupted v0-era backup never carries a token in JSON it could parse', async () => {
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ schemaVersion: 9, keys: [{ token: 'tok_live_zzz' }] }),
    );
    await settingsRepo().load();
    for (const f of files()) expect(readFileSync(join(dir, f), 'utf8')).not.toContain('tok_live_zzz');
  });
});

describe('state repository', () => {
  it('round-trips state and starts empty on a fresh install', async () => {
    const repo = createStateRepository({ dir, now: () => NOW });
    expect(await repo.load()).toEqual({ state: null, notices: [] });
    await repo.save({ alerts: { fired: ['a'] }, cycle: { points: [1, 2, 3] } });
    expect((await createStateRepository({ dir }).load()).state).toEqual({
      alerts: { fired: ['a'] },
      cycle: { points: [1, 2, 3] },
    });
  });

  it('keeps the observation history bounded: the newest entries survive', async () => {
    const repo = createStateRepository({ dir, bounds: { maxArrayLength: 100, maxChars: 1_000_000 } });
    await repo.load();
    const history = Array.from({ length: 5_000 }, (_, i) => ({ at: i, used: i * 2 }));
    await repo.save({ keys: { prod: { history } } });
    const { state } = await createStateRepository({ dir }).load();
    const kept = (state as { keys: { prod: { history: { at: number }[] } } }).keys.prod.history;
    expect(kept).toHaveLength(100);
    expect(kept[0]?.at).toBe(4_900);
    expect(kept.at(-1)?.at).toBe(4_999);
    expect(statSync(join(dir, 'state.json')).size).toBeLessThan(20_000);
  });

  it('holds the file under its size budget by trimming harder', async () => {
    const repo = createStateRepository({ dir, bounds: { maxArrayLength: 2_000, maxChars: 50_000 } });
    await repo.load();
    await repo.save({ history: Array.from({ length: 2_000 }, (_, i) => ({ at: i, note: 'x'.repeat(40) })) });
    expect(statSync(join(dir, 'state.json')).size).toBeLessThan(60_000);
  });

  it('backs up a corrupted state file and starts afresh, saying settings are not affected', async () => {
    writeFileSync(join(dir, 'state.json'), '\u0000\u0000garbage');
    const { state, notices } = await createStateRepository({ dir, now: () => NOW }).load();
    expect(state).toBeNull();
    expect(notices[0]?.text).toMatch(/saved state file was damaged.*settings and keys are not affected/);
    expect(files().some((f) => f.startsWith('state.corrupt-'))).toBe(true);
  });

  it('backs up a state file in an unknown format', async () => {
    writeFileSync(join(dir, 'state.json'), JSON.stringify({ schemaVersion: 4, state: {} }));
    const { state, notices } = await createStateRepository({ dir, now: () => NOW }).load();
    expect(state).toBeNull();
    expect(notices[0]?.id).toBe('state-unreadable');
    expect(files().some((f) => f.startsWith('state.newer-v4-'))).toBe(true);
  });
});
