// A full disk and a read-only folder, on a real small file system (tmpfs). Before the fix, conf wrote
// through atomically, which ignored a short write and renamed the partial temp file over the good one:
// config.json or state.json truncated while the save reported success; keys or history gone at the
// next start. Now the old file stays whole, the save rejects, and the service shows one clear notice.
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultSettings, type Settings } from '../../electron/core/config/settings';
import { createHeadroomService } from '../../electron/service/headroom-service';
import { MemoryVault } from '../../electron/service/memory';
import { silentLogger, type Timers } from '../../electron/service/ports';
import { startSimulator } from '../../electron/simulator/server';
import { replaceFile, StorageWriteError } from '../../electron/storage/durable-write';
import { createSettingsRepository, createStateRepository } from '../../electron/storage/repositories';
import { mountSmallFs, type SmallFs } from './small-fs';

const fs: SmallFs | null = mountSmallFs(256);
afterAll(() => fs?.unmount());

/** Fills the file system but for `leaveBytes` with a filler file; returns a function freeing it. */
function fill(dir: string, leaveBytes: number): () => void {
  const filler = join(dir, 'filler.bin');
  for (let chunk = 64 * 1024; chunk >= 512; chunk = Math.floor(chunk / 2)) {
    try {
      for (;;) writeFileSync(filler, Buffer.alloc(chunk), { flag: 'a' });
    } catch {
      // this chunk size no longer fits: try a smaller one
    }
  }
  // Free a little (from the real size: a failed append may have written part of its chunk), so a
  // save can start and then run out part-way.
  truncateSync(filler, Math.max(0, statSync(filler).size - leaveBytes));
  return () => writeFileSync(filler, '');
}

describe.skipIf(fs === null)('storage on a full disk (tmpfs)', () => {
  const dir = () => (fs as SmallFs).dir;
  const TOKEN = 'sk_test_diskfull_0123456789';

  beforeAll(() => {
    for (const f of readdirSync(dir())) if (f !== 'filler.bin') writeFileSync(join(dir(), f), '');
  });

  it('replaceFile: a write that runs out of space fails and the old file stays whole', async () => {
    const file = join(dir(), 'plain.json');
    await replaceFile(file, JSON.stringify({ good: true }));
    const free = fill(dir(), 4096);
    try {
      const big = JSON.stringify({ pad: 'x'.repeat(64 * 1024) });
      const err = await replaceFile(file, big).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageWriteError);
      expect((err as StorageWriteError).code).toBe('ENOSPC');
      expect((err as StorageWriteError).advice).toMatch(/disk .* is full \(ENOSPC\): free some space/);
      expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ good: true });
      expect(readdirSync(dir()).filter((f) => f.includes('.tmp-'))).toEqual([]);
    } finally {
      free();
    }
  });

  it('settings and state: nothing committed is lost; the service shows one notice and says what to do', async () => {
    const sim = await startSimulator({
      projects: [{ plan: 'startup', load: 'none', appId: 'app-1', appToken: TOKEN }],
    });
    const vault = new MemoryVault();
    const settings = createSettingsRepository({ dir: dir(), vault });
    const state = createStateRepository({ dir: dir() });
    const timers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };
    const service = createHeadroomService({
      settings,
      state,
      vault,
      notifier: null,
      logger: silentLogger,
      timers,
      now: Date.now,
      timeZone: 'UTC',
      demo: false,
    });
    const key = (name: string) => ({
      name,
      connection: {
        provider: 'voucherify' as const,
        region: 'custom' as const,
        baseUrl: sim.url,
        appId: 'app-1',
        clientSide: false,
      },
      secrets: { token: TOKEN },
      plan: { provider: 'voucherify' as const, plan: 'startup' as const },
      cycle: { renewalDay: 1, timeZone: 'UTC' },
      thresholds: [80, 90, 100],
    });
    try {
      await service.start();
      const first = await service.saveKey(key('Prod'));
      expect(first.ok).toBe(true);
      await service.probeNow(null);
      await service.stop(); // persists the state
      const committedSettings = readFileSync(join(dir(), 'config.json'), 'utf8');
      const committedState = readFileSync(join(dir(), 'state.json'), 'utf8');

      await service.start();
      const free = fill(dir(), 0);
      let second;
      try {
        // A second key (same project: saved anyway): the new settings file needs space there is none of.
        second = await service.saveKey({ ...key('Staging'), allowDuplicate: true });
        for (let i = 0; i < 3; i++) await service.probeNow(null);
        await service.stop();
      } finally {
        free();
      }
      expect(second.ok).toBe(false);
      expect(second.ok ? '' : second.error).toMatch(/could not save your settings: the disk .* is full/);
      expect(service.getState().notices.filter((n) => n.id === 'settings-save-failed')).toHaveLength(1);
      // The files on disk are the committed ones (or a later complete state), never a truncated one.
      expect(readFileSync(join(dir(), 'config.json'), 'utf8')).toBe(committedSettings);
      const onDisk = JSON.parse(readFileSync(join(dir(), 'state.json'), 'utf8')) as { state: unknown };
      expect(onDisk.state).toBeTruthy();
      expect(committedState.length).toBeGreaterThan(0);
      // The vault holds no token for the key that was not saved.
      const saved = (JSON.parse(committedSettings) as Settings).keys;
      expect(saved).toHaveLength(1);

      // Space again: the next start reads everything committed, and saving works.
      const again = createSettingsRepository({ dir: dir(), vault });
      const loaded = await again.load();
      expect(loaded.settings.keys.map((k) => k.name)).toEqual(['Prod']);
      await again.save({ ...loaded.settings, theme: 'dark' });
      expect((await createStateRepository({ dir: dir() }).load()).state).toBeTruthy();
    } finally {
      await service.stop();
      await sim.close();
    }
  });

  it('a read-only file system: the save rejects with advice, the file is untouched', async () => {
    const repo = createSettingsRepository({ dir: dir(), vault: new MemoryVault() });
    const { settings } = await repo.load();
    const before = readFileSync(join(dir(), 'config.json'), 'utf8');
    (fs as SmallFs).readOnly(true);
    try {
      const err = await repo.save({ ...settings, theme: 'light' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StorageWriteError);
      expect((err as StorageWriteError).code).toBe('EROFS');
      expect((err as StorageWriteError).advice).toMatch(/read-only file system/);
    } finally {
      (fs as SmallFs).readOnly(false);
    }
    expect(readFileSync(join(dir(), 'config.json'), 'utf8')).toBe(before);
    expect(existsSync(join(dir(), 'config.json'))).toBe(true);
    expect(defaultSettings().theme).toBeDefined();
  });
});
