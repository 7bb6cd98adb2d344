// The demo project: with no key configured, Headroom monitors a simulated Voucherify project served
// in-process on 127.0.0.1, so a new user sees every part working. The simulated cycle began two weeks
// ago; the simulator replays those two weeks of load at start, and the service replays its own
// scheduled probes over them (through the same parser), so the forecast has real data from the first
// second. Everything about it is labelled as simulated and none of it is persisted.
import { keyConfigSchema, type KeyConfig } from '../core/config/settings';
import { parseResponse } from '../core/parse';
import { cycleBounds } from '../core/cycle/bounds';
import { hintsOf, planOf } from './key-target';
import { startSimulator, type RunningSimulator, type SimProject } from '../simulator/server';
import type { ProbeResult } from '../probe/probe';
import type { ProbeOutcome } from '../core/probe-outcomes';
import { encodeZohoSecret } from '../oauth/zoho-secret';
import { startZohoSimulator } from '../simulator/zoho/server';

export const DEMO_KEY_ID = 'demo';
export const ZOHO_DEMO_KEY_ID = 'demo-zoho';
/** The Zoho demo org: Professional with 20 licences (60,000 credits a day), its integration using ~2,000 an hour. */
const ZOHO_DEMO = { dataCentre: 'eu', edition: 'professional', users: 20, backgroundPerHour: 2_000 } as const;
const DEMO_PLAN = 'growth';
const DEMO_SEED = 11;
/** How far into its cycle the demo project is when the app starts. */
const DEMO_CYCLE_AGE_MS = 14 * 86_400_000;

export interface Demo {
  config: KeyConfig;
  /** In memory only: the simulator's generated token. */
  secret: string;
  cycleStart: number;
  /** The monitor's probe at a past moment of the simulated cycle, answered by the simulator directly. */
  probeAt(t: number): ProbeResult;
  /**
   * The second demo project: a Zoho CRM org with a self client, probed live over OAuth (the token
   * is refreshed from the simulated accounts server like a real key's). Its secret is in memory only.
   */
  zoho: { config: KeyConfig; secret: string } | null;
  close(): Promise<void>;
}

export async function startDemo(opts: { now: () => number }): Promise<Demo> {
  const now = opts.now();
  // A cycle that renews on the day of the month two weeks ago, so the demo is always mid-cycle.
  const renewalDay = new Date(now - DEMO_CYCLE_AGE_MS).getUTCDate();
  const cycle = cycleBounds({ renewalDay, timeZone: 'UTC' }, now);
  const sim: RunningSimulator = await startSimulator({
    start: now,
    projects: [
      { plan: DEMO_PLAN, load: 'diurnal', seed: DEMO_SEED, cycleStart: cycle.start, loadFrom: cycle.start },
    ],
  });
  const project = sim.projects[0] as SimProject;
  const config = keyConfigSchema.parse({
    id: DEMO_KEY_ID,
    name: 'Demo project',
    connection: { provider: 'voucherify', region: 'custom', baseUrl: sim.url, appId: project.appId },
    plan: { provider: 'voucherify', plan: DEMO_PLAN },
    cycle: { renewalDay, timeZone: 'UTC' },
    demo: true,
    createdAt: cycle.start,
  });
  const hints = hintsOf(planOf(config));
  const zoho = await startZohoDemo(now).catch(() => null);
  return {
    config,
    secret: project.appToken,
    cycleStart: cycle.start,
    probeAt(t) {
      const response = project.answerAt(t, {
        method: 'GET',
        path: '/v1/vouchers?limit=1',
        headers: { 'x-app-id': project.appId, 'x-app-token': project.appToken },
      });
      const result = parseResponse(
        { status: response.status, headers: response.headers, body: response.body },
        { provider: 'voucherify', now: t, hints },
      );
      const outcome: ProbeOutcome =
        response.status === 200 ? 'ok' : response.status === 429 ? 'blocked' : 'unexpected';
      return {
        keyId: DEMO_KEY_ID,
        outcome,
        at: t,
        latencyMs: 1,
        status: response.status,
        result,
        message:
          outcome === 'ok'
            ? 'OK (replayed from the simulated cycle)'
            : `Simulator answered ${response.status}`,
        retryAt: result.blocked?.retryAt ?? null,
        sent: true,
      };
    },
    zoho: zoho && { config: zoho.config, secret: zoho.secret },
    close: async () => {
      await Promise.all([sim.close(), zoho?.close()]);
    },
  };
}

async function startZohoDemo(now: number) {
  const sim = await startZohoSimulator({
    start: now,
    orgs: [{ ...ZOHO_DEMO, loadFrom: now - 86_400_000 }],
  });
  const org = sim.orgs[0];
  if (!org) throw new Error('no Zoho demo org');
  const config = keyConfigSchema.parse({
    id: ZOHO_DEMO_KEY_ID,
    name: 'Demo Zoho CRM org',
    connection: {
      provider: 'zoho',
      dataCentre: ZOHO_DEMO.dataCentre,
      clientId: org.clientId,
      baseUrl: sim.apiUrl(ZOHO_DEMO.dataCentre),
      accountsUrl: sim.accountsUrl(ZOHO_DEMO.dataCentre),
    },
    plan: { provider: 'zoho', edition: ZOHO_DEMO.edition, users: ZOHO_DEMO.users },
    demo: true,
    createdAt: now,
  });
  return {
    config,
    secret: encodeZohoSecret({ clientSecret: org.clientSecret, refreshToken: org.refreshToken }),
    close: () => sim.close(),
  };
}
