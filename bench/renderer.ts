// The popover's weight and speed: the renderer built as it ships (Vite, production), the size of each
// asset raw and gzipped, split into what the popover loads on opening and what the forms load later;
// then, in Debian's Chromium at 360 x 520 against the real service (demo project), measured inside the
// page (performance.now, so Playwright's own overhead is not counted): navigation start to the first
// key card in the DOM, and "Add a key" to the form, cold (its chunk fetched on demand) and warm (after
// the idle prefetch). Timings are this machine's; sizes are exact.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHeadroomService } from '../electron/service/headroom-service';
import { MemorySettingsRepository, MemoryStateRepository, MemoryVault } from '../electron/service/memory';
import { realTimers, silentLogger } from '../electron/service/ports';
import { startBridge } from '../test/e2e/bridge';
import { buildRenderer, launchChromium } from '../test/e2e/harness';
import { requireSystem } from '../test/support/system';
import { table, type BenchSection } from './section';

const LOADS = 10;

// Runs in the page: records when the first key card enters the DOM (ms since navigation start).
const FIRST_CARD_PROBE = `new MutationObserver((_, obs) => {
  if (document.querySelector('article.card')) { window.__firstCard = performance.now(); obs.disconnect(); }
}).observe(document, { childList: true, subtree: true });`;

// Runs in the page: clicks "Add a key" and resolves with the ms until the form is in the DOM.
const OPEN_FORM = `new Promise((resolve) => {
  const t0 = performance.now();
  document.querySelector('button[aria-label="Add a key"]').click();
  const poll = () => (document.querySelector('form') ? resolve(performance.now() - t0) : setTimeout(poll, 1));
  poll();
})`;

const kb = (n: number) => (n / 1024).toFixed(2);

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
}

async function sizes(dir: string, print: (line: string) => void): Promise<void> {
  const html = await readFile(join(dir, 'index.html'), 'utf8');
  const assets = (await readdir(join(dir, 'assets'))).filter((f) => /\.(js|css)$/.test(f)).sort();
  const rows: (string | number)[][] = [];
  const total = { initial: [0, 0], lazy: [0, 0] };
  for (const name of assets) {
    const body = await readFile(join(dir, 'assets', name));
    const gz = gzipSync(body).length;
    const initial = html.includes(`assets/${name}`);
    const t = initial ? total.initial : total.lazy;
    t[0]! += body.length;
    t[1]! += gz;
    rows.push([
      name.replace(/-[\w-]{8}\./, '.'),
      initial ? 'on open' : 'lazy (forms)',
      kb(body.length),
      kb(gz),
    ]);
  }
  rows.push(['**on open**', '', kb(total.initial[0]!), kb(total.initial[1]!)]);
  rows.push(['**lazy**', '', kb(total.lazy[0]!), kb(total.lazy[1]!)]);
  rows.push([
    '**all JS + CSS**',
    '',
    kb(total.initial[0]! + total.lazy[0]!),
    kb(total.initial[1]! + total.lazy[1]!),
  ]);
  for (const line of table(['asset', 'loaded', 'raw KiB', 'gzip KiB'], rows)) print(line);
}

async function timings(dir: string, print: (line: string) => void): Promise<void> {
  const service = createHeadroomService({
    settings: new MemorySettingsRepository(),
    state: new MemoryStateRepository(),
    vault: new MemoryVault(),
    notifier: null,
    logger: silentLogger,
    timers: realTimers,
    now: Date.now,
  });
  await service.start();
  const bridge = await startBridge({ root: dir, service });
  const browser = await launchChromium();
  const first: number[] = [];
  const cold: number[] = [];
  const warm: number[] = [];
  try {
    for (let i = 0; i < LOADS + 1; i++) {
      for (const prefetched of [false, true]) {
        // A fresh context each time: nothing cached, as when the popover window is created.
        const context = await browser.newContext({ viewport: { width: 360, height: 520 } });
        await context.addInitScript({ content: FIRST_CARD_PROBE });
        const page = await context.newPage();
        await page.goto(bridge.url);
        await page.locator('article.card').first().waitFor();
        const card = Number(await page.evaluate('window.__firstCard'));
        if (prefetched) await page.waitForTimeout(2_000);
        const form = Number(await page.evaluate(OPEN_FORM));
        // The first round warms Chromium itself; it is not counted.
        if (i > 0) {
          if (!prefetched) first.push(card);
          (prefetched ? warm : cold).push(form);
        }
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await bridge.close();
    await service.stop();
  }
  const row = (what: string, xs: number[]) => [
    what,
    LOADS,
    quantile(xs, 0.5).toFixed(0),
    quantile(xs, 0.95).toFixed(0),
  ];
  for (const line of table(
    ['in Chromium, 360 x 520', 'runs', 'median ms', 'p95 ms'],
    [
      row('navigation start -> first key card', first),
      row('"Add a key" -> form, chunk fetched on demand', cold),
      row('"Add a key" -> form, after the idle prefetch', warm),
    ],
  ))
    print(line);
}

export const section: BenchSection = {
  title: 'Popover renderer: bundle size and time to first card',
  async run(print) {
    const built = await buildRenderer();
    try {
      await sizes(built.dir, print);
      print('');
      const system = requireSystem('bench renderer', ['chromium'], 'sudo apt-get install chromium');
      if (system.available) await timings(built.dir, print);
      else print('Chromium is not installed: timings skipped.');
    } finally {
      await built.cleanup();
    }
  },
};
