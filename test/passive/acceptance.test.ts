// The acceptance, inside the suite: a simulated Voucherify project whose every call goes
// through Headroom's proxy. `serve --config` as the command reads it (planServe) and the web shell it
// starts, with one key "Shop", "proxy": {"port": 0} and "reading": {"used": 0, "at": now}. 202 calls
// through the proxy, one with a bad token: Headroom counted 202 passive calls, and its cycle figure is
// the simulator's own truth exactly, with no band. Answers through the proxy are the API's answers.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planServe } from '../../electron/cli/commands/serve';
import { silentLogger } from '../../electron/service/ports';
import { startSimulator, type RunningSimulator, type SimProject } from '../../electron/simulator/server';
import { startWebShell, type WebShell } from '../../electron/web/shell';

const APP_ID = 'shop-app';
const APP_TOKEN = 'shop-token-0123456789';

interface Answer {
  status: number;
  headers: Headers;
  body: string;
}

async function call(base: string, path: string, token = APP_TOKEN, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${base}${path}`, {
    ...init,
    headers: { 'X-App-Id': APP_ID, 'X-App-Token': token, ...(init.headers ?? {}) },
  });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

function quotaHeaders(a: Answer): Record<string, string | null> {
  return Object.fromEntries(
    [
      'x-rate-limit-limit',
      'x-rate-limit-remaining',
      'x-rate-limit-retry',
      'x-rate-limit-type',
      'retry-after',
    ].map((n) => [n, a.headers.get(n)]),
  );
}

/**
 * Resolves when `check` holds after a state change (the service publishes after folding answers in);
 * fails with the last value seen if it never does (a wrong count never settles on the truth).
 */
function until<T>(shell: WebShell, check: () => T | null, describeLast: () => unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    const first = check();
    if (first !== null) return resolve(first);
    const timer = setTimeout(() => {
      off();
      reject(new Error(`never settled: ${JSON.stringify(describeLast())}`));
    }, 20_000);
    const off = shell.service.subscribe(() => {
      const v = check();
      if (v !== null) {
        clearTimeout(timer);
        off();
        resolve(v);
      }
    });
  });
}

describe('passive readings through the proxy (acceptance)', () => {
  let dir: string;
  let sim: RunningSimulator;
  let project: SimProject;
  let shell: WebShell;
  let proxyUrl: string;

  beforeAll(async () => {
    sim = await startSimulator({
      projects: [{ plan: 'growth', appId: APP_ID, appToken: APP_TOKEN, load: 'none' }],
    });
    project = sim.project(APP_ID)!;
    dir = await mkdtemp(join(tmpdir(), 'headroom-passive-'));
    await mkdir(join(dir, 'renderer'));
    await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Headroom</title>');
    const config = {
      keys: [
        {
          name: 'Shop',
          provider: 'voucherify',
          region: 'custom',
          baseUrl: sim.url,
          appId: APP_ID,
          plan: 'growth',
          tokenEnv: 'SHOP_TOKEN',
          proxy: { port: 0 },
          reading: { used: 0, at: new Date().toISOString() },
        },
      ],
    };
    await writeFile(join(dir, 'headroom.json'), JSON.stringify(config));
    const env = { SHOP_TOKEN: APP_TOKEN };
    const plan = planServe(
      ['--port', '0', '--config', join(dir, 'headroom.json'), '--data', join(dir, 'data')],
      env,
      Date.now(),
    );
    shell = await startWebShell({
      dataDir: plan.dataDir,
      rendererDir: join(dir, 'renderer'),
      token: plan.token,
      host: plan.host,
      port: plan.port,
      config: plan.config,
      env,
      keyring: null,
      platform: 'linux',
      logger: silentLogger,
    });
    expect(shell.proxies.map((p) => p.name)).toEqual(['Shop']);
    proxyUrl = shell.proxies[0]!.url;
  });

  afterAll(async () => {
    await shell?.stop();
    await sim?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it(
    'counts 202 calls and gives the simulator’s truth exactly, with low = high',
    { timeout: 60_000 },
    async () => {
      for (let i = 0; i < 201; i++) {
        const a = await call(proxyUrl, `/v1/vouchers?limit=1&page=${i}`);
        expect(a.status).toBe(200);
      }
      const bad = await call(proxyUrl, '/v1/vouchers?limit=1', 'not-the-token');
      expect(bad.status).toBe(401);

      const key = () => shell.service.getState().keys.find((k) => k.name === 'Shop') ?? null;
      const truth = () => project.truth().cycleUsed;
      // The service folds proxied answers in within a moment; wait for the figure to settle on the truth.
      const estimate = await until(
        shell,
        () => {
          const e = key()?.cycle?.estimate;
          return e && e.basis === 'observed' && e.used === truth() ? e : null;
        },
        () => ({ truth: truth(), estimate: key()?.cycle?.estimate }),
      );
      const calls = shell.service.passiveCalls().find((k) => k.name === 'Shop');
      expect(calls?.total).toBe(202);
      // 201 accepted calls plus Headroom's own probe(s), sent straight to the API; the 401 is not billed.
      expect(truth()).toBeGreaterThanOrEqual(201);
      expect(estimate.used).toBe(truth());
      expect(estimate.low).toBe(truth());
      expect(estimate.high).toBe(truth());
      expect(estimate.notes?.join(' ')).toMatch(/counted exactly/);
      // Probes step aside: with the cycle counted exactly, no probe of Headroom's own is planned.
      expect(key()?.nextProbe).toBeNull();
      // The same figures on serve's /metrics, as a team's Prometheus reads them.
      const text = await (await fetch(`${shell.server.url}/metrics`)).text();
      const sample = (name: string, bound?: string) => {
        const line = text
          .split('\n')
          .find(
            (l) =>
              l.startsWith(`${name}{`) &&
              l.includes('key="Shop"') &&
              (bound === undefined || l.includes(`bound="${bound}"`)),
          );
        return line === undefined ? null : Number(line.slice(line.lastIndexOf(' ') + 1));
      };
      expect(sample('headroom_passive_calls_total')).toBe(202);
      expect(sample('headroom_cycle_used', 'estimate')).toBe(truth());
      expect(sample('headroom_cycle_used', 'low')).toBe(truth());
      expect(sample('headroom_cycle_used', 'high')).toBe(truth());
    },
  );

  it('answers through the proxy as the API answers directly', async () => {
    const direct = await call(sim.url, '/v1/vouchers?limit=1');
    const proxied = await call(proxyUrl, '/v1/vouchers?limit=1');
    expect(proxied.status).toBe(direct.status);
    expect(proxied.body).toBe(direct.body);
    const d = quotaHeaders(direct);
    const p = quotaHeaders(proxied);
    // Same window, one more call in it.
    expect(p['x-rate-limit-limit']).toBe(d['x-rate-limit-limit']);
    expect(Number(p['x-rate-limit-remaining'])).toBe(Number(d['x-rate-limit-remaining']) - 1);
    expect(p['x-rate-limit-retry']).toBe(d['x-rate-limit-retry']);

    const directBad = await call(sim.url, '/v1/vouchers', 'wrong');
    const proxiedBad = await call(proxyUrl, '/v1/vouchers', 'wrong');
    expect(proxiedBad.status).toBe(401);
    expect(proxiedBad.body).toBe(directBad.body);
    expect(quotaHeaders(proxiedBad)).toEqual(quotaHeaders(directBad));
  });
});
