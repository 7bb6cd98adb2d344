// One probe over real loopback HTTP, for every outcome a user can meet: each gives its class and a
// clear message, and no secret anywhere in the result or the log, even when a server echoes it back.
import { afterEach, describe, expect, it } from 'vitest';
import { PERIOD_MS } from '../../electron/core/quota/model';
import { probe, when, type ProbeResult } from '../../electron/probe/probe';
import { makeTarget, type Credentials, type TargetInput } from '../../electron/probe/targets';
import { ManualClock } from '../../electron/simulator/clock';
import { SIM_PLAN_IDS, type SimPlanId } from '../../electron/simulator/engine';
import { startSimulator } from '../../electron/simulator/server';
import {
  closedPort,
  droppingServer,
  hangingServer,
  httpServer,
  rawServer,
  type FaultServer,
} from '../support/fault-servers';

const T0 = Date.parse('2026-11-23T10:20:00Z');
const TOKEN = 'tok_9f3Kq7ZpL2xW8vR4nB6mT1yH5cJ0dS';
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length) await cleanups.pop()?.();
});

async function sim(plan: SimPlanId, extra: { subscriptionEnded?: boolean } = {}) {
  const clock = new ManualClock(T0);
  const s = await startSimulator({
    clock,
    load: 'none',
    projects: [{ plan, appId: 'app-1', appToken: TOKEN, ...extra }],
  });
  cleanups.push(() => s.close());
  return { s, clock, project: s.projects[0]! };
}

async function fault(server: Promise<FaultServer>): Promise<FaultServer> {
  const f = await server;
  cleanups.push(() => f.close());
  return f;
}

function voucherify(baseUrl: string, extra: Partial<TargetInput> = {}, token = TOKEN) {
  return makeTarget({
    provider: 'voucherify',
    baseUrl,
    credentials: { kind: 'voucherify-app', appId: 'app-1', appToken: token },
    ...extra,
  });
}

/** No part of the secret (any 8 characters of it) in the result or the log lines. */
function expectNoSecret(r: ProbeResult, log: string[], secret = TOKEN) {
  const text = JSON.stringify(r) + log.join('\n');
  for (let i = 0; i + 8 <= secret.length; i++) expect(text).not.toContain(secret.slice(i, i + 8));
}

async function run(target: ReturnType<typeof makeTarget>, opts: Parameters<typeof probe>[1] = {}) {
  const log: string[] = [];
  const r = await probe(target, { log: (l) => log.push(l), ...opts });
  expectNoSecret(r, log);
  expect(log).toHaveLength(1);
  return { r, log };
}

