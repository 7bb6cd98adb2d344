// The Zoho simulator: its accounts server and CRM API per data centre over real loopback HTTP, the
// rolling 24-hour credits and Zoho's 429 body, through the real token client and the real parser.
import { afterEach, describe, expect, it } from 'vitest';
import { parseResponse } from '../../electron/core/parse';
import { zohoCredits } from '../../electron/core/plans/zoho';
import { requestZohoToken } from '../../electron/oauth/zoho-token-http';
import { ManualClock } from '../../electron/simulator/clock';
import { ZohoEngine } from '../../electron/simulator/zoho/engine';
import { startZohoSimulator } from '../../electron/simulator/zoho/server';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 10, 2, 9, 0);
const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (running.length > 0) await running.pop()?.close();
});

function engine(over: ConstructorParameters<typeof ZohoEngine>[1] = {}) {
  const clock = new ManualClock(START);
  return { clock, org: new ZohoEngine(clock, { dataCentre: 'eu', edition: 'free', users: 1, ...over }) };
}

function tokenFor(org: ZohoEngine): string {
  const a = org.token(
    new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: org.clientId,
      client_secret: org.clientSecret,
      refresh_token: org.refreshToken,
    }),
    org.dataCentre,
  );
  return (a.body as { access_token: string }).access_token;
}

describe('Zoho simulator engine', () => {
  it('issues 1-hour tokens, refuses them after expiry and in another data centre', () => {
    const { clock, org } = engine();
    const token = tokenFor(org);
    const auth = `Zoho-oauthtoken ${token}`;
    expect(org.api('GET', '/crm/v2/org', auth, 'eu').status).toBe(200);
    expect(org.api('GET', '/crm/v8/org', auth, 'com')).toMatchObject({
      status: 401,
      body: { code: 'INVALID_TOKEN', status: 'error' },
    });
    clock.advance(HOUR);
    expect(org.api('GET', '/crm/v2/org', auth, 'eu').status).toBe(401);
  });

  it('counts credits over a rolling 24 hours and refuses with Zoho’s 429 body when they run out', () => {
    const { clock, org } = engine({ backgroundPerHour: 200 });
    expect(org.creditLimit).toBe(zohoCredits('free', 1));
    clock.advance(24 * HOUR);
    // 24 h × 200 = 4,800 of the 5,000 credits used by the integration.
    expect(org.creditsUsed()).toBe(4_800);
    const auth = `Zoho-oauthtoken ${tokenFor(org)}`;
    for (let i = 0; i < 200; i++) expect(org.api('GET', '/crm/v2/org', auth, 'eu').status).toBe(200);
    const refused = org.api('GET', '/crm/v2/org', auth, 'eu');
    expect(refused).toMatchObject({
      status: 429,
      body: { code: 'TOO_MANY_REQUESTS', details: {}, status: 'error' },
    });
    // The same answer through the real parser: a Zoho block.
    const parsed = parseResponse(
      { status: refused.status, headers: refused.headers, body: refused.body },
      { provider: 'auto', now: clock.now() },
    );
    expect(parsed.provider).toBe('zoho');
    expect(parsed.blocked?.type).toBe('TOO_MANY_REQUESTS');
    // Still refused an hour later (the integration keeps using its 200 an hour)...
    clock.advance(HOUR);
    expect(org.api('GET', '/crm/v2/org', `Zoho-oauthtoken ${tokenFor(org)}`, 'eu').status).toBe(429);
    // ...until the burst of 200 calls is 24 hours old and leaves the rolling window.
    clock.advance(23 * HOUR);
    expect(org.api('GET', '/crm/v2/org', `Zoho-oauthtoken ${tokenFor(org)}`, 'eu').status).toBe(200);
  });

  it('allows 10 access tokens per refresh token in 10 minutes, then says Access Denied', () => {
    const { clock, org } = engine();
    for (let i = 0; i < 10; i++) tokenFor(org);
    const params = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: org.clientId,
      client_secret: org.clientSecret,
      refresh_token: org.refreshToken,
    });
    expect(org.token(params, 'eu')).toMatchObject({ status: 400, body: { error: 'Access Denied' } });
    clock.advance(10 * 60_000);
    expect(org.token(params, 'eu').status).toBe(200);
  });
});

describe('Zoho simulator over HTTP, with the real token client', () => {
  it('refreshes at the right data centre, and says why at the wrong one or after revocation', async () => {
    const clock = new ManualClock(START);
    const sim = await startZohoSimulator({ clock, orgs: [{ dataCentre: 'in' }] });
    running.push(sim);
    const org = sim.orgs[0]!;
    const req = {
      accountsUrl: sim.accountsUrl('in'),
      clientId: org.clientId,
      clientSecret: org.clientSecret,
      refreshToken: org.refreshToken,
    };
    const ok = await requestZohoToken(req, () => clock.now());
    expect(ok).toMatchObject({
      ok: true,
      grant: { expiresAt: START + HOUR, apiDomain: 'https://www.zohoapis.in' },
    });

    const wrongDc = await requestZohoToken({ ...req, accountsUrl: sim.accountsUrl('com') }, () =>
      clock.now(),
    );
    expect(wrongDc).toMatchObject({ ok: false, failure: { reason: 'wrong-client', permanent: true } });

    org.revoke();
    const revoked = await requestZohoToken(req, () => clock.now());
    expect(revoked).toMatchObject({ ok: false, failure: { reason: 'revoked', permanent: true } });
    expect(JSON.stringify([wrongDc, revoked])).not.toContain(org.refreshToken);
  });

  it('reports an accounts server that is not there as a network failure, not a rejection', async () => {
    const sim = await startZohoSimulator({});
    const url = sim.accountsUrl('eu');
    await sim.close();
    const r = await requestZohoToken(
      { accountsUrl: url, clientId: 'c', clientSecret: 'secret-x', refreshToken: 'refresh-y' },
      Date.now,
    );
    expect(r).toMatchObject({ ok: false, failure: { reason: 'network', permanent: false } });
    expect(!r.ok && r.failure.message).toMatch(
      /Could not reach Zoho's accounts server 127\.0\.0\.1:\d+ .*ECONNREFUSED/,
    );
  });
});
