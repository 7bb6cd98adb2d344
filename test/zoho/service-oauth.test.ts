// A Zoho key through the real service, over loopback HTTP against the Zoho simulator, on one manual
// clock shared by both: added once with a self client's secrets, it keeps monitoring through two days
// of one-hour access tokens; revoked, it says so once.
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../electron/core/alerts/types';
import type { KeyInput } from '../../electron/ipc/contract';
import { createHeadroomService } from '../../electron/service/headroom-service';
import { MemoryVault } from '../../electron/service/memory';
import type { Timers } from '../../electron/service/ports';
import type { HeadroomService } from '../../electron/service/service-types';
import { ManualClock } from '../../electron/simulator/clock';
import { startZohoSimulator, type RunningZohoSimulator } from '../../electron/simulator/zoho/server';
import type { ZohoDataCentre } from '../../electron/core/config/settings';
import { memoryServiceDeps } from '../support/memory-service';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Timers that never fire by themselves: probes happen when the test says so. */
const heldTimers: Timers = { setTimeout: () => 0, clearTimeout: () => {} };

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (running.length > 0) await running.pop()?.close();
});

async function setup(opts: { dc?: ZohoDataCentre } = {}) {
  const clock = new ManualClock(Date.UTC(2026, 10, 2, 9, 0));
  const sim = await startZohoSimulator({
    clock,
    orgs: [{ dataCentre: opts.dc ?? 'eu', edition: 'standard', users: 10 }],
  });
  running.push(sim);
  const delivered: AlertMessage[] = [];
  const logs: string[] = [];
  const vault = new MemoryVault();
  const service = createHeadroomService(
    memoryServiceDeps({
      vault,
      notifier: {
        name: 'recording',
        async deliver(msg) {
          delivered.push(msg);
          return { ok: true };
        },
      },
      logger: {
        info: (m, f) => logs.push(`${m} ${JSON.stringify(f ?? {})}`),
        warn: (m, f) => logs.push(`${m} ${JSON.stringify(f ?? {})}`),
        error: (m, f) => logs.push(`${m} ${JSON.stringify(f ?? {})}`),
      },
      timers: heldTimers,
      now: () => clock.now(),
    }),
  );
  running.push({ close: () => service.stop() });
  await service.start();
  const org = sim.orgs[0]!;
  return { clock, sim, org, service, delivered, logs, vault };
}

function zohoKey(
  sim: RunningZohoSimulator,
  over: { dc?: ZohoDataCentre; clientSecret?: string; refreshToken?: string } = {},
): KeyInput {
  const org = sim.orgs[0]!;
  const dc = over.dc ?? 'eu';
  return {
    name: 'CRM sync',
    connection: {
      provider: 'zoho',
      dataCentre: dc,
      clientId: org.clientId,
      baseUrl: sim.apiUrl(dc),
      accountsUrl: sim.accountsUrl(dc),
    },
    secrets: {
      clientSecret: over.clientSecret ?? org.clientSecret,
      refreshToken: over.refreshToken ?? org.refreshToken,
    },
    plan: { provider: 'zoho', edition: 'standard', users: 10 },
    cycle: { renewalDay: 1, timeZone: 'UTC' },
    thresholds: [80, 90, 100],
  };
}

function keyOf(service: HeadroomService) {
  const k = service.getState().keys[0];
  if (!k) throw new Error('no key');
  return k;
}

