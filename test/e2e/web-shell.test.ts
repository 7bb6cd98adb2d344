// Headroom in the browser, as `npm start` without Electron and `serve` run it: the product web shell
// (electron/web/shell: conf stores in a data folder, the keyring vault, the HTTP surface) with the
// built popover, in Debian's Chromium. The printed address opens the demo; the token leaves the
// address bar; the tab's title and favicon carry the tray's glance; snooze goes through the service;
// without the secret the page is refused. Screenshots go to test-output/screenshots.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebShell, type WebShell } from '../../electron/web/shell';
import { generateToken } from '../../electron/web/security';
import { silentLogger } from '../../electron/service/ports';
import { requireSystem } from '../support/system';
import { buildRenderer, launchChromium, openPage, SCREENSHOTS, screenshot } from './harness';

const system = requireSystem('e2e web shell', ['chromium'], 'sudo apt-get install chromium');

describe.skipIf(!system.available)('the web shell in Chromium', () => {
  let renderer: Awaited<ReturnType<typeof buildRenderer>>;
  let browser: Browser;
  let shell: WebShell;
  let page: Page;
  let data: string;
  const token = generateToken();
  let pageErrors: string[] = [];

  beforeAll(async () => {
    data = await mkdtemp(join(tmpdir(), 'headroom-web-e2e-'));
    [renderer, browser] = await Promise.all([buildRenderer(), launchChromium()]);
    // No keyring here (keyring: null): the page must say tokens cannot be saved, and still work.
    shell = await startWebShell({
      dataDir: data,
      rendererDir: renderer.dir,
      token,
      keyring: null,
      logger: silentLogger,
      env: {},
    });
    ({ page, errors: pageErrors } = await openPage(browser, { timeout: 10_000 }));
  }, 120_000);

  afterAll(async () => {
    await shell?.stop();
    await browser?.close();
    await renderer?.cleanup();
    if (data) await rm(data, { recursive: true, force: true });
  });

  it('refuses the page without the secret', async () => {
    const res = await page.goto(shell.server.url);
    expect(res?.status()).toBe(401);
    await expect(page.getByRole('heading', { name: 'Headroom needs its secret' }).isVisible()).resolves.toBe(
      true,
    );
  });

  it('opens the printed address on the demo, and drops the token from the address bar', async () => {
    const res = await page.goto(`${shell.server.url}/?token=${token}`);
    expect(res?.status()).toBe(200);
    await page.getByText('Demo project').first().waitFor();
    expect(page.url()).toBe(`${shell.server.url}/`);
    const cookies = await page.context().cookies();
    expect(cookies.map((c) => [c.httpOnly, c.sameSite])).toEqual([[true, 'Strict']]);
    expect(JSON.stringify(cookies)).not.toContain(token);
    await screenshot(page, 'web-shell-demo');
  });

  it('shows the status and the tightest key in the title, and the tray icon as favicon', async () => {
    await expect.poll(() => page.title()).toMatch(/ · Demo project — Headroom$/);
    const state = shell.service.getState();
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    expect(href).toMatch(new RegExp(`^/favicon\\.png\\?status=${state.status}&level=\\d+$`));
    const icon = await page.request.get(`${shell.server.url}${href}`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toBe('image/png');
    await writeFile(join(SCREENSHOTS, 'web-shell-favicon.png'), await icon.body());
  });

  it('says tokens cannot be saved where no keyring answers', async () => {
    await page
      .getByText(/No OS keyring answers here/)
      .first()
      .waitFor();
  });

  it('snoozes alerts through the service, and the page follows', async () => {
    await page.getByRole('button', { name: 'Snooze alerts' }).click();
    await page.getByRole('button', { name: '1 hour' }).click();
    await expect.poll(() => shell.service.getState().snooze.until ?? 0).toBeGreaterThan(Date.now());
    await page
      .getByText(/Alerts snoozed until/)
      .first()
      .waitFor();
    await screenshot(page, 'web-shell-snoozed');
  });

  it('a restarted server (new secret) is explained, not a silent failure', async () => {
    // Drop the session: the next action must say to reopen the printed address.
    await page.context().clearCookies();
    await page.getByRole('button', { name: 'Alerts snoozed: change' }).click();
    await page.getByRole('button', { name: '2 hours' }).click();
    await page
      .getByText(/open the address it printed again/)
      .first()
      .waitFor();
    await screenshot(page, 'web-shell-session-lost');
  });

  it('raised no page errors beyond the refused request', () => {
    expect(pageErrors.filter((e) => !/401|Unauthorized/.test(e))).toEqual([]);
  });
});
