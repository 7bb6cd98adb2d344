// Values from config.json and from the UI are checked where they enter. Before: an unknown
// cycle.timeZone in a hand-edited config.json stopped Headroom from starting on every launch
// ("Headroom could not start", message `[`), and saveKey threw a raw ZodError after storing the token.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../electron/core/config/settings';
import { displayName } from '../../electron/core/text/display-name';
import { createHeadroomService } from '../../electron/service/headroom-service';
import { MemoryVault } from '../../electron/service/memory';
import { type Timers } from '../../electron/service/ports';
import { createSettingsRepository, createStateRepository } from '../../electron/storage/repositories';
import { memoryServiceDeps } from '../support/memory-service';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-validate-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const timers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };

function key(id: string, name: string, timeZone: string) {
  return {
    id,
    name,
    connection: { provider: 'voucherify', region: 'eu', appId: `app-${id}` },
    plan: { provider: 'voucherify', plan: 'startup' },
    cycle: { renewalDay: 5, timeZone },
    thresholds: [80, 90, 100],
    createdAt: 1,
  };
}

function service(vault = new MemoryVault()) {
  return createHeadroomService(
    memoryServiceDeps({
      settings: createSettingsRepository({ dir, vault }),
      state: createStateRepository({ dir }),
      vault,
      timers,
    }),
  );
}

describe('config.json with a bad value', () => {
  it('an unknown time zone sets that one key aside with a notice; Headroom starts with the others', async () => {
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        ...defaultSettings(),
        keys: [key('good-key', 'Prod', 'Europe/Warsaw'), key('mars-key', 'Rover', 'Mars/Olympus_Mons')],
      }),
    );
    const svc = service();
    await svc.start();
    try {
      const state = svc.getState();
      expect(state.keys.map((k) => k.name)).toEqual(['Prod']);
      const notice = state.notices.find((n) => /Rover/.test(n.text));
      expect(notice?.level).toBe('warning');
      expect(notice?.text).toMatch(/A copy of the file as it was is at/);
    } finally {
      await svc.stop();
    }
  });

  it('names with NUL, line breaks and bidi overrides are shown clean', async () => {
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({
        ...defaultSettings(),
        keys: [key('odd-name', 'Pay\u0000ments\nAPI \u202egnp.exe\u202c', 'UTC')],
      }),
    );
    const svc = service();
    await svc.start();
    try {
      expect(svc.getState().keys[0]?.name).toBe('Pay ments API gnp.exe');
    } finally {
      await svc.stop();
    }
    expect(displayName('\u200fA\u0007\tB\u2066')).toBe('A B');
  });
});

describe('saveKey with a bad value', () => {
  it('an unknown zone is a clear error, not a ZodError, and nothing is stored', async () => {
    const vault = new MemoryVault();
    const svc = service(vault);
    await svc.start();
    try {
      const r = await svc.saveKey({
        name: 'Prod',
        connection: { provider: 'voucherify', region: 'eu', appId: 'app-1', clientSide: false },
        secrets: { token: 'sk_test_zone_0123456789' },
        plan: { provider: 'voucherify', plan: 'startup' },
        cycle: { renewalDay: 1, timeZone: 'Europe/Atlantis' },
        thresholds: [80, 90, 100],
      });
      expect(r.ok).toBe(false);
      expect(r.ok ? '' : r.error).toMatch(/time ?zone.*not a known IANA time zone/i);
      expect(svc.getState().keys).toEqual([]);
    } finally {
      await svc.stop();
    }
    let onDisk = '';
    try {
      onDisk = readFileSync(join(dir, 'config.json'), 'utf8');
    } catch {
      // never written: fine
    }
    expect(onDisk).not.toContain('Atlantis');
  });
});