describe('Zoho keys with OAuth refresh, against the Zoho simulator', () => {
  it('keeps monitoring across 48 simulated hours of access-token expiries with no "rejected" state', async () => {
    const { clock, org, sim, service, delivered, logs } = await setup();
    const saved = await service.saveKey(zohoKey(sim));
    expect(saved).toEqual({ ok: true, keyId: expect.any(String) });

    const outcomes = new Map<string, number>();
    const statuses = new Set<string>();
    const end = clock.now() + 48 * HOUR;
    let step = 0;
    while (clock.now() < end) {
      // Every 140 minutes (out of step with the hourly refresh) Zoho drops the live tokens early, as it
      // does beyond 10 live tokens or on a password change: the cached one is refused with 401.
      if (step % 7 === 5) org.expireAccessTokens();
      await service.probeNow(null);
      const k = keyOf(service);
      outcomes.set(k.lastProbe!.outcome, (outcomes.get(k.lastProbe!.outcome) ?? 0) + 1);
      statuses.add(k.status);
      clock.advance(20 * MINUTE);
      step += 1;
    }
    expect(step).toBe(144);
    expect(outcomes).toEqual(new Map([['ok', 144]]));
    expect(statuses.has('error')).toBe(false);
    const truth = org.truth();
    // One token per hour or so (refreshed 5 minutes before expiry), plus one per early drop.
    expect(truth.refreshes).toBeGreaterThanOrEqual(48);
    expect(truth.refreshes).toBeLessThanOrEqual(48 + 20 + 2);
    expect(truth.apiCalls).toBe(144);
    // Only the 20 early drops were met with a 401: every expiry was refreshed ahead of time.
    expect(truth.refused.unauthorized).toBe(20);
    // Refreshes are not API credits: the ledger counts the 144 probes only.
    expect(keyOf(service).monitor.callsThisCycle).toBe(144);
    expect(delivered).toEqual([]);
    expect(service.getState().notices.filter((n) => n.id.startsWith('oauth-refresh'))).toEqual([]);
    // No secret anywhere the user or a log can see.
    const visible = JSON.stringify(service.getState()) + logs.join('\n');
    for (const secret of [org.clientSecret, org.refreshToken]) expect(visible).not.toContain(secret);
    expect(visible).not.toMatch(/1000\.[0-9a-f]{32}\.[0-9a-f]{32}/);
  }, 60_000);

  it('a revoked refresh token gives one clear notice and one notification, and stops asking Zoho', async () => {
    const { clock, org, sim, service, delivered } = await setup();
    await service.saveKey(zohoKey(sim));
    await service.probeNow(null);
    expect(keyOf(service).lastProbe?.outcome).toBe('ok');

    org.revoke();
    for (let i = 0; i < 6; i++) {
      clock.advance(30 * MINUTE);
      await service.probeNow(null);
    }
    const k = keyOf(service);
    expect(k.lastProbe?.outcome).toBe('unauthorized');
    expect(k.lastProbe?.message).toMatch(/no longer accepts the refresh token \(invalid_code\).*Edit key/);
    expect(k.status).toBe('error');
    const notices = service.getState().notices.filter((n) => n.id.startsWith('oauth-refresh'));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toMatch(/^CRM sync: Zoho no longer accepts the refresh token/);
    await new Promise((r) => setTimeout(r, 0));
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({
      keyId: k.id,
      urgency: 'critical',
      title: 'CRM sync: Zoho stopped issuing access tokens',
    });
    // After Zoho said no, Headroom does not hammer the accounts server with the same dead token.
    expect(org.truth().refused.tokenErrors).toBe(1);

    // New secrets (a new refresh token for the same client) clear the notice and monitoring resumes.
    const fresh = await startZohoSimulator({
      clock,
      orgs: [{ dataCentre: 'eu', edition: 'standard', users: 10 }],
    });
    running.push(fresh);
    const again = await service.saveKey({ ...zohoKey(fresh), id: k.id });
    expect(again.ok).toBe(true);
    await service.probeNow(null);
    expect(keyOf(service).lastProbe?.outcome).toBe('ok');
    expect(service.getState().notices.filter((n) => n.id.startsWith('oauth-refresh'))).toEqual([]);
    expect(delivered).toHaveLength(1);
  });

  it('says which part is wrong: another data centre, or a client secret that does not match', async () => {
    const { sim, service } = await setup({ dc: 'eu' });
    // The org lives in the EU data centre; the key says US (.com).
    const wrongDc = await service.testKey(zohoKey(sim, { dc: 'com' }));
    expect(wrongDc.ok).toBe(false);
    expect(wrongDc.outcome).toBe('unauthorized');
    expect(wrongDc.message).toMatch(/does not know this Client ID \(invalid_client\).*data centre/);
    const wrongSecret = await service.testKey(zohoKey(sim, { clientSecret: 'not-the-secret-123' }));
    expect(wrongSecret.message).toMatch(/client secret does not belong to this Client ID/);
    expect(wrongSecret.message).not.toContain('not-the-secret-123');
    const good = await service.testKey(zohoKey(sim));
    expect(good).toMatchObject({ ok: true, outcome: 'ok', status: 200 });
  });

  it('on edit, a blank secret field keeps the stored one', async () => {
    const { org, sim, service, vault } = await setup();
    const saved = await service.saveKey(zohoKey(sim));
    if (!saved.ok) throw new Error(saved.error);
    const edit = zohoKey(sim);
    edit.secrets = { refreshToken: org.refreshToken };
    const again = await service.saveKey({ ...edit, id: saved.keyId, name: 'Renamed' });
    expect(again.ok).toBe(true);
    const stored = await vault.get(saved.keyId);
    expect(JSON.parse(stored!)).toEqual({
      zohoOAuth: 1,
      clientSecret: org.clientSecret,
      refreshToken: org.refreshToken,
    });
    await service.probeNow(null);
    expect(keyOf(service).lastProbe?.outcome).toBe('ok');
  });
});

describe('the second demo project', () => {
  it('is a simulated Zoho CRM org, monitored over OAuth like a real key', async () => {
    const service = createHeadroomService(
      memoryServiceDeps({
        logger: { info() {}, warn() {}, error() {} },
        timers: heldTimers,
        demo: true,
      }),
    );
    running.push({ close: () => service.stop() });
    await service.start();
    await service.probeNow('demo-zoho');
    const zoho = service.getState().keys.find((k) => k.id === 'demo-zoho');
    expect(zoho).toMatchObject({
      demo: true,
      provider: 'zoho',
      name: 'Demo Zoho CRM org',
      planName: 'Professional, 20 users',
    });
    expect(zoho?.lastProbe?.outcome).toBe('ok');
    expect(zoho?.maskedCredentials).toMatch(/^Client ID 1000\.….* · secret and refresh token ••••••••$/);
    // Deleting is refused for demo keys; they leave when a real key is added.
    await expect(service.deleteKey('demo-zoho')).rejects.toThrow(/demo key/);
  });
});
