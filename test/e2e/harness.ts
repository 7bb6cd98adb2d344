// What the end-to-end suite stands on: the renderer built with Vite's JS API into a temp dir, Debian's
// Chromium driven by playwright-core, axe-core run inside the page, keyboard helpers, screenshots.
import react from '@vitejs/plugin-react';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';
import { build } from 'vite';

export const SCREENSHOTS = join(process.cwd(), 'test-output', 'screenshots');

/** Builds the renderer as the app ships it (minus the Electron plugin) into a fresh temp dir. */
export async function buildRenderer(): Promise<{ dir: string; cleanup(): Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'headroom-renderer-'));
  // Vitest sets NODE_ENV=test, which Vite would honour (a development React); build what ships.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: false,
      root: join(process.cwd(), 'renderer'),
      base: './',
      logLevel: 'warn',
      plugins: [react()],
      mode: 'production',
      build: { outDir: dir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = env;
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors (a CSP refusal, a React error): a suite fails on them. */
  errors: string[];
}

/**
 * A fresh context and page as the popover shows it: 360 x 520 unless told, light scheme, en-GB, UTC,
 * reduced motion. Console errors are collected, except Chromium's note that frame-ancestors is ignored
 * in a <meta> (the header carries it).
 */
export async function openPage(
  browser: Browser,
  options: BrowserContextOptions & { timeout?: number } = {},
): Promise<OpenedPage> {
  const { timeout = 5_000, ...contextOptions } = options;
  const context = await browser.newContext({
    viewport: { width: 360, height: 520 },
    colorScheme: 'light',
    locale: 'en-GB',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
    ...contextOptions,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().includes("'frame-ancestors' is ignored")) errors.push(m.text());
  });
  return { context, page, errors };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
}

let axeSource: string | null = null;

/**
 * Runs axe-core's full rule set (contrast included) on the page as it stands. The script is evaluated
 * through the DevTools protocol, so the page's CSP stays in force for everything else.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axeSource);
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) =>
    r.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.help + ' at ' +
      v.nodes.map((n) => n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\\s+/g, ' ') + ']' : '')).join('; ')))`)) as string[];
  return violations;
}

/** Presses Tab (or Shift+Tab) until the focused element has this accessible name (label, aria-label or text). */
export async function tabTo(
  page: Page,
  name: string | RegExp,
  opts: { back?: boolean; max?: number } = {},
): Promise<void> {
  for (let i = 0; i < (opts.max ?? 60); i++) {
    await page.keyboard.press(opts.back ? 'Shift+Tab' : 'Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el) return '';
      const labelled = el.getAttribute('aria-label');
      if (labelled) return labelled;
      const id = el.id;
      const label = id ? document.querySelector(`label[for="${id}"]`)?.textContent : null;
      return (label ?? el.textContent ?? '').trim();
    });
    if (typeof name === 'string' ? focused === name : name.test(focused)) return;
  }
  throw new Error(`Tab never reached ${String(name)}`);
}

export async function screenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const path = join(SCREENSHOTS, `${name}.png`);
  // Let countdowns and transitions settle on a whole second.
  await page.waitForTimeout(350);
  await page.screenshot({ path });
  return path;
}

/** True when the key list needs no scrolling at the popover's size. */
export function listFits(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const s = document.querySelector('.scroll');
    return s !== null && s.scrollHeight <= s.clientHeight;
  });
}

interface Closable {
  close(): Promise<unknown>;
}

/**
 * Closes what an e2e suite opened, the page first and the simulator and the built renderer last;
 * whatever a failed setup never opened is skipped.
 */
export async function tearDown(opened: {
  context?: Closable | undefined;
  browser?: Closable | undefined;
  bridge?: Closable | undefined;
  service?: { stop(): Promise<unknown> } | undefined;
  sim?: Closable | undefined;
  renderer?: { cleanup(): Promise<unknown> } | undefined;
}): Promise<void> {
  await opened.context?.close();
  await opened.browser?.close();
  await opened.bridge?.close();
  await opened.service?.stop();
  await opened.sim?.close();
  await opened.renderer?.cleanup();
}
