// The History view end to end (issue 15): the built renderer in Debian's Chromium, through the test
// bridge, against the real service whose saved state holds four finished cycles (made by the real
// archive code from probe-like readings) and the current one. The page shows the bars, the forecast's
// track record and the same-point comparison, passes axe in light and dark, and Export… downloads a
// CSV that reads back to exactly the service's JSON export.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { readFile } from 'node:fs/promises';
import { cycleBounds } from '../../electron/core/cycle/bounds';
import { defaultSettings, keyConfigSchema } from '../../electron/core/config/settings';
import { archiveCycle, type CycleRecord } from '../../electron/core/history/archive';
import { parseCsv } from '../../electron/export/formats';
import { MemorySettingsRepository, MemoryStateRepository, MemoryVault } from '../../electron/service/memory';
import { emptyKeyRuntime, emptyRuntime } from '../../electron/service/runtime-state';
import type { HeadroomService } from '../../electron/service/service-types';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { requireSystem } from '../support/system';
import { startBridge, type Bridge } from './bridge';
import { axeViolations, buildRenderer, launchChromium, openPage, screenshot, tearDown } from './harness';
import { startMemoryService } from '../support/memory-service';

const system = requireSystem('e2e', ['chromium'], 'sudo apt-get install chromium');
const HOUR = 3_600_000;
const APP = { appId: 'hist-app-41c2', token: 'sk_hist_0a9b8c7d6e5f4a3b' };

/** Readings every 5 hours at `perHour` calls an hour (as probes near each window's end see them). */
function readings(start: number, end: number, perHour: number) {
  const out = [];
  for (let t = start; t + HOUR <= end; t += 5 * HOUR)
    out.push({
      observedAt: t + HOUR - 20_000,
      limit: 2000,
      remaining: 2000 - perHour,
      resetAt: t + HOUR,
      periodMs: HOUR,
    });
  return out;
}

describe.skipIf(!system.available)('History view in Chromium against the real service', () => {
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
      startSimulator({ projects: [{ plan: 'growth', load: 'none', appId: APP.appId, appToken: APP.token }] }),
      launchChromium(),
    ]);
    const now = Date.now();
    const spec = { renewalDay: 15, timeZone: 'UTC' };
    const current = cycleBounds(spec, now);
    // Four finished cycles: 720, 816, 888 and 1,320 calls a day (the last one ran out).
    const paces = [30, 34, 37, 55];
    let end = current.start;
    const cycles: { start: number; end: number; pace: number }[] = [];
    for (const pace of [...paces].reverse()) {
      const c = cycleBounds(spec, end - 1);
      cycles.unshift({ ...c, pace });
      end = c.start;
    }
    const all = cycles.flatMap((c) => readings(c.start, c.end, c.pace));
    const archive: CycleRecord[] = cycles.map((c, i) => {
      const span = c.end - c.start;
      return archiveCycle({
        cycle: c,
        timeZone: 'UTC',
        limit: 30_000,
        readings: readings(c.start, c.end, c.pace),
        cycleBreaches: i === 3 ? [c.start + 0.93 * span] : [],
        dashboard: [],
        probes: { sent: 140 + i, billable: 140 + i },
        tracker: {
          start: c.start,
          end: c.end,
          alerts: i,
          checkpoints: ([25, 50, 75] as const).map((share) => ({
            share,
            at: c.start + (share / 100) * span,
            used: 0,
            runOutAt: i === 3 ? c.start + (0.95 - share / 1000) * span : null,
            probability: i === 3 ? 0.7 : 0.2,
          })),
        },
      });
    });
    const settings = defaultSettings();
    settings.keys = [
      keyConfigSchema.parse({
        id: 'hist-key-1',
        name: 'Checkout',
        connection: {
          provider: 'voucherify',
          region: 'custom',
          baseUrl: sim.url,
          appId: APP.appId,
          clientSide: false,
        },
        plan: { provider: 'voucherify', plan: 'growth' },
        cycle: spec,
        createdAt: now - 200 * 24 * HOUR,
      }),
    ];
    const state = emptyRuntime();
    state.keys['hist-key-1'] = {
      ...emptyKeyRuntime(),
      readings: [...all, ...readings(current.start, now - HOUR, 45)].slice(-2000),
      archive,
    };
    const vault = new MemoryVault();
    await vault.set('hist-key-1', APP.token);
    service = await startMemoryService({
      settings: new MemorySettingsRepository(settings),
      state: new MemoryStateRepository(state),
      vault,
    });
    bridge = await startBridge({ root: renderer.dir, service });
    ({ context, page, errors: pageErrors } = await openPage(browser, { acceptDownloads: true }));
    await page.goto(bridge.url);
  }, 120_000);

  afterAll(() => tearDown({ context, browser, bridge, service, sim, renderer }));

  it('shows past cycles as bars with the plan line, the track record and the same-point comparison', async () => {
    await page.getByRole('button', { name: 'History' }).click();
    const panel = page.getByTestId('history');
    await expect.poll(() => panel.getByTestId('history-chart').count()).toBe(1);
    expect(await panel.locator('.history-bar').count()).toBe(4);
    expect(await panel.locator('.history-limit').count()).toBe(1);
    expect(await panel.locator('[data-ran-out] .history-bar').count()).toBe(1);
    expect(await panel.getByTestId('track-record').textContent()).toMatch(
      /^Last 3 cycles: run-out forecasts were within .+ on average; "runs out before renewal" was right \d+ of \d+ times\.$/,
    );
    expect(await panel.getByTestId('same-point').textContent()).toMatch(
      /^Day \d+: [\d,]+ calls so far; the last 3 cycles had used [\d,]+, [\d,]+, [\d,]+ by the same point/,
    );
    // The chart's accessible name carries every figure the bars show.
    expect(await panel.locator('svg title').textContent()).toMatch(/ran out/);
    await screenshot(page, 'history-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'history-dark');
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(page), `history (${scheme})`).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('Export… downloads a CSV that reads back to the service JSON export', async () => {
    const panel = page.getByTestId('history');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'CSV, Checkout' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^headroom-export-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path()) as string, 'utf8');
    await expect
      .poll(() => panel.getByTestId('export-message').textContent())
      .toMatch(/^Downloaded headroom-export/);
    const json = await service.exportData({ format: 'json', keyId: 'hist-key-1' });
    if (json.status !== 'download') throw new Error('expected content');
    const doc = JSON.parse(json.content);
    const back = parseCsv(csv);
    expect(back.cycles).toEqual(doc.cycles);
    expect(back.cycles).toHaveLength(4);
    // Observations up to the moment of the first export are the same (a probe may have run since).
    const first = new Set(back.observations.map((o) => JSON.stringify(o)));
    expect(doc.observations.filter((o: unknown) => first.has(JSON.stringify(o))).length).toBe(
      back.observations.length,
    );
    expect(csv).not.toContain(APP.token);
    expect(pageErrors).toEqual([]);
  });
});
