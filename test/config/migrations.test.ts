// Settings migrations: the pre-release v0 file becomes v1 with its tokens moved out; newer and
// unreadable files are refused with a notice; a partly bad file keeps what is good.
import { describe, expect, it } from 'vitest';
import { migrateSettings } from '../../electron/core/config/migrations';
import { defaultSettings, SETTINGS_VERSION } from '../../electron/core/config/settings';

const NOW = Date.parse('2026-11-23T12:00:00Z');

const v0 = {
  budgetPercent: 2.5,
  intervalMinutes: 10,
  notify: false,
  theme: 'dark',
  keys: [
    {
      name: 'Production EU',
      region: 'eu',
      appId: 'app-prod',
      token: 'tok_prod_secret',
      plan: 'Startup',
      renewalDay: 15,
      thresholds: [0.8, 0.95],
    },
    { id: 'staging', name: 'Staging', appId: 'app-stg', token: 'tok_stg_secret', plan: 'free' },
  ],
};

describe('migrateSettings', () => {
  it('turns a fresh install (no file, or an empty one) into the defaults without notices', () => {
    for (const raw of [undefined, {}]) {
      const r = migrateSettings(raw, { now: NOW });
      expect(r).toMatchObject({ outcome: 'current', notices: [], secrets: [] });
      expect(r.settings).toEqual(defaultSettings());
    }
  });

  it('migrates v0 to v1: top-level budget into monitoring, shares into percentages, tokens out', () => {
    const r = migrateSettings(structuredClone(v0), { now: NOW });
    expect(r.outcome).toBe('migrated');
    expect(r.fromVersion).toBe(0);
    expect(r.settings.schemaVersion).toBe(SETTINGS_VERSION);
    expect(r.settings.monitoring).toEqual({
      budgetPercent: 2.5,
      minIntervalMinutes: 10,
      maxIntervalHours: 12,
    });
    expect(r.settings.notifications.enabled).toBe(false);
    expect(r.settings.theme).toBe('dark');
    expect(r.settings.keys).toEqual([
      expect.objectContaining({
        id: 'production-eu',
        name: 'Production EU',
        connection: { provider: 'voucherify', region: 'eu', appId: 'app-prod', clientSide: false },
        plan: { provider: 'voucherify', plan: 'startup' },
        cycle: { renewalDay: 15, timeZone: 'UTC' },
        thresholds: [80, 95],
        createdAt: NOW,
        demo: false,
      }),
      expect.objectContaining({ id: 'staging', thresholds: [80, 90, 100] }),
    ]);
    expect(r.secrets).toEqual([
      { keyId: 'production-eu', secret: 'tok_prod_secret' },
      { keyId: 'staging', secret: 'tok_stg_secret' },
    ]);
    // The token is nowhere in the migrated settings.
    expect(JSON.stringify(r.settings)).not.toMatch(/tok_/);
  });

  it('is idempotent: migrated settings migrate to themselves', () => {
    const once = migrateSettings(structuredClone(v0), { now: NOW }).settings;
    const twice = migrateSettings(structuredClone(once), { now: NOW + 1000 });
    expect(twice.outcome).toBe('current');
    expect(twice.settings).toEqual(once);
  });

  it('gives distinct ids to v0 keys with the same name', () => {
    const r = migrateSettings(
      {
        keys: [
          { name: 'Prod', appId: 'a', plan: 'free' },
          { name: 'Prod', appId: 'b', plan: 'free' },
        ],
      },
      { now: NOW },
    );
    expect(r.settings.keys.map((k) => k.id)).toEqual(['prod', 'prod-2']);
  });

  it('refuses a file from a newer Headroom: defaults and a notice saying to update', () => {
    const r = migrateSettings({ schemaVersion: SETTINGS_VERSION + 1, keys: [] }, { now: NOW });
    expect(r.outcome).toBe('unsupported');
    expect(r.settings).toEqual(defaultSettings());
    expect(r.notices.join(' ')).toMatch(/newer version of Headroom .*update Headroom/);
  });

  it.each([
    ['a list', [1, 2, 3]],
    ['a string', 'settings'],
    ['null', null],
    ['a bad version', { schemaVersion: 'one' }],
  ])('treats %s as unreadable: defaults and a notice', (_name, raw) => {
    const r = migrateSettings(raw, { now: NOW });
    expect(r.outcome).toBe('invalid');
    expect(r.settings).toEqual(defaultSettings());
    expect(r.notices).toHaveLength(1);
  });

  it('keeps the good keys and sections of a partly damaged file, naming what it dropped', () => {
    const good = migrateSettings(structuredClone(v0), { now: NOW }).settings;
    const damaged = {
      ...good,
      monitoring: { budgetPercent: 'lots' },
      keys: [good.keys[0], { ...good.keys[1], connection: { provider: 'martian' } }, 'junk'],
    };
    const r = migrateSettings(damaged, { now: NOW });
    expect(r.outcome).toBe('recovered');
    expect(r.settings.keys.map((k) => k.id)).toEqual(['production-eu']);
    expect(r.settings.monitoring).toEqual(defaultSettings().monitoring);
    expect(r.settings.theme).toBe('dark');
    expect(r.notices.join(' ')).toMatch(/monitoring budget settings were reset/);
    expect(r.notices.join(' ')).toMatch(/2 keys could not be read .*"Staging", an unnamed key/);
  });

  it('drops the token of a v0 key that cannot be migrated, instead of keeping it anywhere', () => {
    const r = migrateSettings(
      {
        keys: [
          { name: 'Good key', appId: 'a', token: 'tok_good', plan: 'free' },
          { name: 'Bad plan', appId: 'b', token: 'tok_bad', plan: 'Platinum' },
        ],
      },
      { now: NOW },
    );
    expect(r.outcome).toBe('recovered');
    expect(r.settings.keys.map((k) => k.name)).toEqual(['Good key']);
    expect(r.secrets).toEqual([{ keyId: 'good-key', secret: 'tok_good' }]);
  });
});