describe('probe against the simulator', () => {
  it.each(SIM_PLAN_IDS)('%s: ok, with the request window, status and latency', async (plan) => {
    const { s, clock, project } = await sim(plan);
    const { r } = await run(
      voucherify(s.url, { hints: { requestPeriodMs: project.engine.limits.requestPeriodMs } }),
      {
        now: () => clock.now(),
      },
    );
    const limit = project.engine.limits.request;
    expect(r).toMatchObject({ outcome: 'ok', status: 200, sent: true, retryAt: null, at: T0 });
    expect(r.latencyMs).toBeGreaterThan(0);
    expect(r.result?.windows[0]).toMatchObject({ id: 'api_calls', limit, remaining: limit - 1 });
    expect(r.result?.warnings).toEqual([]);
    expect(r.message).toMatch(
      new RegExp(
        `^OK \\(200\\): Requests / (hour|minute): ${limit - 1} of ${limit} left, resets .+$`,
      ),
    );
    expect(r.message).not.toContain('UTC');
    expect(project.truth().cycleUsed).toBe(1);
  });

  it('blocked on the request window: api_calls until the hour ends', async () => {
    const { s, clock, project } = await sim('free');
    project.engine.consume(100);
    const { r } = await run(voucherify(s.url), { now: () => clock.now() });
    expect(r).toMatchObject({ outcome: 'blocked', status: 429, retryAt: Date.parse('2026-11-23T11:00:00Z') });
    // User words in the user's zone: never the provider's identifier, never UTC.
    expect(r.message).toBe(`Request limit reached until ${when(Date.parse('2026-11-23T11:00:00Z'))}`);
  });

  it('blocked on the cycle: api_calls_cycle until it renews', async () => {
    const { s, clock, project } = await sim('free');
    for (let h = 0; h < 5; h++) {
      project.engine.consume(100);
      clock.advance(PERIOD_MS.hour);
    }
    const { r } = await run(voucherify(s.url), { now: () => clock.now() });
    expect(r).toMatchObject({ outcome: 'blocked', retryAt: Date.parse('2026-12-01T00:00:00Z') });
    expect(r.message).toBe(`Billing-cycle quota used up until ${when(Date.parse('2026-12-01T00:00:00Z'))}`);
    expect(r.message).not.toMatch(/api_calls|UTC/);
    expect(r.result?.blocked?.type).toBe('api_calls_cycle');
  });

  it('blocked on bulk: bulk_api_calls until the hour ends', async () => {
    const { s, clock, project } = await sim('startup');
    project.engine.consume(10, 'bulk');
    const { r } = await run(voucherify(s.url, { method: 'POST', path: '/v1/vouchers/bulk/async' }), {
      now: () => clock.now(),
    });
    expect(r.message).toBe(`Bulk request limit reached until ${when(Date.parse('2026-11-23T11:00:00Z'))}`);
  });

  it('a bad key is unauthorized, with what to check', async () => {
    const { s } = await sim('growth');
    const { r } = await run(voucherify(s.url, {}, 'wrong-token-0000'));
    expect(r).toMatchObject({ outcome: 'unauthorized', status: 401 });
    expect(r.message).toBe('Voucherify rejected the key (401): check the App ID and token');
  });

  it('an ended subscription is plan-exceeded', async () => {
    const { s, clock } = await sim('professional', { subscriptionEnded: true });
    const { r } = await run(voucherify(s.url), { now: () => clock.now() });
    expect(r).toMatchObject({ outcome: 'plan-exceeded', status: 402 });
    expect(r.message).toBe(
      'Voucherify answered 402: the plan is exceeded or the subscription has ended (payment_required: Payment Required)',
    );
  });

  it('never probes before the retry time: deferred, nothing sent', async () => {
    const { s, clock, project } = await sim('free');
    const { r } = await run(voucherify(s.url), {
      now: () => clock.now(),
      retryAt: Date.parse('2026-11-23T11:00:00Z'),
    });
    expect(r).toMatchObject({ outcome: 'deferred', sent: false, latencyMs: null, status: null });
    expect(r.message).toContain(`until ${when(Date.parse('2026-11-23T11:00:00Z'))}`);
    expect(s.requests()).toBe(0);
    expect(project.truth().cycleUsed).toBe(0);
  });

  it('https against a plain-HTTP port is a TLS failure', async () => {
    const { s } = await sim('free');
    const { r } = await run(voucherify(s.url.replace('http://', 'https://')));
    expect(r.outcome).toBe('tls');
    expect(r.message).toMatch(
      /^TLS with https:\/\/127\.0\.0\.1:\d+ failed \(.+\): the server speaks plain HTTP/,
    );
  });
});

