// The popover end to end: the built renderer in Debian's Chromium, talking through the test bridge to
// the REAL Headroom service (real core, real probes over loopback HTTP, real timers) and the real
// Voucherify simulator. Nothing here is canned: every figure on screen came through a probe.
// One story, in order: first run (demo) -> a dashboard reading moves the demo's forecast -> add a key by
// keyboard after testing it -> a second key -> probe now -> a 429 and its countdown -> a bad key ->
// settings -> a notification click -> delete. axe-core runs on each screen in light and dark; screenshots go to test-output/screenshots.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { HeadroomService } from '../../electron/service/service-types';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { requireSystem } from '../support/system';
import { startBridge, type Bridge } from './bridge';
import {
  axeViolations,
  buildRenderer,
  launchChromium,
  listFits,
  openPage,
  screenshot,
  tabTo,
  tearDown,
} from './harness';
import { startMemoryService } from '../support/memory-service';

const system = requireSystem('e2e', ['chromium'], 'sudo apt-get install chromium');

const PROD = { appId: 'prod-app-7c1e', token: 'sk_prod_5f1c9a0e7d3b2a41' };
const STAGING = { appId: 'stage-app-2b9d', token: 'sk_stage_8e2d4c6a0b1f3e57' };
const SECRETS = [PROD.token, STAGING.token, 'not-the-right-token-000'];

