// Issue 16 points 3, 5 and 6 end to end: the built renderer in Debian's Chromium at 360 px, through the
// web bridge, against the real service probing the simulator. A key set to Growth on a project whose
// headers say 1,000 / hour (Startup's) is asked about its plan and switched in one click; a second key
// for the same project, with a dashboard reading above its plan's cycle limit, is asked about the
// reading and stays out of Critical; both cards name their twin. Screenshots: prompts-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { KeyInput } from '../../electron/ipc/contract';
import type { HeadroomService } from '../../electron/service/service-types';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { requireSystem } from '../support/system';
import { startBridge, type Bridge } from './bridge';
import { axeViolations, buildRenderer, launchChromium, openPage, screenshot, tearDown } from './harness';
import { startMemoryService } from '../support/memory-service';

const system = requireSystem('e2e', ['chromium'], 'sudo apt-get install chromium');
const APP = { appId: 'prompt-app-7d21', token: 'sk_prompt_5e4d3c2b1a09' };

describe.skipIf(!system.available)('key prompts in Chromium against the real service', () => {
  let renderer: Awaited<ReturnType<typeof buildRenderer>>;
  let sim: RunningSimulator;
  let service: HeadroomService;
  let bridge: Bridge;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[] = [];
  const ids: Record<string, string> = {};

  const input = (name: string, plan: 'growth' | 'startup'): KeyInput => ({
    name,
    connection: {
      provider: 'voucherify',
      region: 'custom',
      baseUrl: sim.url,
      appId: APP.appId,
      clientSide: false,
    },
    secrets: { token: APP.token },
    plan: { provider: 'voucherify', plan },
    cycle: { renewalDay: 1, timeZone: 'UTC' },
    thresholds: [80, 90, 100],
  });

  beforeAll(async () => {
    [renderer, sim, browser] = await Promise.all([
      buildRenderer(),
      startSimulator({
        projects: [{ plan: 'startup', load: 'none', appId: APP.appId, appToken: APP.token }],
      }),
      launchChromium(),
    ]);
    service = await startMemoryService();
    const a = await service.saveKey(input('Checkout', 'growth'));
    if (!a.ok) throw new Error(a.error);
    ids.a = a.keyId;
    // The second key for the same App ID is refused until the user says "add anyway".
    const refused = await service.saveKey(input('Checkout copy', 'startup'));
    expect(refused).toMatchObject({ ok: false, duplicateOf: ['Checkout'] });
    const b = await service.saveKey({ ...input('Checkout copy', 'startup'), allowDuplicate: true });
    if (!b.ok) throw new Error(b.error);
    ids.b = b.keyId;
    await service.probeNow(null);
    await service.calibrate(b.keyId, 12_500);
    bridge = await startBridge({ root: renderer.dir, service });
    ({ context, page, errors: pageErrors } = await openPage(browser));
    await page.goto(bridge.url);
  }, 120_000);

  afterAll(() => tearDown({ context, browser, bridge, service, sim, renderer }));

  it('a reading above the plan’s limit is a question, not Critical; both twins are named', async () => {
    const card = page.getByTestId(`card-${ids.b}`);
    await card.scrollIntoViewIfNeeded();
    await expect
      .poll(() => card.getByTestId('prompt-reading-above-limit').textContent())
      .toContain('Your reading (12,500) is above the Startup plan’s 10,000: is the plan right?');
    expect(await card.getAttribute('data-status')).not.toBe('critical');
    expect(await card.textContent()).not.toMatch(/used up/);
    expect(await card.getByTestId('prompt-duplicate').textContent()).toContain(
      '“Checkout” already monitors this project',
    );
    expect(await page.getByTestId(`card-${ids.a}`).getByTestId('prompt-duplicate').textContent()).toContain(
      '“Checkout copy” already monitors this project',
    );
    await screenshot(page, 'prompts-reading-above-limit');
    const state = service.getState();
    expect(state.keys.find((k) => k.id === ids.b)?.status).not.toBe('critical');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(page), `prompts (${scheme})`).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('a plan the headers contradict names the plan they fit; one click switches it', async () => {
    const card = page.getByTestId(`card-${ids.a}`);
    await card.scrollIntoViewIfNeeded();
    const prompt = card.getByTestId('prompt-plan-mismatch');
    await expect
      .poll(() => prompt.textContent())
      .toContain(
        'The API says 1,000 requests / hour, Startup’s limit, but Growth allows 2,000: is the plan Startup?',
      );
    await screenshot(page, 'prompts-plan-mismatch');
    await prompt.getByRole('button', { name: 'Switch to Startup' }).click();
    await expect.poll(() => card.getByTestId('prompt-plan-mismatch').count()).toBe(0);
    expect(service.getState().keys.find((k) => k.id === ids.a)?.planName).toBe('Startup');
    expect(pageErrors).toEqual([]);
  });
});