describe('probe against servers that misbehave', () => {
  it('a server that hangs: timeout', async () => {
    const f = await fault(hangingServer());
    const { r } = await run(voucherify(f.url, { timeoutMs: 300 }));
    expect(r).toMatchObject({ outcome: 'timeout', status: null, message: 'Timed out after 300 ms' });
    expect(r.latencyMs).toBeGreaterThanOrEqual(290);
  });

  it('a server that drops the connection', async () => {
    const f = await fault(droppingServer());
    const { r } = await run(voucherify(f.url));
    expect(r.outcome).toBe('connection');
    expect(r.message).toMatch(
      /^The connection to http:\/\/127\.0\.0\.1:\d+ was dropped before a complete answer/,
    );
  });

  it('a port with nothing listening', async () => {
    const port = await closedPort();
    const { r } = await run(voucherify(`http://127.0.0.1:${port}`));
    expect(r).toMatchObject({
      outcome: 'connection',
      message: `Nothing is listening at http://127.0.0.1:${port} (connection refused)`,
    });
  });

  it('a host that does not resolve: DNS', async () => {
    const { r } = await run(voucherify('https://headroom-probe-test.invalid'));
    expect(r.outcome).toBe('dns');
    expect(r.message).toMatch(/^Cannot resolve headroom-probe-test\.invalid \(DNS lookup failed: E[A-Z_]+\)/);
  });

  it('bytes that are not HTTP', async () => {
    const f = await fault(rawServer('HTTP/1.1 200 OK\r\nX-Rate\u0001Limit: 5\r\n\r\n'));
    const { r } = await run(voucherify(f.url));
    expect(r.outcome).toBe('unexpected');
    expect(r.message).toMatch(/is not valid HTTP \(HPE_[A-Z_]+\): check the base URL$/);
  });

  it('an HTML page', async () => {
    const f = await fault(
      httpServer((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<!DOCTYPE html><html><body>Welcome to nginx</body></html>');
      }),
    );
    const { r } = await run(voucherify(f.url));
    expect(r).toMatchObject({
      outcome: 'unexpected',
      status: 200,
      message: 'The server answered with an HTML page, not the API: check the base URL',
    });
  });

  it('garbage quota headers: the answer is ok, every bad value flagged, nothing invented', async () => {
    const f = await fault(
      httpServer((_req, res) => {
        res.writeHead(200, {
          'Content-Type': 'application/json',
          'X-Rate-Limit-Limit': '100',
          'X-Rate-Limit-Remaining': 'lots',
          'X-Rate-Limit-Retry': 'soon',
        });
        res.end('{}');
      }),
    );
    const { r } = await run(voucherify(f.url));
    expect(r.outcome).toBe('ok');
    expect(r.result?.windows[0]).toMatchObject({ limit: 100, remaining: null, resetAt: null });
    expect(r.result?.windows[0]?.flag).toMatch(/not a number/);
    expect(r.result?.warnings.join(' ')).toMatch(/X-Rate-Limit-Retry/);
    expect(r.message).toMatch(/^OK \(200\): Requests \/ hour: \? of 100 left \(\d warnings\)$/);
  });

  it('a 200 without Voucherify headers is not Voucherify', async () => {
    const f = await fault(httpServer((_req, res) => res.end('{"ok":true}')));
    const { r } = await run(voucherify(f.url));
    expect(r.outcome).toBe('unexpected');
    expect(r.message).toMatch(/without Voucherify's rate-limit headers: check the base URL/);
  });

  it('a server error', async () => {
    const f = await fault(
      httpServer((_req, res) => {
        res.writeHead(503, { 'Content-Type': 'application/json' });
        res.end('{"code":503,"key":"service_unavailable","message":"Maintenance"}');
      }),
    );
    const { r } = await run(voucherify(f.url));
    expect(r).toMatchObject({ outcome: 'server-error', status: 503 });
    expect(r.message).toBe(
      'Voucherify had a server error (503): try again later (service_unavailable: Maintenance)',
    );
  });

  it('a server that echoes the token in headers and body leaks nothing', async () => {
    const f = await fault(
      httpServer((req, res) => {
        const token = String(req.headers['x-app-token']);
        res.writeHead(req.url?.includes('ok') ? 200 : 401, {
          'Content-Type': 'application/json',
          'X-Rate-Limit-Limit': token,
          'X-Rate-Limit-Remaining': `${token}, 5`,
          'X-Rate-Limit-Retry': token,
          'X-Debug': `token=${token}`,
        });
        res.end(
          JSON.stringify({ code: 401, key: 'unauthorized', message: `bad token ${token}`, details: token }),
        );
      }),
    );
    const bad = await run(voucherify(f.url));
    expect(bad.r.outcome).toBe('unauthorized');
    const ok = await run(voucherify(f.url, { path: '/v1/ok' }));
    expect(ok.r.outcome).toBe('ok');
    expect(JSON.stringify(ok.r.result)).toContain('[redacted]');
  });

  it('sends each provider its own credentials and default path', async () => {
    const seen: Array<{ url?: string; headers: Record<string, unknown> }> = [];
    const f = await fault(
      httpServer((req, res) => {
        seen.push({ url: req.url, headers: req.headers });
        res.writeHead(200, { 'Content-Type': 'application/json', 'X-RateLimit-Limit': '10' });
        res.end('{}');
      }),
    );
    const creds: Array<[TargetInput['provider'], Credentials, string?]> = [
      ['zoho', { kind: 'zoho-oauth', token: TOKEN }],
      ['generic', { kind: 'header', name: 'X-Api-Key', value: TOKEN }, '/status'],
      ['voucherify', { kind: 'voucherify-client', clientId: 'client-1', clientToken: TOKEN }],
    ];
    for (const [provider, credentials, path] of creds) {
      await run(
        makeTarget({ provider, baseUrl: `${f.url}/prefix/`, credentials, ...(path ? { path } : {}) }),
      );
    }
    expect(seen[0]).toMatchObject({
      url: '/prefix/crm/v2/org',
      headers: { authorization: `Zoho-oauthtoken ${TOKEN}` },
    });
    expect(seen[1]).toMatchObject({ url: '/prefix/status', headers: { 'x-api-key': TOKEN } });
    expect(seen[2]).toMatchObject({
      url: '/prefix/v1/vouchers?limit=1',
      headers: { 'x-client-application-id': 'client-1', 'x-client-token': TOKEN },
    });
  });
});
