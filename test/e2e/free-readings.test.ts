// A Free key (500 calls a cycle, 5 probes at 1 %) with two dashboard readings, end to end: the real
// simulator on steady load, the real service on a manual clock, the built renderer in Debian's
// Chromium at 360 px. The probes alone cannot measure 6 hours; the calls between the readings carry
// the forecast, so the card says when the quota runs out instead of "Forecast after a few hours".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { HeadroomService } from '../../electron/service/service-types';
import { ManualClock } from '../../electron/simulator/clock';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { requireSystem } from '../support/system';
import { startBridge, type Bridge } from './bridge';
import { buildRenderer, launchChromium, openPage, screenshot, tearDown } from './harness';
import { startMemoryService } from '../support/memory-service';

const system = requireSystem('e2e', ['chromium'], 'sudo apt-get install chromium');

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CYCLE_START = Date.parse('2026-11-01T00:00:00Z');
const CREDS = { appId: 'free-readings-app', token: 'sk_free_readings_0a1b2c3d4e' };

describe.skipIf(!system.available)('a Free key forecast from dashboard readings, in Chromium', () => {
  let renderer: Awaited<ReturnType<typeof buildRenderer>>;
  let sim: RunningSimulator;
  let service: HeadroomService;
  let bridge: Bridge;
  let browser: Browser;
  let page: Page;
  const clock = new ManualClock(CYCLE_START + HOUR - 20_000);
  let keyId = '';

  beforeAll(async () => {
    [renderer, sim, browser] = await Promise.all([
      buildRenderer(),
      startSimulator({
        clock,
        projects: [
          {
            plan: 'free',
            load: 'steady',
            appId: CREDS.appId,
            appToken: CREDS.token,
            cycleStart: CYCLE_START,
            loadFrom: CYCLE_START,
          },
        ],
      }),
      launchChromium(),
    ]);
    service = await startMemoryService({ now: () => clock.now() });
    const saved = await service.saveKey({
      name: 'Free API',
      connection: {
        provider: 'voucherify',
        region: 'custom',
        baseUrl: sim.url,
        appId: CREDS.appId,
        clientSide: false,
      },
      secrets: { token: CREDS.token },
      plan: { provider: 'voucherify', plan: 'free' },
      cycle: { renewalDay: 1, timeZone: 'UTC' },
      thresholds: [80, 90, 100],
    });
    if (!saved.ok) throw new Error('key not saved');
    keyId = saved.keyId;
    bridge = await startBridge({ root: renderer.dir, service });
    ({ page } = await openPage(browser, { timeout: 10_000 }));
  }, 180_000);

  afterAll(() => tearDown({ browser, bridge, service, sim, renderer }));

  const key = () => service.getState().keys.find((k) => k.id === keyId);

  it('runs its forecast on the calls between the readings', async () => {
    const project = sim.project(CREDS.appId)!;
    // Two probes, a day apart: two measured hours, far from the 6 the forecaster needs.
    await service.probeNow(keyId);
    clock.set(CYCLE_START + DAY + HOUR - 20_000);
    await service.probeNow(keyId);
    expect(key()?.cycle?.forecast?.status).toBe('insufficient-data');
    // Three probes are left and four hours are missing: the card asks for a reading, promising no time.
    expect(key()?.cycle?.forecast?.needsReading).toBe(true);
    await page.clock.setFixedTime(clock.now());
    await page.goto(bridge.url);
    const card = page.locator('article.card', { has: page.getByRole('heading', { name: 'Free API' }) });
    await card.getByText('Too few probes this cycle to forecast: enter a dashboard reading').waitFor();
    await screenshot(page, 'free-needs-reading-360');

    // The user reads the dashboard on day 3 and on day 8.
    clock.set(CYCLE_START + 3 * DAY);
    await service.calibrate(keyId, project.truth().cycleUsed, clock.now());
    clock.set(CYCLE_START + 8 * DAY);
    const used = project.truth().cycleUsed;
    await service.calibrate(keyId, used, clock.now());

    const f = key()!.cycle!.forecast!;
    expect(f.status).toBe('ok');
    // The forecast's pace is the readings' own: what was used by day 8, per day.
    expect(f.pacePerDay).toBeGreaterThan((used / 8) * 0.7);
    expect(f.pacePerDay).toBeLessThan((used / 8) * 1.3);

    await page.clock.setFixedTime(clock.now());
    await page.reload();
    await card.getByTestId('cycle').waitFor();
    await expect.poll(() => card.textContent()).toMatch(/runs out|lasts to renewal|chance to run out/i);
    expect(await card.textContent()).not.toMatch(/forecast after/i);
    await screenshot(page, 'free-readings-360');
  });
});
