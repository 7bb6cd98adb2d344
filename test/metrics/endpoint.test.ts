// /metrics over the REAL service (demo and simulator-backed keys, in-memory ports): every figure is the
// one the popover shows, nothing unknown is invented, counters come from the persisted ledger and survive
// a restart, and no secret leaves.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { Registry } from 'prom-client';
import { createMetricsEndpoint } from '../../electron/metrics/endpoint';
import { createFamilies, KEY_LABELS } from '../../electron/metrics/families';
import { answerMetrics } from '../../electron/metrics/http';
import { FAILURE_OUTCOMES } from '../../electron/metrics/probe-totals';
import type { AppState } from '../../electron/core/view/app-state';
import { STATUSES } from '../../electron/core/view/status-words';
import { startSimulator } from '../../electron/simulator/server';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  FAMILIES,
  keyInput,
  only,
  parseExposition,
  select,
  serveMetrics,
  startService,
  type Hosted,
} from './support';

const TOKEN = 'sk_live_7f2a9c0e4b1d3f58';
/** The demo replays two weeks of probes at start: seconds on a loaded two-core machine. */
const DEMO_TIMEOUT = 60_000;
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function hosted(opts: Parameters<typeof startService>[0] = {}): Promise<Hosted> {
  const h = await startService(opts);
  closers.push(() => h.service.stop());
  return h;
}

async function simulator(projects: { appId: string; appToken: string; plan?: 'startup' | 'free' }[]) {
  const sim = await startSimulator({
    projects: projects.map((p) => ({ plan: p.plan ?? 'startup', load: 'none' as const, ...p })),
  });
  closers.push(() => sim.close());
  return sim;
}

async function scrape(h: Hosted) {
  const text = await createMetricsEndpoint(h.service).render();
  return { text, ...parseExposition(text) };
}

