// The service archives a cycle at renewal into the same persisted runtime state (issue 15): a state
// saved during last cycle (its tracker, its readings) is loaded after the renewal; the finished cycle
// becomes an archive record, is saved, and the History view and export show it.
import { describe, expect, it } from 'vitest';
import { cycleBounds } from '../../electron/core/cycle/bounds';
import { defaultSettings, keyConfigSchema } from '../../electron/core/config/settings';
import { MemorySettingsRepository, MemoryStateRepository } from '../../electron/service/memory';
import { type Timers } from '../../electron/service/ports';
import { emptyKeyRuntime, emptyRuntime, readRuntime } from '../../electron/service/runtime-state';
import { startMemoryService } from '../support/memory-service';

const HOUR = 3_600_000;
const held: Timers = { setTimeout: () => 0, clearTimeout: () => {} };

describe('service: cycle archive at renewal', () => {
  it('turns the last cycle into a record on the first refresh after renewal, saves it, and shows it', async () => {
    const spec = { renewalDay: 1, timeZone: 'Europe/Berlin' };
    const now = Date.parse('2027-04-02T10:00:00Z');
    const last = cycleBounds(spec, Date.parse('2027-03-15T00:00:00Z'));
    const settings = defaultSettings();
    settings.keys = [
      keyConfigSchema.parse({
        id: 'shop-key',
        name: 'Shop',
        connection: {
          provider: 'voucherify',
          region: 'custom',
          baseUrl: 'http://127.0.0.1:9',
          appId: 'a',
          clientSide: false,
        },
        plan: { provider: 'voucherify', plan: 'growth' },
        cycle: spec,
        createdAt: 1,
      }),
    ];
    const readings = [];
    for (let t = last.start; t + HOUR <= last.end; t += 4 * HOUR)
      readings.push({
        observedAt: t + HOUR - 20_000,
        limit: 2000,
        remaining: 1960,
        resetAt: t + HOUR,
        periodMs: HOUR,
      });
    const state = emptyRuntime();
    state.keys['shop-key'] = {
      ...emptyKeyRuntime(),
      readings,
      tracker: {
        start: last.start,
        end: last.end,
        alerts: 1,
        checkpoints: [
          { share: 25, at: last.start + 8 * 24 * HOUR, used: 7_000, runOutAt: null, probability: 0.1 },
        ],
      },
    };
    const repo = new MemoryStateRepository(state);
    const service = await startMemoryService({
      settings: new MemorySettingsRepository(settings),
      state: repo,
      timers: held,
      now: () => now,
    });
    const history = await service.getHistory('shop-key');
    expect(history?.cycles).toHaveLength(1);
    expect(history?.cycles[0]).toMatchObject({ start: last.start, end: last.end, alerts: 1, exact: false });
    expect(history?.trackRecord?.sentence).toMatch(/^Last cycle: run-out forecasts were within/);
    await service.stop();
    const saved = readRuntime(repo.snapshot());
    expect(saved.problem).toBeNull();
    const rt = saved.state.keys['shop-key']!;
    expect(rt.archive).toHaveLength(1);
    expect(rt.archive[0]!.daily).toHaveLength(31);
    // A new tracker for the cycle under way.
    expect(rt.tracker).toMatchObject({ start: cycleBounds(spec, now).start, alerts: 0 });
    const file = await service.exportData({ format: 'json', keyId: 'shop-key' });
    expect(file.status).toBe('download');
    if (file.status === 'download') expect(JSON.parse(file.content).cycles).toHaveLength(1);
  });
});
