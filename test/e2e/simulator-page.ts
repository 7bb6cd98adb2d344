// One key on a simulator project whose clock the test drives, the real service on the same clock,
// the built renderer over the bridge, and a Chromium page: what the clocked end-to-end suites share.
import type { Browser, Page } from 'playwright-core';
import type { HeadroomService, ServiceDeps } from '../../electron/service/service-types';
import type { ManualClock } from '../../electron/simulator/clock';
import type { SimPlanId } from '../../electron/simulator/engine';
import type { LoadKind } from '../../electron/simulator/load';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { startMemoryService } from '../support/memory-service';
import { saveSimulatorKey } from '../support/simulator-key';
import { startBridge, type Bridge } from './bridge';
import { buildRenderer, launchChromium, openPage, tearDown } from './harness';

export interface SimulatorPage {
  sim: RunningSimulator;
  service: HeadroomService;
  bridge: Bridge;
  browser: Browser;
  page: Page;
  keyId: string;
  close(): Promise<void>;
}

export async function openSimulatorPage(o: {
  clock: ManualClock;
  project: { plan: Exclude<SimPlanId, 'sandbox'>; load: LoadKind; cycleStart: number };
  key: { name: string; appId: string; token: string };
  service?: Partial<ServiceDeps>;
}): Promise<SimulatorPage> {
  const opened: Parameters<typeof tearDown>[0] = {};
  try {
    // Each noted as it opens, so a setup that fails halfway still closes what it did open.
    const [renderer, sim, browser] = await Promise.all([
      buildRenderer().then((r) => (opened.renderer = r)),
      startSimulator({
        clock: o.clock,
        projects: [
          {
            plan: o.project.plan,
            load: o.project.load,
            appId: o.key.appId,
            appToken: o.key.token,
            cycleStart: o.project.cycleStart,
            loadFrom: o.project.cycleStart,
          },
        ],
      }).then((s) => (opened.sim = s)),
      launchChromium().then((b) => (opened.browser = b)),
    ]);
    const service = await startMemoryService({ now: () => o.clock.now(), ...o.service });
    opened.service = service;
    const keyId = await saveSimulatorKey(service, sim, { ...o.key, plan: o.project.plan });
    const bridge = await startBridge({ root: renderer.dir, service });
    opened.bridge = bridge;
    const { page } = await openPage(browser, { timeout: 10_000 });
    return { sim, service, bridge, browser, page, keyId, close: () => tearDown(opened) };
  } catch (err) {
    await tearDown(opened);
    throw err;
  }
}
