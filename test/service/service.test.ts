// The Headroom service end to end under plain Node: real probes over loopback HTTP against the
// embedded simulator, the real core, in-memory storage. What a user sees is AppState, so that is
// what these tests read.
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../electron/core/alerts/types';
import type { KeyInput } from '../../electron/ipc/contract';
import type { Notifier } from '../../electron/notify/notifier';
import { createHeadroomService } from '../../electron/service/headroom-service';
import { MemorySettingsRepository, MemoryStateRepository, MemoryVault } from '../../electron/service/memory';
import type { Logger } from '../../electron/service/ports';
import type { HeadroomService } from '../../electron/service/service-types';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { HeldTimers } from '../support/held-timers';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const TOKEN = 'sk_test_9f8e7d6c5b4a39281706';

interface Harness {
  service: HeadroomService;
  timers: HeldTimers;
  settings: MemorySettingsRepository;
  state: MemoryStateRepository;
  vault: MemoryVault;
  logs: string[];
  delivered: AlertMessage[];
}

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (running.length > 0) await running.pop()?.close();
});

function harness(
  opts: {
    /** The service's clock; the real one unless a test needs time to stand still. */
    now?: () => number;
    demo?: boolean;
    settings?: MemorySettingsRepository;
    state?: MemoryStateRepository;
    vault?: MemoryVault;
  } = {},
): Harness {
  const logs: string[] = [];
  const delivered: AlertMessage[] = [];
  const logger: Logger = {
    info: (m, f) => logs.push(`${m} ${JSON.stringify(f ?? {})}`),
    warn: (m, f) => logs.push(`${m} ${JSON.stringify(f ?? {})}`),
    error: (m, f) => logs.push(`${m} ${JSON.stringify(f ?? {})}`),
  };
  const notifier: Notifier = {
    name: 'recording',
    async deliver(msg) {
      delivered.push(msg);
      return { ok: true };
    },
  };
  const settings = opts.settings ?? new MemorySettingsRepository();
  const state = opts.state ?? new MemoryStateRepository();
  const vault = opts.vault ?? new MemoryVault();
  const timers = new HeldTimers();
  const service = createHeadroomService({
    settings,
    state,
    vault,
    notifier,
    logger,
    timers,
    now: opts.now ?? Date.now,
    timeZone: 'UTC',
    demo: opts.demo ?? false,
  });
  running.push({ close: () => service.stop() });
  return { service, timers, settings, state, vault, logs, delivered };
}

async function simulator(plan: 'startup' | 'growth' | 'free' = 'startup'): Promise<RunningSimulator> {
  const sim = await startSimulator({ projects: [{ plan, load: 'none', appId: 'app-1', appToken: TOKEN }] });
  running.push(sim);
  return sim;
}

function keyInput(sim: RunningSimulator, over: Partial<KeyInput> = {}): KeyInput {
  return {
    name: 'Shop API',
    connection: {
      provider: 'voucherify',
      region: 'custom',
      baseUrl: sim.url,
      appId: 'app-1',
      clientSide: false,
    },
    secrets: { token: TOKEN },
    plan: { provider: 'voucherify', plan: 'startup' },
    cycle: { renewalDay: 1, timeZone: 'UTC' },
    thresholds: [80, 90, 100],
    ...over,
  };
}

/** A started service with one saved key on a fresh simulator: the set-up most tests share. */
async function startedWithKey(
  opts: Parameters<typeof harness>[0] = {},
  over: Partial<KeyInput> = {},
): Promise<{ h: Harness; sim: RunningSimulator; keyId: string }> {
  const h = harness(opts);
  await h.service.start();
  const sim = await simulator();
  const saved = await h.service.saveKey(keyInput(sim, over));
  if (!saved.ok) throw new Error(saved.error);
  return { h, sim, keyId: saved.keyId };
}

