// The built renderer under its own CSP (no 'unsafe-eval') in Chromium: validating a form runs zod,
// whose first object parse would probe `new Function` unless zod is configured jitless before any
// schema runs. Chromium reports that as a CSP violation (a console error in Electron); the page's
// `securitypolicyviolation` events are collected by an init script, which the CSP does not cover.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadroomService } from '../../electron/service/service-types';
import { requireSystem } from '../support/system';
import { startBridge, type Bridge } from '../e2e/bridge';
import { buildRenderer, launchChromium } from '../e2e/harness';
import { startMemoryService } from '../support/memory-service';

const system = requireSystem('renderer CSP', ['chromium'], 'sudo apt-get install chromium');

describe.skipIf(!system.available)('the renderer under its CSP', () => {
  let renderer: Awaited<ReturnType<typeof buildRenderer>>;
  let service: HeadroomService;
  let bridge: Bridge;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [renderer, browser] = await Promise.all([buildRenderer(), launchChromium()]);
    service = await startMemoryService();
    bridge = await startBridge({ root: renderer.dir, service });
    const context = await browser.newContext();
    await context.addInitScript({
      content: `window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));`,
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(bridge.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await bridge?.close();
    await service?.stop();
    await renderer?.cleanup();
  });

  it('validates a key form without tripping the CSP (zod runs jitless)', async () => {
    await page.getByRole('button', { name: 'Add a key' }).first().click();
    await page.getByRole('button', { name: 'Save' }).click();
    // The form answered: zod's messages are on screen.
    await expect.poll(() => page.locator('[aria-invalid="true"]').count()).toBeGreaterThan(0);
    expect(JSON.stringify(await page.evaluate('window.__csp'))).toBe('[]');
  });
});
