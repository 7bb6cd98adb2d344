// A new user's first day, end to end: a Startup key (1,000 an hour, 10,000 a cycle) added on day 10 of
// its cycle, against the real simulator on weekday (diurnal) load and the REAL service, on a manual
// clock driven hour by hour; the popover rendered by the built renderer in Debian's Chromium at the
// documented 360 px. No Critical and no notification in the first day (the cycle is not anchored:
// only the band's low end may alert); after a dashboard reading, two used-up hours (429s) raise the
// cycle figure by their limits. Screenshots go to test-output/screenshots.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertMessage, DeliveryOutcome } from '../../electron/core/alerts/types';
import { ManualClock } from '../../electron/simulator/clock';
import { requireSystem } from '../support/system';
import { screenshot } from './harness';
import { openSimulatorPage, type SimulatorPage } from './simulator-page';

const system = requireSystem('e2e', ['chromium'], 'sudo apt-get install chromium');

const HOUR = 3_600_000;
const CYCLE_START = Date.parse('2026-11-01T00:00:00Z');
// Day 10, 13:00 UTC: the afternoon climb of a weekday, the case that used to turn into "Critical".
const ADDED = CYCLE_START + 9 * 24 * HOUR + 13 * HOUR;
const CREDS = { appId: 'first-cycle-app', token: 'sk_first_cycle_0a1b2c3d4e5f' };

describe.skipIf(!system.available)('the first cycle in Chromium against the real service', () => {
  const clock = new ManualClock(ADDED);
  const sent: AlertMessage[] = [];
  let opened: SimulatorPage;

  beforeAll(async () => {
    opened = await openSimulatorPage({
      clock,
      project: { plan: 'startup', load: 'diurnal', cycleStart: CYCLE_START },
      key: { name: 'Shop API', ...CREDS },
      service: {
        notifier: {
          name: 'recorder',
          deliver: async (m: AlertMessage): Promise<DeliveryOutcome> => {
            sent.push(m);
            return { ok: true };
          },
        },
      },
    });
  }, 180_000);

  afterAll(() => opened?.close());

  const key = () => opened.service.getState().keys.find((k) => k.id === opened.keyId);

  it('shows no Critical and sends no notification in its first day', async () => {
    const { service, keyId, sim, page, bridge } = opened;
    for (let h = 0; h < 24; h++) {
      // A probe just before each hour ends, as the scheduler places them.
      clock.set(ADDED + (h + 1) * HOUR - 20_000);
      await service.probeNow(keyId);
      expect(key()?.status, `hour ${h + 1}`).not.toBe('critical');
    }
    // Alert rounds run after each probe; let the last one finish.
    await new Promise((r) => setTimeout(r, 200));
    expect(sent).toEqual([]);
    const k = key()!;
    expect(k.cycle?.anchored).toBe(false);
    const truth = sim.project(CREDS.appId)!.truth().cycleUsed;
    expect(k.cycle!.estimate!.low).toBeLessThanOrEqual(truth);
    expect(k.cycle!.estimate!.high).toBeGreaterThanOrEqual(truth);

    // The page's clock is the service's (else the card reads "observed 20 days ago").
    await page.clock.setFixedTime(clock.now());
    await page.goto(bridge.url);
    const card = page.locator('article.card', { has: page.getByRole('heading', { name: 'Shop API' }) });
    await card.getByTestId('unanchored').waitFor();
    expect(await card.locator('.chip').textContent()).not.toMatch(/critical/i);
    await screenshot(page, 'first-cycle-day-one-360');
  });

  it('counts two used-up hours by their limits after a dashboard reading', async () => {
    const { service, keyId, sim, page } = opened;
    const project = sim.project(CREDS.appId)!;
    const start = ADDED + 24 * HOUR; // the hour after the first day
    clock.set(start + 60_000);
    const reading = project.truth().cycleUsed;
    await service.calibrate(keyId, reading, clock.now());
    for (let h = 0; h < 2; h++) {
      // The integration uses the rest of the hour; the probe near its end meets a 429.
      const busy = start + h * HOUR + 30 * 60_000;
      clock.set(busy);
      const call = {
        method: 'GET',
        path: '/v1/vouchers?limit=1',
        headers: { 'x-app-id': CREDS.appId, 'x-app-token': CREDS.token },
      } as const;
      for (let i = 0; i < 1_100; i++) project.answerAt(busy, call);
      clock.set(start + (h + 1) * HOUR - 20_000);
      await service.probeNow(keyId);
    }
    const e = key()!.cycle!.estimate!;
    const truth = project.truth().cycleUsed;
    expect(truth - reading).toBeGreaterThanOrEqual(2 * 900);
    expect(e.used - reading).toBeGreaterThanOrEqual(1_500);
    expect(e.low).toBeLessThanOrEqual(truth);
    expect(e.high).toBeGreaterThanOrEqual(truth);
    await page.clock.setFixedTime(clock.now());
    await page.reload();
    await page.getByTestId('cycle').first().waitFor();
    await screenshot(page, 'first-cycle-used-up-hours-360');
  });
});