describe('Headroom service', () => {
  it('shows a clearly labelled demo key with real figures when no key is configured, and drops it when a key is added', async () => {
    const h = harness({ demo: true });
    await h.service.start();
    const first = h.service.getState();
    expect(first.demo).toBe(true);
    // Two demo projects: a Voucherify project and a Zoho CRM org (probed over OAuth).
    expect(first.keys.map((k) => [k.name, k.provider])).toEqual([
      ['Demo project', 'voucherify'],
      ['Demo Zoho CRM org', 'zoho'],
    ]);
    const demo = first.keys[0]!;
    expect(demo).toMatchObject({ demo: true, name: 'Demo project', location: 'Simulated, on this computer' });
    // Two simulated weeks were probed by the real scheduler: an estimate and a forecast exist.
    expect(demo.cycle?.estimate?.basis).toBe('observed');
    expect(demo.cycle?.forecast?.status).toBe('ok');
    expect(demo.monitor.callsThisCycle).toBeGreaterThan(10);
    expect(demo.monitor.callsThisCycle).toBeLessThanOrEqual(demo.monitor.budgetCalls ?? 0);

    const sim = await simulator();
    const saved = await h.service.saveKey(keyInput(sim));
    expect(saved.ok).toBe(true);
    const after = h.service.getState();
    expect(after.demo).toBe(false);
    expect(after.keys.map((k) => k.name)).toEqual(['Shop API']);
  });

  it('tests a key before saving, then probes it: figures appear, the token never does', async () => {
    const h = harness();
    await h.service.start();
    const sim = await simulator();
    const test = await h.service.testKey(keyInput(sim));
    expect(test).toMatchObject({ ok: true, outcome: 'ok', provider: 'voucherify', status: 200 });
    expect(test.windows.find((w) => w.id === 'api_calls')).toMatchObject({ limit: 1000, remaining: 999 });

    const saved = await h.service.saveKey(keyInput(sim));
    if (!saved.ok) throw new Error(saved.error);
    // The test call is not wasted: it is the key's first observation, and it is counted.
    let key = h.service.getState().keys[0]!;
    expect(key.monitor.callsThisCycle).toBe(1);
    await h.service.probeNow(saved.keyId);
    key = h.service.getState().keys[0]!;
    expect(key.monitor.callsThisCycle).toBe(2);
    expect(key.windows.find((w) => w.id === 'api_calls')).toMatchObject({ remaining: 998, source: 'header' });
    expect(sim.project('app-1')!.truth().windowUsed).toBe(2);

    expect(h.vault.has(saved.keyId)).toBe(true);
    const everything = JSON.stringify([
      h.service.getState(),
      h.settings.snapshot(),
      h.state.snapshot(),
      h.logs,
    ]);
    expect(everything).not.toContain(TOKEN);
    expect(key.maskedCredentials).toMatch(/••••/);
  });

  it('counts every probe the monitor makes: three probes, remaining down by three', async () => {
    const { h, keyId } = await startedWithKey();
    for (let i = 0; i < 3; i++) await h.service.probeNow(keyId);
    const key = h.service.getState().keys[0]!;
    expect(key.monitor.callsThisCycle).toBe(3);
    expect(key.windows.find((w) => w.id === 'api_calls')?.remaining).toBe(997);
  });

  it('probes on its own schedule, within the monitoring budget, and says when the next check is', async () => {
    const { h, keyId } = await startedWithKey();
    const key = h.service.getState().keys[0]!;
    // A new key is checked at once; the budget is 1 % of Startup's 10,000-call cycle.
    expect(key.nextProbe?.at).toBeLessThanOrEqual(Date.now());
    expect(key.monitor.budgetCalls).toBe(100);
    const due = [...h.timers.pending.entries()].find(([, t]) => t.ms === 0);
    expect(due).toBeDefined();
    h.timers.pending.delete(due![0]);
    due![1].fn();
    await h.service.probeNow(keyId); // joins the automatic probe under way
    const after = h.service.getState().keys[0]!;
    expect(after.monitor.callsThisCycle).toBe(1);
    expect(after.lastProbe?.manual).toBe(false);
    expect(after.nextProbe!.at).toBeGreaterThan(Date.now() + 60_000);
    expect(after.nextProbe!.reason.length).toBeGreaterThan(5);
  });

  it('meets a 429, shows the block with its retry time, and does not probe again before it', async () => {
    const { h, sim, keyId } = await startedWithKey();
    sim.project('app-1')!.engine.consume(1000); // the integration uses up the hour
    await h.service.probeNow(keyId);
    const key = h.service.getState().keys[0]!;
    expect(key.status).toBe('blocked');
    expect(key.blocked).toMatchObject({ type: 'api_calls' });
    expect(key.blocked!.retryAt).toBeGreaterThan(Date.now());
    expect(key.headline).toMatch(/^Blocked: request limit reached · retry in/);
    expect(h.delivered.some((m) => m.kind === 'breach' || m.kind === 'digest')).toBe(true);

    const requests = sim.requests();
    await h.service.probeNow(keyId);
    expect(sim.requests()).toBe(requests); // deferred: nothing was sent
    expect(h.service.getState().keys[0]!.lastProbe?.outcome).toBe('deferred');
  });

  it('says what to do when the key is wrong, and when nothing answers', async () => {
    const { h, sim, keyId } = await startedWithKey({}, { secrets: { token: 'wrong-token-123456' } });
    await h.service.probeNow(keyId);
    let key = h.service.getState().keys[0]!;
    expect(key.status).toBe('error');
    expect(key.problem?.action).toMatch(/App ID and token/);

    await sim.close();
    await h.service.probeNow(keyId);
    key = h.service.getState().keys[0]!;
    expect(key.lastProbe?.outcome).toBe('connection');
    expect(key.problem?.title).toBe('Could not connect');
    expect(JSON.stringify(h.service.getState())).not.toContain('wrong-token-123456');
  });

  it('re-checks a rejected key at once when its secret is fixed: one probe, counted, and the error clears', async () => {
    const { h, sim, keyId } = await startedWithKey({}, { secrets: { token: 'wrong-token-123456' } });
    await h.service.probeNow(keyId);
    expect(h.service.getState().keys[0]!.lastProbe?.outcome).toBe('unauthorized');
    const requests = sim.requests();
    const calls = h.service.getState().keys[0]!.monitor.callsThisCycle;

    // Renaming alone sends nothing.
    h.timers.pending.clear();
    const renamed = await h.service.saveKey(keyInput(sim, { id: keyId, name: 'Shop', secrets: {} }));
    expect(renamed.ok).toBe(true);
    expect([...h.timers.pending.values()].some((t) => t.ms === 0)).toBe(false);

    const fixed = await h.service.saveKey(keyInput(sim, { id: keyId, secrets: { token: TOKEN } }));
    expect(fixed.ok).toBe(true);
    expect(h.service.getState().keys[0]!.nextProbe?.reason).toBe('checking the edited key');
    const due = [...h.timers.pending.entries()].filter(([, t]) => t.ms === 0);
    expect(due).toHaveLength(1);
    h.timers.pending.delete(due[0]![0]);
    due[0]![1].fn();
    await h.service.probeNow(keyId); // joins the re-check under way
    const key = h.service.getState().keys[0]!;
    expect(sim.requests()).toBe(requests + 1);
    expect(key.monitor.callsThisCycle).toBe(calls + 1);
    expect(key.lastProbe?.outcome).toBe('ok');
    expect(key.status).not.toBe('error');
    expect(key.problem).toBeNull();
    // Back on the budget's schedule afterwards.
    expect(key.nextProbe!.at).toBeGreaterThan(Date.now() + 60_000);
  });

  it('takes a dashboard reading as the truth for the cycle estimate', async () => {
    // The service's clock stands still: at the reading's own moment the estimate is the reading. On the
    // real clock, when the probe got no answer (a timeout under heavy load), no hour was seen after
    // the reading, so the milliseconds between the reading and the estimate rightly add the cycle's
    // average pace (7,500.0002, or 7,504.9 in the cycle's first minutes) and an exact 7,500 failed.
    const at = Date.now();
    const { h, keyId } = await startedWithKey({ now: () => at });
    await h.service.probeNow(keyId);
    await h.service.calibrate(keyId, 7_500);
    const cycle = h.service.getState().keys[0]!.cycle!;
    expect(cycle.estimate).toMatchObject({ basis: 'dashboard', used: 7_500 });
    expect(cycle.lastReading?.used).toBe(7_500);
    expect(cycle.history.at(-1)).toMatchObject({ used: 7_500, source: 'user' });
  });

  it('keeps its history across a restart and forgets a deleted key everywhere', async () => {
    const settings = new MemorySettingsRepository();
    const state = new MemoryStateRepository();
    const vault = new MemoryVault();
    const sim = await simulator();
    const first = harness({ settings, state, vault });
    await first.service.start();
    const saved = await first.service.saveKey(keyInput(sim));
    if (!saved.ok) throw new Error(saved.error);
    await first.service.probeNow(saved.keyId);
    await first.service.stop();

    const second = harness({ settings, state, vault });
    await second.service.start();
    const key = second.service.getState().keys[0]!;
    expect(key.monitor.callsThisCycle).toBe(1);
    expect(key.windows.find((w) => w.id === 'api_calls')?.remaining).toBe(999);
    expect(key.lastProbe?.outcome).toBe('ok');

    await second.service.deleteKey(saved.keyId);
    expect(second.service.getState().keys).toHaveLength(0);
    expect(vault.has(saved.keyId)).toBe(false);
    expect(settings.snapshot().keys).toHaveLength(0);
  });

  it('starts afresh with a notice when the saved runtime state is corrupted', async () => {
    const h = harness({ state: new MemoryStateRepository({ version: 1, keys: { x: 'garbage' } }) });
    await h.service.start();
    const notices = h.service.getState().notices;
    expect(notices.some((n) => n.id === 'runtime-reset')).toBe(true);
  });

  it('rejects a bad key form with a readable message and saves nothing', async () => {
    const h = harness();
    await h.service.start();
    const sim = await simulator();
    const bad = await h.service.saveKey({ ...keyInput(sim), name: '' });
    expect(bad).toEqual({ ok: false, error: expect.stringMatching(/name/i) });
    const noToken = await h.service.saveKey({ ...keyInput(sim), secrets: {} });
    expect(noToken).toEqual({ ok: false, error: 'Enter the token for the new key.' });
    expect(h.settings.snapshot().keys).toHaveLength(0);
  });

  it("reads any API's own quota headers through a custom profile", async () => {
    const reset = Math.floor(Date.now() / 1000) + 600;
    let auth = '';
    const server = createServer((req, res) => {
      auth = req.headers['x-api-key'] as string;
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'X-Quota-Max': '500',
        'X-Quota-Left': '123',
        'X-Quota-Reset': String(reset),
      });
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    running.push({ close: () => new Promise<void>((r) => server.close(() => r())) });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const h = harness();
    await h.service.start();
    const saved = await h.service.saveKey({
      name: 'Billing API',
      connection: {
        provider: 'generic',
        baseUrl: url,
        path: '/status',
        method: 'GET',
        authHeader: 'X-Api-Key',
        authScheme: '',
        profile: 'custom',
        custom: {
          limitHeader: 'X-Quota-Max',
          remainingHeader: 'X-Quota-Left',
          resetHeader: 'X-Quota-Reset',
          resetFormat: 'epoch-seconds',
          kind: 'requests-day',
          unit: 'requests',
          periodMs: 86_400_000,
        },
      },
      secrets: { token: TOKEN },
      plan: { provider: 'other' },
      cycle: { renewalDay: 1, timeZone: 'UTC' },
      thresholds: [80, 90, 100],
    });
    if (!saved.ok) throw new Error(saved.error);
    await h.service.probeNow(saved.keyId);
    expect(auth).toBe(TOKEN);
    const key = h.service.getState().keys[0]!;
    expect(key.windows).toEqual([
      expect.objectContaining({
        id: 'custom',
        kind: 'requests-day',
        limit: 500,
        remaining: 123,
        used: 377,
        resetAt: reset * 1000,
      }),
    ]);
    // 377 of 500 used is 75 %: under the first threshold (80 %).
    expect(key.status).toBe('ok');
    expect(key.level).toBeCloseTo(123 / 500);
  });

  it("does not count GitHub's free /rate_limit probes as spend, but counts any other path", async () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const paths: string[] = [];
    const server = createServer((req, res) => {
      paths.push(req.url ?? '');
      res.writeHead(200, {
        'Content-Type': 'application/json',
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '4990',
        'x-ratelimit-used': '10',
        'x-ratelimit-reset': String(reset),
        'x-ratelimit-resource': 'core',
      });
      res.end('{}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    running.push({ close: () => new Promise<void>((r) => server.close(() => r())) });
    // A GitHub Enterprise Server address: /api/v3 then /rate_limit (api.github.com is not reachable here).
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v3`;
    const h = harness();
    await h.service.start();
    const github = (path: string, name: string): KeyInput => ({
      name,
      connection: {
        provider: 'generic',
        baseUrl: base,
        path,
        method: 'GET',
        authHeader: 'Authorization',
        authScheme: 'Bearer',
        profile: 'auto',
      },
      secrets: { token: TOKEN },
      plan: { provider: 'other' },
      cycle: { renewalDay: 1, timeZone: 'UTC' },
      thresholds: [80, 90, 100],
    });
    const free = await h.service.saveKey(github('/rate_limit', 'GitHub'));
    const paid = await h.service.saveKey({ ...github('/user', 'GitHub user'), allowDuplicate: true });
    if (!free.ok || !paid.ok) throw new Error('not saved');
    for (let i = 0; i < 3; i++) {
      await h.service.probeNow(free.keyId);
      await h.service.probeNow(paid.keyId);
    }
    expect(paths.filter((p) => p === '/api/v3/rate_limit')).toHaveLength(3);
    const keys = h.service.getState().keys;
    const freeKey = keys.find((k) => k.id === free.keyId)!;
    const paidKey = keys.find((k) => k.id === paid.keyId)!;
    expect(freeKey.windows[0]).toMatchObject({ limit: 5000, remaining: 4990 });
    expect(freeKey.monitor.callsThisCycle).toBe(0);
    expect(paidKey.monitor.callsThisCycle).toBe(3);
  });

  it('compares monitoring spend with the budget of the same key and cycle, not a sum over keys', async () => {
    const h = harness();
    await h.service.start();
    const sim = await simulator();
    const a = await h.service.saveKey(keyInput(sim)); // Startup: 100 probes a cycle
    const b = await h.service.saveKey({
      ...keyInput(sim, { name: 'Other API' }),
      connection: {
        provider: 'generic',
        baseUrl: sim.url,
        path: '/v1/vouchers',
        method: 'GET',
        authHeader: 'X-App-Token',
        authScheme: '',
        profile: 'auto',
      },
      plan: { provider: 'other' },
      cycle: { renewalDay: 17, timeZone: 'UTC' },
    });
    if (!a.ok || !b.ok) throw new Error('not saved');
    for (let i = 0; i < 4; i++) await h.service.probeNow(a.keyId);
    await h.service.probeNow(b.keyId);
    const state = h.service.getState();
    const ka = state.keys.find((k) => k.id === a.keyId)!;
    // The busiest key against its own budget: 4 of 100, named; never 5 of (100 + the other key's).
    expect(ka.monitor).toEqual({ callsThisCycle: 4, budgetCalls: 100 });
    expect(state.monitoring).toEqual({ callsThisCycle: 4, budgetCalls: 100, keyName: 'Shop API' });
  });

  it('sends a test notification through its notifier on request', async () => {
    const h = harness();
    await h.service.start();
    const r = await h.service.sendTestNotification();
    expect(r.sent).toBe(true);
    expect(h.delivered.map((m) => m.title)).toEqual(['Headroom test notification']);
    // Pressed again at once: nothing more reaches the desktop.
    expect((await h.service.sendTestNotification()).sent).toBe(false);
    expect(h.delivered).toHaveLength(1);
  });
});
