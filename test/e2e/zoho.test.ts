// A Zoho CRM key end to end: the built renderer in Debian's Chromium, the REAL service behind the test
// bridge, the Zoho simulator (accounts server and CRM API) on loopback. The user adds the key with a
// self client's Client ID, client secret and refresh token; the simulator's clock moves past the access
// token's hour; Headroom refreshes and keeps monitoring; the refresh token is revoked; Headroom says so
// once (one notice, one notification). Screenshots go to test-output/screenshots.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { AlertMessage } from '../../electron/core/alerts/types';
import type { HeadroomService } from '../../electron/service/service-types';
import { ManualClock } from '../../electron/simulator/clock';
import { startZohoSimulator, type RunningZohoSimulator } from '../../electron/simulator/zoho/server';
import { requireSystem } from '../support/system';
import { startBridge, type Bridge } from './bridge';
import { axeViolations, buildRenderer, launchChromium, openPage, screenshot, tearDown } from './harness';
import { startMemoryService } from '../support/memory-service';

const system = requireSystem('e2e zoho', ['chromium'], 'sudo apt-get install chromium');
const HOUR = 3_600_000;

describe.skipIf(!system.available)(
  'a Zoho key in Chromium against the real service and the Zoho simulator',
  () => {
    let renderer: Awaited<ReturnType<typeof buildRenderer>>;
    let sim: RunningZohoSimulator;
    let clock: ManualClock;
    let service: HeadroomService;
    let bridge: Bridge;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    const delivered: AlertMessage[] = [];
    let pageErrors: string[] = [];

    beforeAll(async () => {
      clock = new ManualClock(Date.now());
      [renderer, sim, browser] = await Promise.all([
        buildRenderer(),
        startZohoSimulator({ clock, orgs: [{ dataCentre: 'eu', edition: 'professional', users: 12 }] }),
        launchChromium(),
      ]);
      service = await startMemoryService({
        notifier: {
          name: 'recording',
          async deliver(msg) {
            delivered.push(msg);
            return { ok: true };
          },
        },
      });
      bridge = await startBridge({ root: renderer.dir, service });
      ({
        context,
        page,
        errors: pageErrors,
      } = await openPage(browser, {
        viewport: { width: 360, height: 640 },
      }));
      await page.goto(bridge.url);
    }, 120_000);

    afterEach(async (ctx) => {
      if (ctx.task.result?.state === 'fail' && page)
        await screenshot(
          page,
          `failed-zoho-${ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 40)}`,
        ).catch(() => {});
    });

    afterAll(() => tearDown({ context, browser, bridge, service, sim, renderer }));

    const card = () =>
      page.locator('article.card', { has: page.getByRole('heading', { name: 'CRM sync', exact: true }) });

    it('adds a Zoho key with a self client’s secrets, tests it and saves it', async () => {
      const org = sim.orgs[0]!;
      await page.getByRole('button', { name: 'Add a key' }).click();
      await page.getByLabel('Name').fill('CRM sync');
      await page.getByLabel('Zoho CRM').check();
      await page.getByLabel('Data centre').selectOption('eu');
      await page.getByLabel('Client ID').fill(org.clientId);
      await page.getByLabel('Client secret').fill(org.clientSecret);
      await page.getByLabel('Refresh token').fill(org.refreshToken);
      await page.getByText('Proxy or simulator').click();
      await page.getByLabel('API base URL').fill(sim.apiUrl('eu'));
      await page.getByLabel('Accounts server URL').fill(sim.accountsUrl('eu'));
      await page.getByLabel('Edition').selectOption('professional');
      await page.getByLabel('User licences').fill('12');
      // A rolling 24-hour window: no renewal day to ask for.
      await expect.poll(() => page.getByLabel('Cycle renews on day').count()).toBe(0);
      await page.getByRole('button', { name: 'Test key' }).click();
      await page
        .getByText(/OK \(200\)/)
        .first()
        .waitFor();
      await page.getByText(/Zoho sends no quota headers/).waitFor();
      await screenshot(page, 'zoho-add-key');
      expect(await axeViolations(page)).toEqual([]);
      await page.getByRole('button', { name: 'Save' }).click();
      await card().waitFor();
      await expect.poll(() => service.getState().keys[0]?.lastProbe?.outcome).toBe('ok');
      const html = await page.content();
      for (const secret of [org.clientSecret, org.refreshToken]) expect(html).not.toContain(secret);
    });

    it('keeps monitoring when the access token expires on the simulator’s clock', async () => {
      const org = sim.orgs[0]!;
      // A first probe of the saved key: it gets its own access token.
      await card()
        .getByRole('button', { name: /Details of CRM sync/ })
        .click();
      await card().getByRole('button', { name: 'Probe now' }).click();
      await expect.poll(() => org.truth().apiCalls).toBe(2);
      await expect.poll(() => service.getState().keys[0]?.probing).toBe(false);
      const before = org.truth().refreshes;
      const callsBefore = org.truth().apiCalls;
      // Two hours pass for Zoho: the cached access token is dead there, though Headroom's clock says otherwise.
      clock.advance(2 * HOUR);
      await card().getByRole('button', { name: 'Probe now' }).click();
      await expect.poll(() => org.truth().apiCalls).toBe(callsBefore + 1);
      await expect.poll(() => service.getState().keys[0]?.probing).toBe(false);
      const k = service.getState().keys[0]!;
      expect(k.lastProbe?.outcome).toBe('ok');
      expect(k.status).not.toBe('error');
      // One 401 on the stale token, one refresh, one retry that worked.
      expect(org.truth().refused.unauthorized).toBe(1);
      expect(org.truth().refreshes).toBe(before + 1);
      await expect.poll(() => card().textContent()).toMatch(/OAuth token refreshes are not API credits/);
      await screenshot(page, 'zoho-after-refresh');
      expect(delivered).toEqual([]);
    });

    it('says once, clearly, when the refresh token is revoked', async () => {
      const org = sim.orgs[0]!;
      org.revoke();
      for (let i = 0; i < 3; i++) {
        await card().getByRole('button', { name: 'Probe now' }).click();
        await expect.poll(() => service.getState().keys[0]?.lastProbe?.outcome).toBe('unauthorized');
      }
      const notices = page.getByRole('list', { name: 'Notices' }).getByRole('listitem');
      await expect.poll(() => notices.count()).toBe(1);
      expect(await notices.first().textContent()).toMatch(
        /CRM sync: Zoho no longer accepts the refresh token/,
      );
      await expect.poll(() => card().textContent()).toMatch(/Zoho refused the OAuth credentials/);
      expect(delivered).toHaveLength(1);
      expect(delivered[0]).toMatchObject({
        title: 'CRM sync: Zoho stopped issuing access tokens',
        urgency: 'critical',
      });
      expect(org.truth().refused.tokenErrors).toBe(1);
      await screenshot(page, 'zoho-revoked');
      expect(await axeViolations(page)).toEqual([]);
      expect(pageErrors).toEqual([]);
    });
  },
);
