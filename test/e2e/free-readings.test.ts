// A Free key (500 calls a cycle, 5 probes at 1 %) with two dashboard readings, end to end: the real
// simulator on steady load, the real service on a manual clock, the built renderer in Debian's
// Chromium at 360 px. The probes alone cannot measure 6 hours; the calls between the readings carry
// the forecast, so the card says when the quota runs out instead of "Forecast after a few hours".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../electron/simulator/clock';
import { requireSystem } from '../support/system';
import { screenshot } from './harness';
import { openSimulatorPage, type SimulatorPage } from './simulator-page';

const system = requireSystem('e2e', ['chromium'], 'sudo apt-get install chromium');

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CYCLE_START = Date.parse('2026-11-01T00:00:00Z');
const CREDS = { appId: 'free-readings-app', token: 'sk_free_readings_0a1b2c3d4e' };

describe.skipIf(!system.available)('a Free key forecast from dashboard readings, in Chromium', () => {
  const clock = new ManualClock(CYCLE_START + HOUR - 20_000);
  let opened: SimulatorPage;

  beforeAll(async () => {
    opened = await openSimulatorPage({
      clock,
      project: { plan: 'free', load: 'steady', cycleStart: CYCLE_START },
      key: { name: 'Free API', ...CREDS },
    });
  }, 180_000);

  afterAll(() => opened?.close());

  const key = () => opened.service.getState().keys.find((k) => k.id === opened.keyId);

  // Two page loads in Chromium: 3 s alone, 9 s beside another browser suite on two cores.
  it('runs its forecast on the calls between the readings', async () => {
    const { service, keyId, page, bridge } = opened;
    const project = opened.sim.project(CREDS.appId)!;
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
  }, 60_000);
});