describe('/metrics from the real service', () => {
  it(
    'the demo: every family, with HELP, and the same figures the popover shows',
    async () => {
      const h = await hosted();
      // Joins the live look the demo takes at start (no second call), so the hourly window is current.
      await h.service.probeNow('demo');
      const { samples, help } = await scrape(h);
      const state = h.service.getState();
      const demo = state.keys[0]!;
      expect(demo.name).toBe('Demo project');
      const base = { key: 'Demo project', key_id: demo.id, provider: 'voucherify' };

      // The families as declared are the families the issue names, with the labels it names.
      const declared = Object.values(createFamilies(new Registry()));
      expect(Object.fromEntries(declared.map((f) => [f.name, [...KEY_LABELS, ...f.labelNames]]))).toEqual(
        FAMILIES,
      );
      for (const [name, labels] of Object.entries(FAMILIES)) {
        expect(help.get(name), `HELP of ${name}`).toMatch(/\w{3,}/);
        for (const s of select(samples, name))
          expect(Object.keys(s.labels).sort()).toEqual([...labels].sort());
      }

      for (const w of demo.windows) {
        const labels = { ...base, window: w.id, kind: w.kind, source: w.source };
        expect(only(samples, 'headroom_window_limit', labels).value).toBe(w.limit);
        if (w.remaining !== null)
          expect(only(samples, 'headroom_window_remaining', labels).value).toBe(w.remaining);
        else expect(select(samples, 'headroom_window_remaining', labels)).toEqual([]);
        if (w.resetAt !== null)
          expect(only(samples, 'headroom_window_reset_timestamp_seconds', labels).value).toBe(
            w.resetAt / 1000,
          );
      }
      // The hourly window was read from headers; bulk and webhooks are only known from the plan.
      expect(
        only(samples, 'headroom_window_remaining', { ...base, window: 'api_calls', source: 'header' }).value,
      ).toBeGreaterThan(0);
      expect(select(samples, 'headroom_window_remaining', { ...base, window: 'bulk_api_calls' })).toEqual([]);

      const cycle = demo.cycle!;
      expect(only(samples, 'headroom_cycle_limit', { ...base, source: 'plan' }).value).toBe(30_000);
      for (const bound of ['estimate', 'low', 'high'] as const) {
        const field = bound === 'estimate' ? 'used' : bound;
        expect(only(samples, 'headroom_cycle_used', { ...base, bound, source: 'estimate' }).value).toBe(
          cycle.estimate![field],
        );
      }
      expect(only(samples, 'headroom_cycle_reset_timestamp_seconds', base).value).toBe(cycle.end / 1000);
      const fc = cycle.forecast!;
      expect(fc.status).toBe('ok');
      expect(only(samples, 'headroom_cycle_runout_probability', base).value).toBe(fc.probabilityRunOut);
      expect(only(samples, 'headroom_cycle_safe_daily_budget', base).value).toBe(fc.safeDailyBudget);
      // Absent when the forecast says the cycle lasts.
      expect(select(samples, 'headroom_cycle_runout_timestamp_seconds', base)).toHaveLength(
        fc.runOutAt === null ? 0 : 1,
      );

      // The demo's replayed probes are the monitor's own calls.
      expect(only(samples, 'headroom_probe_calls_total', base).value).toBe(
        h.service.monitorRecord().ledger.keys[demo.id]!.cycles.reduce((a, c) => a + c.sent, 0),
      );
      expect(only(samples, 'headroom_probe_calls_total', base).value).toBeGreaterThan(50);
      for (const outcome of FAILURE_OUTCOMES)
        expect(only(samples, 'headroom_probe_failures_total', { ...base, outcome }).value).toBe(0);

      for (const status of STATUSES)
        expect(only(samples, 'headroom_key_status', { ...base, status }).value).toBe(
          status === demo.status ? 1 : 0,
        );
      expect(only(samples, 'headroom_last_observation_timestamp_seconds', base).value * 1000).toBeGreaterThan(
        cycle.start,
      );
    },
    DEMO_TIMEOUT,
  );

  it('says nothing it does not know: a key never answered has a status but no figures', async () => {
    const h = await hosted({ demo: false });
    const sim = await simulator([{ appId: 'app-1', appToken: TOKEN }]);
    await sim.close(); // nothing listens there any more
    const saved = await h.service.saveKey(
      keyInput(sim.url, { name: 'Unreached', appId: 'app-1', token: TOKEN }),
    );
    if (!saved.ok) throw new Error(saved.error);
    await h.service.probeNow(saved.keyId);
    const { samples } = await scrape(h);
    const base = { key: 'Unreached', key_id: saved.keyId };
    expect(select(samples, 'headroom_window_remaining', base)).toEqual([]);
    expect(select(samples, 'headroom_window_reset_timestamp_seconds', base)).toEqual([]);
    expect(select(samples, 'headroom_cycle_used', base)).toEqual([]);
    expect(select(samples, 'headroom_cycle_runout_probability', base)).toEqual([]);
    expect(select(samples, 'headroom_last_observation_timestamp_seconds', base)).toEqual([]);
    // The plan's sizes are known; the failed probe is counted; the status says error.
    expect(
      only(samples, 'headroom_window_limit', { ...base, window: 'api_calls', source: 'plan' }).value,
    ).toBe(1000);
    expect(only(samples, 'headroom_probe_calls_total', base).value).toBe(1);
    expect(only(samples, 'headroom_probe_failures_total', { ...base, outcome: 'connection' }).value).toBe(1);
    expect(only(samples, 'headroom_key_status', { ...base, status: 'error' }).value).toBe(1);
  });

  it('counters come from the persisted ledger: a restart keeps them where they were', async () => {
    const sim = await simulator([{ appId: 'app-1', appToken: TOKEN }]);
    const first = await hosted({ demo: false });
    const saved = await first.service.saveKey(keyInput(sim.url, { appId: 'app-1', token: TOKEN }));
    if (!saved.ok) throw new Error(saved.error);
    for (let i = 0; i < 3; i++) await first.service.probeNow(saved.keyId);
    await first.vault.set(saved.keyId, 'not-the-right-token-000');
    await first.service.probeNow(saved.keyId);
    const before = (await scrape(first)).samples;
    const base = { key: 'Shop API', key_id: saved.keyId };
    expect(only(before, 'headroom_probe_calls_total', base).value).toBe(4);
    expect(only(before, 'headroom_probe_failures_total', { ...base, outcome: 'unauthorized' }).value).toBe(1);
    await first.service.stop();

    const second = await hosted({
      demo: false,
      settings: first.settings,
      state: first.state,
      vault: first.vault,
    });
    const after = (await scrape(second)).samples;
    expect(only(after, 'headroom_probe_calls_total', base).value).toBe(4);
    expect(only(after, 'headroom_probe_failures_total', { ...base, outcome: 'unauthorized' }).value).toBe(1);
    expect(only(after, 'headroom_window_remaining', { ...base, window: 'api_calls' }).value).toBe(997);
    await second.service.probeNow(saved.keyId);
    const later = (await scrape(second)).samples;
    expect(only(later, 'headroom_probe_calls_total', base).value).toBe(5);
  });

  it('keys of one name stay apart; a deleted key leaves; names are escaped; no secret leaves', async () => {
    const other = 'sk_live_0b1f3e578e2d4c6a';
    const sim = await simulator([
      { appId: 'app-1', appToken: TOKEN },
      { appId: 'app-2', appToken: other, plan: 'free' },
    ]);
    const h = await hosted({ demo: false });
    const name = 'Shop "EU" \\ prod';
    const a = await h.service.saveKey(keyInput(sim.url, { name, appId: 'app-1', token: TOKEN }));
    const b = await h.service.saveKey(keyInput(sim.url, { name, appId: 'app-2', token: other }));
    if (!a.ok || !b.ok) throw new Error('save failed');
    await h.service.probeNow(null);
    // One endpoint for both scrapes, as a server keeps it: the deleted key's series must not linger.
    const endpoint = createMetricsEndpoint(h.service);
    const text = await endpoint.render();
    const { samples } = parseExposition(text);
    expect(text).not.toContain(TOKEN);
    expect(text).not.toContain(other);
    const remaining = select(samples, 'headroom_window_remaining', { key: name, window: 'api_calls' });
    expect(remaining.map((s) => [s.labels.key_id, s.value]).sort()).toEqual(
      [
        [a.keyId, 999],
        [b.keyId, 99],
      ].sort(),
    );

    // The same endpoint follows every change: a probe counts at once, a deleted key leaves.
    await h.service.probeNow(b.keyId);
    const probed = parseExposition(await endpoint.render()).samples;
    expect(only(probed, 'headroom_probe_calls_total', { key_id: b.keyId }).value).toBe(2);
    expect(only(probed, 'headroom_window_remaining', { key_id: b.keyId, window: 'api_calls' }).value).toBe(
      98,
    );

    await h.service.deleteKey(a.keyId);
    const after = parseExposition(await endpoint.render()).samples;
    expect(after.filter((s) => s.labels.key_id === a.keyId)).toEqual([]);
    expect(after.filter((s) => s.labels.key_id === b.keyId).length).toBeGreaterThan(10);
  });

  it(
    'a run-out forecast and a cycle breach show as such',
    async () => {
      const h = await hosted();
      const state = structuredClone(h.service.getState()) as AppState;
      const key = state.keys[0]!;
      const cycle = key.cycle!;
      cycle.estimate = { ...cycle.estimate!, basis: 'breach', used: 30_000, low: 30_000, high: 30_000 };
      cycle.forecast = { ...cycle.forecast!, runOutAt: cycle.end - 86_400_000, probabilityRunOut: 0.93 };
      let current = state;
      const endpoint = createMetricsEndpoint({
        getState: () => current,
        monitorRecord: () => h.service.monitorRecord(),
      });
      const { samples } = parseExposition(await endpoint.render());
      const base = { key_id: key.id };
      expect(only(samples, 'headroom_cycle_used', { ...base, bound: 'estimate' }).labels.source).toBe(
        'breach',
      );
      expect(only(samples, 'headroom_cycle_runout_timestamp_seconds', base).value).toBe(
        (cycle.end - 86_400_000) / 1000,
      );
      expect(only(samples, 'headroom_cycle_runout_probability', base).value).toBe(0.93);

      // While the forecast lacks data, it says nothing rather than a guess. (A change is a new
      // AppState, as the service publishes it.)
      current = structuredClone(state);
      const later = current.keys[0]!.cycle!;
      later.forecast = { ...later.forecast!, status: 'insufficient-data' };
      const quiet = parseExposition(await endpoint.render()).samples;
      expect(select(quiet, 'headroom_cycle_runout_probability', base)).toEqual([]);
      expect(select(quiet, 'headroom_cycle_runout_timestamp_seconds', base)).toEqual([]);
      expect(select(quiet, 'headroom_cycle_safe_daily_budget', base)).toEqual([]);
    },
    DEMO_TIMEOUT,
  );
});

