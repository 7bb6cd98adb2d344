// Zoho OAuth continuity backtest: the real service monitors one Zoho key against the Zoho simulator on
// a manual clock for several simulated days, probing when its own scheduler says. Zoho's access tokens
// die every hour and, at seeded random moments, early (as Zoho drops tokens beyond 10 live ones).
// Counted: probes, refreshes (accounts-server calls, not credits), 401s met, "rejected" states, and the
// monitor's credits against the org's rolling-24-hour allowance.
import { performance } from 'node:perf_hooks';
import { mulberry32 } from '../electron/core/random';
import { createHeadroomService } from '../electron/service/headroom-service';
import { MemorySettingsRepository, MemoryStateRepository, MemoryVault } from '../electron/service/memory';
import { silentLogger, type Timers } from '../electron/service/ports';
import { ManualClock } from '../electron/simulator/clock';
import { startZohoSimulator } from '../electron/simulator/zoho/server';
import { table, type BenchSection } from './section';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const heldTimers: Timers = { setTimeout: () => 0, clearTimeout: () => {} };

interface Row {
  days: number;
  earlyDrops: number;
  probes: number;
  refreshes: number;
  unauthorized401: number;
  rejected: number;
  credits: number;
  allowance: number;
  wallMs: number;
}

async function run(days: number, seed: number): Promise<Row> {
  const t0 = performance.now();
  const clock = new ManualClock(Date.UTC(2026, 10, 2, 0, 0));
  const sim = await startZohoSimulator({
    clock,
    orgs: [{ dataCentre: 'eu', edition: 'standard', users: 10 }],
  });
  const org = sim.orgs[0]!;
  const service = createHeadroomService({
    settings: new MemorySettingsRepository(),
    state: new MemoryStateRepository(),
    vault: new MemoryVault(),
    notifier: null,
    logger: silentLogger,
    timers: heldTimers,
    now: () => clock.now(),
    timeZone: 'UTC',
    demo: false,
  });
  await service.start();
  const saved = await service.saveKey({
    name: 'CRM',
    connection: {
      provider: 'zoho',
      dataCentre: 'eu',
      clientId: org.clientId,
      baseUrl: sim.apiUrl('eu'),
      accountsUrl: sim.accountsUrl('eu'),
    },
    secrets: { clientSecret: org.clientSecret, refreshToken: org.refreshToken },
    plan: { provider: 'zoho', edition: 'standard', users: 10 },
    cycle: { renewalDay: 1, timeZone: 'UTC' },
    thresholds: [80, 90, 100],
  });
  if (!saved.ok) throw new Error(saved.error);
  const random = mulberry32(seed);
  const end = clock.now() + days * 24 * HOUR;
  let nextDrop = clock.now() + (2 + random() * 10) * HOUR;
  let probes = 0;
  let rejected = 0;
  let drops = 0;
  while (clock.now() < end) {
    await service.probeNow(saved.keyId);
    probes += 1;
    const k = service.getState().keys[0]!;
    if (k.lastProbe?.outcome === 'unauthorized') rejected += 1;
    // The scheduler's own next probe time, at least a minute on.
    const at = Math.max(k.nextProbe?.at ?? clock.now() + 15 * MINUTE, clock.now() + MINUTE);
    if (at >= nextDrop) {
      clock.set(nextDrop);
      org.expireAccessTokens();
      drops += 1;
      nextDrop += (2 + random() * 10) * HOUR;
    }
    clock.set(Math.max(at, clock.now()));
  }
  const truth = org.truth();
  await service.stop();
  await sim.close();
  return {
    days,
    earlyDrops: drops,
    probes,
    refreshes: truth.refreshes,
    unauthorized401: truth.refused.unauthorized,
    rejected,
    credits: truth.apiCalls,
    allowance: truth.creditLimit * days,
    wallMs: Math.round(performance.now() - t0),
  };
}

export const section: BenchSection = {
  title: 'Zoho OAuth continuity (real service × Zoho simulator, scheduler-timed probes)',
  async run(print) {
    const rows: Row[] = [];
    for (const [days, seed] of [
      [2, 17],
      [7, 18],
    ] as const)
      rows.push(await run(days, seed));
    for (const line of table(
      [
        'simulated days',
        'early token drops',
        'probes',
        'refreshes (0 credits)',
        '401s met',
        '"rejected" states',
        'monitor credits',
        'org allowance',
        'wall ms',
      ],
      rows.map((r) => [
        r.days,
        r.earlyDrops,
        r.probes,
        r.refreshes,
        r.unauthorized401,
        r.rejected,
        r.credits,
        r.allowance,
        r.wallMs,
      ]),
    ))
      print(line);
  },
};