describe.skipIf(!system.available)('popover in Chromium against the real service', () => {
  let renderer: Awaited<ReturnType<typeof buildRenderer>>;
  let sim: RunningSimulator;
  let service: HeadroomService;
  let bridge: Bridge;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let pageErrors: string[] = [];

  beforeAll(async () => {
    [renderer, sim, browser] = await Promise.all([
      buildRenderer(),
      startSimulator({
        projects: [
          { plan: 'startup', load: 'none', appId: PROD.appId, appToken: PROD.token },
          { plan: 'free', load: 'none', appId: STAGING.appId, appToken: STAGING.token },
        ],
      }),
      launchChromium(),
    ]);
    service = await startMemoryService({
      demo: true,
    });
    bridge = await startBridge({ root: renderer.dir, service });
    // The documented narrowest width, and the popover window's own height (POPOVER_SIZE in shell/window).
    ({
      context,
      page,
      errors: pageErrors,
    } = await openPage(browser, { viewport: { width: 360, height: 600 } }));
    await page.goto(bridge.url);
  }, 120_000);

  // A failed step leaves a picture of what the page showed, beside the other screenshots.
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && pageErrors.length) console.error('page errors:', pageErrors);
    if (ctx.task.result?.state === 'fail' && page)
      await screenshot(page, `failed-${ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 50)}`).catch(
        () => {},
      );
  });

  afterAll(() => tearDown({ context, browser, bridge, service, sim, renderer }));

  const card = (name: string) =>
    page.locator('article.card', { has: page.getByRole('heading', { name, exact: true }) });

  async function axeBothThemes(label: string) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(page), `${label} (${scheme})`).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  }

  it("keeps zod (the forms' validation) out of what loads when the popover opens", async () => {
    // The entry bundle is what every open of the popover parses; the forms and zod load later.
    const { readdir, readFile } = await import('node:fs/promises');
    const assets = await readdir(`${renderer.dir}/assets`);
    const entry = assets.filter((f) => /^index-.*\.js$/.test(f));
    expect(entry).toHaveLength(1);
    const code = await readFile(`${renderer.dir}/assets/${entry[0]}`, 'utf8');
    expect(code).not.toMatch(/ZodError|\$ZodType/);
    const lazy = await Promise.all(
      assets
        .filter((f) => f.endsWith('.js') && !entry.includes(f))
        .map((f) => readFile(`${renderer.dir}/assets/${f}`, 'utf8')),
    );
    expect(lazy.some((c) => /ZodError|\$ZodType/.test(c))).toBe(true);
  });

  it('first run: the demo project shows real simulator figures, clearly labelled', async () => {
    await expect
      .poll(() => page.getByTestId('demo-banner').textContent())
      .toContain('Demo project: simulated Voucherify');
    const demo = card('Demo project');
    await expect
      .poll(() => demo.getByTestId('window-api_calls').textContent())
      .toMatch(/[\d,]+ \/ 2,000 left/);
    expect(await demo.locator('.card-meta').textContent()).toContain('Simulated, on this computer');
    // The demo's two simulated weeks were probed: an estimate and a forecast stand on them.
    expect(await demo.getByTestId('cycle').textContent()).toMatch(/of 30,000 used/);
    expect(await demo.getByTestId('forecast').textContent()).toMatch(
      /^(Runs out about|Lasts to renewal|\d+\s?% chance to run out)/,
    );
    expect(await listFits(page)).toBe(true);
    await screenshot(page, 'first-run');
    await axeBothThemes('first run');
  });

  it('takes a dashboard reading and the forecast moves to match it', async () => {
    // The demo has two simulated weeks of probes behind its forecast; a reading far above the estimate
    // must move both the estimate and the forecast.
    const demo = card('Demo project');
    const forecastBefore = await demo.getByTestId('forecast').textContent();
    await demo.getByRole('button', { name: 'Reading' }).click();
    await page.getByLabel('Calls used this cycle').fill('27,500');
    await axeBothThemes('dashboard reading');
    await page.getByRole('button', { name: 'Save reading' }).click();
    // The reading is the anchor; a probe of the demo that lands right after it adds the calls since
    // (its own included), so the figure may already be a little above 27,500.
    const usedNow = async () =>
      Number(
        /([\d,]+) of 30,000 used/
          .exec((await demo.locator('.cycle-used').textContent()) ?? '')?.[1]
          ?.replace(/,/g, '') ?? NaN,
      );
    await expect.poll(usedNow).toBeGreaterThanOrEqual(27_500);
    expect(await usedNow()).toBeLessThan(27_700);
    expect(await demo.getByTestId('cycle').textContent()).toContain('your reading now');
    await expect.poll(() => demo.getByTestId('forecast').textContent()).not.toBe(forecastBefore);
    expect(await demo.getByTestId('forecast').textContent()).toMatch(
      /^(Runs out about|Cycle quota used up|\d+\s?% chance to run out)/,
    );
    // The service took it as the truth: its state says the same.
    const estimate = service.getState().keys[0]!.cycle!.estimate!;
    expect(estimate.basis).toBe('dashboard');
    expect(estimate.used).toBeGreaterThanOrEqual(27_500);
    expect(estimate.used).toBeLessThan(27_700);
  });

  it('adds a key by keyboard alone: tests it first, sees what it found, saves it', async () => {
    // Escape anywhere on the list hands focus to the top of the popover; from there, Tab.
    await page.keyboard.press('Escape');
    expect(await page.locator(':focus').evaluate((el) => el.tagName)).toBe('H1');
    await tabTo(page, 'Add a key');
    await page.keyboard.press('Enter');
    // Focus lands on the form's heading; the fields follow it in tab order.
    await expect.poll(() => page.locator(':focus').textContent()).toBe('Add a key');
    await tabTo(page, 'Name');
    await page.keyboard.type('Production');
    await tabTo(page, 'Region');
    await page.keyboard.press('End'); // "Dedicated cluster (enter its URL)"
    await tabTo(page, 'Cluster base URL');
    await page.keyboard.type(sim.url);
    await tabTo(page, 'Application ID');
    await page.keyboard.type(PROD.appId);
    await tabTo(page, 'Secret key (App token)');
    await page.keyboard.type(PROD.token);
    await tabTo(page, 'Plan');
    await page.keyboard.press('Home'); // Free
    await page.keyboard.press('ArrowDown'); // Startup
    await tabTo(page, 'Test key');
    await page.keyboard.press('Enter');
    const result = page.getByTestId('test-result');
    await expect.poll(() => result.textContent(), { timeout: 10_000 }).toContain('Works');
    expect(await result.textContent()).toContain('Requests / hour: 999 / 1,000 left');
    expect(await page.getByTestId('announcer').textContent()).toMatch(/^Key works/);
    await screenshot(page, 'form');
    await axeBothThemes('key form with a test result');
    await tabTo(page, 'Save');
    await page.keyboard.press('Enter');
    // The list returns, the demo has gone, and focus is on the new key's card.
    await expect.poll(() => page.locator(':focus').getAttribute('data-testid')).toMatch(/^card-/);
    expect(await page.getByTestId('demo-banner').count()).toBe(0);
    const prod = card('Production');
    // The test probe was the first observation; nothing canned: the simulator counted one call.
    expect(await prod.getByTestId('window-api_calls').textContent()).toContain('999 / 1,000 left');
    expect(sim.project(PROD.appId)!.truth().windowUsed).toBe(1);
  });

  it('adds a second key and fits both in the popover, in light and dark', async () => {
    await page.getByRole('button', { name: 'Add a key' }).click();
    await page.getByLabel('Name').fill('Staging');
    await page.getByLabel('Region').selectOption('custom');
    await page.getByLabel('Cluster base URL').fill(sim.url);
    await page.getByLabel('Application ID').fill(STAGING.appId);
    await page.getByLabel('Secret key (App token)').fill(STAGING.token);
    await page.getByLabel('Plan').selectOption('free');
    await page.getByRole('button', { name: 'Save' }).click();
    const staging = card('Staging');
    await expect
      .poll(() => staging.getByTestId('window-api_calls').textContent(), { timeout: 10_000 })
      .toMatch(/\d+ \/ 100 left/);
    expect(await page.locator('article.card').count()).toBe(2);
    await screenshot(page, 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    // The bridge has no notifier, so an information notice says so; once read and dismissed (as a
    // user would), both cards fit, each with its early-usage note when its band is wide.
    await page.getByRole('button', { name: 'Dismiss notice' }).first().click();
    expect(await listFits(page)).toBe(true);
    await axeBothThemes('two keys');
  });

  it('probes now by keyboard, shows progress, then the new figure from the simulator', async () => {
    const prod = card('Production');
    const before = sim.project(PROD.appId)!.truth().windowUsed;
    await prod.getByRole('button', { name: 'Details of Production' }).focus();
    await tabTo(page, 'Probe now', { back: true, max: 4 });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('announcer').textContent()).toMatch(/^Production: /);
    const used = sim.project(PROD.appId)!.truth().windowUsed;
    expect(used).toBe(before + 1);
    expect(await prod.getByTestId('window-api_calls').textContent()).toContain(`${1000 - used} / 1,000 left`);
    expect(await prod.getByTestId('window-api_calls').textContent()).toContain('observed now');
  });

  it(
    'meets a 429: the card says blocked, which limit, and counts down to the retry',
    { timeout: 40_000 },
    async () => {
      // The simulator's hour is aligned to the UTC hour: never exhaust it in the last seconds before it
      // renews, or the probe would meet a fresh window.
      const toNextHour = 3_600_000 - (Date.now() % 3_600_000);
      if (toNextHour < 15_000) await new Promise((r) => setTimeout(r, toNextHour + 1_000));
      const project = sim.project(PROD.appId)!;
      project.engine.consume(1000 - project.truth().windowUsed); // the integration uses up the hour
      const prod = card('Production');
      await prod.getByRole('button', { name: 'Probe now' }).click();
      const row = prod.getByTestId('window-api_calls');
      await expect.poll(() => prod.locator('.chip').textContent(), { timeout: 10_000 }).toBe('Blocked');
      expect(await row.textContent()).toContain('Requests / hourlimit reached0 / 1,000 left');
      expect(await row.getByTestId('countdown').textContent()).toMatch(/^retry in \d{1,2}:\d{2}$/);
      // The countdown ticks: wait for the next second to show (a busy machine may delay a tick, so no
      // fixed wait; the poll fails only if it never moves).
      const first = await row.locator('.clock').textContent();
      await expect.poll(() => row.locator('.clock').textContent(), { timeout: 10_000 }).not.toBe(first);
      // The header names the worst key.
      expect(await page.getByTestId('worst').textContent()).toMatch(/^Production: Blocked/);
      await screenshot(page, 'blocked');
      // The notifier notice was dismissed in the test before: both cards, the blocked one with its
      // early-usage note, fit without scrolling.
      expect(await listFits(page)).toBe(true);
      await axeBothThemes('blocked');
    },
  );

  /** Header text that does not fit its box at 360 px (cut off or spilling out), as the user would miss it. */
  const headerCut = () =>
    page.evaluate(() => {
      const header = document.querySelector('header.top');
      if (!header) return ['no header'];
      const right = header.getBoundingClientRect().right;
      const cut: string[] = [];
      if (header.scrollWidth > header.clientWidth) cut.push('header scrolls sideways');
      for (const el of header.querySelectorAll<HTMLElement>('h1, p, p *, button')) {
        if (el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > right + 0.5)
          cut.push(el.textContent ?? '');
      }
      return cut;
    });

  it('keeps every header line whole at 360 px: the blocked headline, the snooze, quiet hours', async () => {
    expect(await page.evaluate(() => document.documentElement.clientWidth)).toBe(360);
    expect(await page.getByTestId('worst').textContent()).toMatch(/^Production: Blocked: .* · retry in /);
    const held = page.getByTestId('alerts-held');

    await service.snooze('2h');
    await expect.poll(() => page.getByRole('button', { name: 'Alerts snoozed: change' }).count()).toBe(1);
    expect(await headerCut()).toEqual([]);
    expect(await held.textContent()).toMatch(/^ ?Alerts snoozed until \d{2}:\d{2}$/);
    await screenshot(page, 'header-snoozed');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await headerCut()).toEqual([]);
    await screenshot(page, 'header-snoozed-dark');
    await axeBothThemes('header with alerts snoozed');
    await service.snooze('off');

    // The page and the service both run in UTC: quiet hours from an hour ago to two hours on.
    const hm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
    const now = Date.now();
    await service.updateSettings({
      notifications: { quietHours: { enabled: true, start: hm(now - 3_600_000), end: hm(now + 7_200_000) } },
    });
    await expect
      .poll(() => held.textContent())
      .toContain(`Quiet hours: alerts held until ${hm(now + 7_200_000)}`);
    expect(await headerCut()).toEqual([]);
    // The cards' last-probe notes ("✕ 429, 2 min ago") are whole too, with all five buttons beside them.
    const probeNotesCut = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.probe-status')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1)
        .map((el) => el.textContent ?? ''),
    );
    expect(probeNotesCut).toEqual([]);
    await screenshot(page, 'header-quiet-hours');

    // Back to the defaults, as a user who never opened them would have them (the settings step reads them).
    await service.updateSettings({
      notifications: { quietHours: { enabled: false, start: '22:00', end: '07:00' } },
    });
    await expect.poll(() => held.count()).toBe(0);
  });

  it('a bad key: the test says what is wrong and what to do; saved anyway, its card does too', async () => {
    await page.getByRole('button', { name: 'Add a key' }).click();
    await page.getByLabel('Name').fill('Marketing');
    await page.getByLabel('Region').selectOption('custom');
    await page.getByLabel('Cluster base URL').fill(sim.url);
    await page.getByLabel('Application ID').fill(STAGING.appId);
    await page.getByLabel('Secret key (App token)').fill('not-the-right-token-000');
    await page.getByRole('button', { name: 'Test key' }).click();
    const result = page.getByTestId('test-result');
    await expect.poll(() => result.textContent(), { timeout: 10_000 }).toContain('Test failed');
    expect(await result.textContent()).toContain('HTTP 401');
    expect(await result.textContent()).toContain('Check the Application ID and the secret key (App token)');
    await page.getByRole('button', { name: 'Save' }).click();
    // Staging already monitors this App ID: the form asks before a second key doubles the probes.
    const twin = page.getByTestId('duplicate-prompt');
    await expect.poll(() => twin.textContent()).toContain('“Staging” already monitors this project');
    await twin.getByRole('button', { name: 'Add anyway' }).click();
    const bad = card('Marketing');
    await expect
      .poll(() => bad.getByTestId('problem').textContent(), { timeout: 10_000 })
      .toContain('The key was rejected');
    expect(await bad.getByTestId('problem').textContent()).toContain('Check the App ID and token');
    await bad.scrollIntoViewIfNeeded();
    await screenshot(page, 'error');
    await axeBothThemes('bad key');
    // "Fix the key" opens its form, secret blank.
    await bad.getByRole('button', { name: 'Fix the key' }).click();
    expect(await page.getByLabel('Secret key (App token)').inputValue()).toBe('');
    await page.keyboard.press('Escape');
    expect(await page.locator(':focus').textContent()).toBe('Fix the key');
  });

  it('settings: saved through the service, the theme follows', async () => {
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Dark').check();
    await screenshot(page, 'settings');
    // Quiet hours are visible without ticking; the test button says what happened (no notifier here).
    expect(await page.getByLabel('From').inputValue()).toBe('22:00');
    await page.getByRole('button', { name: 'Send test notification' }).click();
    await expect
      .poll(() => page.getByTestId('test-notification-result').textContent())
      .toMatch(/^No notification service: /);
    await page.getByTestId('test-notification-result').scrollIntoViewIfNeeded();
    await screenshot(page, 'settings-notifications');
    await axeBothThemes('settings');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    expect(service.getState().settings.theme).toBe('dark');
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Follow the system').check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect
      .poll(() => page.evaluate(() => document.documentElement.dataset.theme ?? 'none'))
      .toBe('none');
  });

  it('key form: an empty field says which field and what is wrong (never "a whole number")', async () => {
    await page.getByRole('button', { name: 'Add a key' }).first().click();
    await page.getByLabel('Other API').check();
    await page.getByLabel('Auth header').fill('');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByText('Name is empty: give the key a name').count()).toBe(1);
    expect(await page.getByText(/^Auth header is empty: the header that carries the key/).count()).toBe(1);
    expect(await page.getByText('Token is empty: paste the key’s secret token').count()).toBe(1);
    expect(await page.getByText(/whole number/).count()).toBe(0);
    await page.getByText(/^Auth header is empty/).scrollIntoViewIfNeeded();
    await screenshot(page, 'form-errors');
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('a notification click opens the popover at its key', async () => {
    const id = service.getState().keys.find((k) => k.name === 'Staging')!.id;
    bridge.focus(id);
    await expect.poll(() => page.locator(':focus').getAttribute('data-testid')).toBe(`card-${id}`);
    expect(await card('Staging').getByTestId('details').count()).toBe(1);
  });

  it('deletes a key after confirmation, by keyboard', async () => {
    const bad = card('Marketing');
    const toggle = bad.getByRole('button', { name: 'Details of Marketing' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await bad.getByRole('button', { name: 'Delete key' }).focus();
    await page.keyboard.press('Enter');
    expect(await page.locator(':focus').textContent()).toBe('Keep');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => card('Marketing').count()).toBe(0);
    expect(service.getState().keys.map((k) => k.name)).toEqual(['Production', 'Staging']);
    expect(await page.getByTestId('announcer').textContent()).toBe('Marketing deleted');
  });

  it('never showed a token, and the page raised no errors or CSP refusals', async () => {
    const html = await page.content();
    for (const s of SECRETS) expect(html).not.toContain(s);
    expect(pageErrors).toEqual([]);
  });
});