describe('answerMetrics over HTTP', () => {
  async function call(url: string, method: string) {
    return new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = request(url, { method }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }),
        );
      });
      req.on('error', reject);
      req.end();
    });
  }

  it(
    'GET answers the text format, HEAD no body, other methods 405',
    async () => {
      const h = await hosted();
      const server = await serveMetrics(h.service);
      closers.push(() => server.close());
      const get = await call(server.url, 'GET');
      expect(get.status).toBe(200);
      expect(get.type).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(
        select(parseExposition(get.body).samples, 'headroom_key_status', { key: 'Demo project' }),
      ).toHaveLength(6);
      const head = await call(server.url, 'HEAD');
      expect(head).toMatchObject({ status: 200, body: '' });
      expect((await call(server.url, 'POST')).status).toBe(405);
    },
    DEMO_TIMEOUT,
  );

  it('a failing render is a 500 that does not echo the error', async () => {
    const secretish = 'internal detail sk_live_should_not_leak';
    const endpoint = {
      contentType: 'text/plain',
      render: () => Promise.reject(new Error(secretish)),
    };
    const server = createServer((req, res) => void answerMetrics(req, res, endpoint));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise((r) => server.close(r)));
    const res = await call(`http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`, 'GET');
    expect(res.status).toBe(500);
    expect(res.body).not.toContain('sk_live');
    expect(res.body).toMatch(/could not build/);
  });
});
