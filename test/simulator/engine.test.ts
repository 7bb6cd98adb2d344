// The simulated Voucherify project behaves as DESIGN.md section 2 and docs/simulator.md describe, and
// what it answers reads back through the real Voucherify profile as the same numbers.
import { parseList } from 'structured-headers';
import { describe, expect, it } from 'vitest';
import { parseResponse } from '../../electron/core/parse';
import { findProfile } from '../../electron/core/providers/registry';
import { voucherifyPlan } from '../../electron/core/plans/voucherify';
import { cycleBounds, cycleSpecFrom } from '../../electron/core/cycle/bounds';
import { PERIOD_MS } from '../../electron/core/quota/model';
import { ManualClock, ScaledClock } from '../../electron/simulator/clock';
import {
  SIM_PLAN_IDS,
  VoucherifyEngine,
  isBulkPath,
  type EngineOptions,
  type SimPlanId,
  type SimResponse,
} from '../../electron/simulator/engine';

const creds = { appId: 'app-id-1', appToken: 'app-token-secret-1' };
const auth = { 'X-App-Id': creds.appId, 'X-App-Token': creds.appToken };
const T0 = Date.parse('2026-11-23T10:20:00Z');

function setup(plan: SimPlanId, extra: Partial<EngineOptions> = {}, start = T0) {
  const clock = new ManualClock(start);
  const engine = new VoucherifyEngine({ plan, clock, credentials: creds, ...extra });
  const get = (path = '/v1/vouchers?limit=1', headers: Record<string, string> = auth) =>
    engine.handle({ method: 'GET', path, headers });
  const post = (path: string) => engine.handle({ method: 'POST', path, headers: auth });
  return { clock, engine, get, post };
}

function planFigure(plan: SimPlanId, id: string): number | null {
  return voucherifyPlan(plan).windows.find((w) => w.id === id)?.limit ?? null;
}

function periodOf(plan: SimPlanId): number {
  return voucherifyPlan(plan).windows.find((w) => w.id === 'api_calls')?.periodMs as number;
}

describe('clocks', () => {
  it('ManualClock moves only when told', () => {
    const c = new ManualClock(1000);
    expect(c.now()).toBe(1000);
    c.advance(500);
    expect(c.now()).toBe(1500);
    c.set(42);
    expect(c.now()).toBe(42);
    expect(() => c.advance(Number.NaN)).toThrow(RangeError);
  });

  it('ScaledClock runs `speed` times faster than its real clock, from its start', () => {
    let real = 5_000;
    const c = new ScaledClock({ speed: 60, start: T0, real: () => real });
    expect(c.now()).toBe(T0);
    real += 1_000;
    expect(c.now()).toBe(T0 + 60_000);
    const d = new ScaledClock({ speed: 2, real: () => real });
    expect(d.now()).toBe(real);
    expect(() => new ScaledClock({ speed: 0 })).toThrow(RangeError);
  });
});

describe('billing cycles', () => {
  it('renew on the anchor day, clamped to short months', () => {
    const anchor = Date.parse('2026-01-31T09:30:00Z');
    const billingCycleAt = (a: number, at: number) => cycleBounds(cycleSpecFrom(a, 'UTC'), at);
    expect(billingCycleAt(anchor, Date.parse('2026-02-15T00:00:00Z'))).toMatchObject({
      start: anchor,
      end: Date.parse('2026-02-28T09:30:00Z'),
    });
    expect(billingCycleAt(anchor, Date.parse('2026-03-01T00:00:00Z'))).toMatchObject({
      start: Date.parse('2026-02-28T09:30:00Z'),
      end: Date.parse('2026-03-31T09:30:00Z'),
    });
    // an anchor in the future still places earlier moments in the right cycle
    expect(billingCycleAt(anchor, Date.parse('2025-12-31T09:29:59Z'))).toMatchObject({
      start: Date.parse('2025-11-30T09:30:00Z'),
      end: Date.parse('2025-12-31T09:30:00Z'),
    });
  });
});

describe('VoucherifyEngine on every plan', () => {
  it.each(SIM_PLAN_IDS)(
    '%s: headers count down the request window, then 429 api_calls until it ends',
    (plan) => {
      const period = periodOf(plan);
      const limit = planFigure(plan, 'api_calls') as number;
      // Start mid-window so the first hour/minute is already partly gone.
      const start = Date.parse('2026-11-23T10:20:30Z');
      const { engine, get } = setup(plan, {}, start);
      const windowEnd = start - (start % period) + period;

      const first = get();
      expect(first.status).toBe(200);
      expect(first.headers['X-Rate-Limit-Limit']).toBe(String(limit));
      expect(first.headers['X-Rate-Limit-Remaining']).toBe(String(limit - 1));
      expect(first.headers['X-Rate-Limit-Retry']).toBe(String(windowEnd / 1000));
      expect(first.headers.Date).toBe(new Date(start).toUTCString());
      expect(first.headers['Retry-After']).toBeUndefined();

      engine.consume(limit - 2);
      const last = get();
      expect(last.status).toBe(200);
      expect(last.headers['X-Rate-Limit-Remaining']).toBe('0');

      const blocked = get();
      expect(blocked.status).toBe(429);
      expect(blocked.headers['X-Rate-Limit-Type']).toBe('api_calls');
      expect(blocked.headers['Retry-After']).toBe(String(Math.ceil((windowEnd - start) / 1000)));
      expect(blocked.body).toMatchObject({ code: 429, key: 'too_many_requests' });

      const t = engine.truth();
      expect(t).toMatchObject({
        windowLimit: limit,
        windowUsed: limit,
        windowResetAt: windowEnd,
        cycleUsed: limit,
        rejected: 1,
        cycleLimit: planFigure(plan, 'api_calls_cycle'),
        bulkLimit: planFigure(plan, 'bulk_api_calls'),
        webhookLimit: planFigure(plan, 'webhook_calls'),
      });

      // The parser reads the same facts back.
      const parsed = parseResponse(blocked, { now: start, hints: { requestPeriodMs: period } });
      expect(parsed.provider).toBe('voucherify');
      expect(parsed.blocked).toEqual({ type: 'api_calls', windowId: 'api_calls', retryAt: windowEnd });
      expect(parsed.windows[0]).toMatchObject({ id: 'api_calls', limit, remaining: 0, resetAt: windowEnd });
    },
  );

  it('opens a fresh request window at the hour (or minute) boundary, aligned to UTC', () => {
    const { clock, engine, get } = setup('free');
    engine.consume(100);
    expect(get().status).toBe(429);
    clock.set(Date.parse('2026-11-23T10:59:59.999Z'));
    expect(get().status).toBe(429);
    clock.set(Date.parse('2026-11-23T11:00:00Z'));
    const r = get();
    expect(r.status).toBe(200);
    expect(r.headers['X-Rate-Limit-Remaining']).toBe('99');
    expect(r.headers['X-Rate-Limit-Retry']).toBe(String(Date.parse('2026-11-23T12:00:00Z') / 1000));

    const b = setup('business');
    b.engine.consume(100);
    expect(b.get().status).toBe(429);
    b.clock.set(Date.parse('2026-11-23T10:21:00Z'));
    expect(b.get().headers['X-Rate-Limit-Remaining']).toBe('99');
  });
});

describe('billing cycle', () => {
  it('when exhausted, every non-bulk call is 429 api_calls_cycle until the cycle renews; bulk still runs', () => {
    const { clock, engine, get, post } = setup('free');
    // 500 a cycle at 100 an hour: five hours of full use.
    for (let h = 0; h < 5; h++) {
      expect(engine.consume(100)).toBe(100);
      clock.advance(PERIOD_MS.hour);
    }
    expect(engine.truth().cycleUsed).toBe(500);
    const r = get();
    expect(r.status).toBe(429);
    expect(r.headers['X-Rate-Limit-Type']).toBe('api_calls_cycle');
    const cycleEnd = Date.parse('2026-12-01T00:00:00Z');
    expect(Number(r.headers['Retry-After'])).toBe(Math.ceil((cycleEnd - clock.now()) / 1000));
    // the request window is untouched by the rejected call and keeps its own headers
    expect(r.headers['X-Rate-Limit-Remaining']).toBe('100');
    expect(engine.consume(10)).toBe(0);
    expect(engine.truth()).toMatchObject({ cycleUsed: 500, windowUsed: 0, rejected: 11 });
    expect(engine.truth().rejectedByType).toMatchObject({ api_calls_cycle: 11, api_calls: 0 });

    const bulk = post('/v1/vouchers/bulk/async');
    expect(bulk.status).toBe(202);

    const parsed = parseResponse(r, { now: clock.now(), hints: { planLimits: { api_calls: 100 } } });
    expect(parsed.blocked).toEqual({
      type: 'api_calls_cycle',
      windowId: 'api_calls_cycle',
      retryAt: cycleEnd,
    });

    clock.set(cycleEnd);
    const renewed = get();
    expect(renewed.status).toBe(200);
    expect(engine.truth()).toMatchObject({
      cycleStart: cycleEnd,
      cycleEnd: Date.parse('2027-01-01T00:00:00Z'),
      cycleUsed: 1,
      rejected: 0,
    });
  });

  it('renews on a custom cycle start day', () => {
    const anchor = Date.parse('2026-10-15T08:00:00Z');
    const { clock, engine, get } = setup('startup', { cycleStart: anchor });
    expect(engine.truth()).toMatchObject({
      cycleStart: Date.parse('2026-11-15T08:00:00Z'),
      cycleEnd: Date.parse('2026-12-15T08:00:00Z'),
    });
    get();
    clock.set(Date.parse('2026-12-15T07:59:59Z'));
    get();
    expect(engine.truth().cycleUsed).toBe(2);
    clock.set(Date.parse('2026-12-15T08:00:00Z'));
    expect(engine.truth().cycleUsed).toBe(0);
  });

  it('can report the breached limit in Limit/Remaining instead (the other reading of the docs)', () => {
    const { engine, get } = setup('free', {
      breachHeaders: 'breached-window',
      overrides: { api_calls_cycle: 3 },
    });
    engine.consume(3);
    const r = get();
    expect(r.status).toBe(429);
    expect(r.headers).toMatchObject({ 'X-Rate-Limit-Limit': '3', 'X-Rate-Limit-Remaining': '0' });
    const parsed = parseResponse(r, {
      now: T0,
      hints: { planLimits: { api_calls: 100, api_calls_cycle: 3 } },
    });
    expect(parsed.windows.find((w) => w.id === 'api_calls_cycle')).toMatchObject({ limit: 3, remaining: 0 });
  });
});

describe('bulk', () => {
  it('classifies bulk and import paths', () => {
    expect(isBulkPath('/v1/vouchers/bulk/async')).toBe(true);
    expect(isBulkPath('/v1/vouchers/importCSV')).toBe(true);
    expect(isBulkPath('/v1/vouchers?limit=1')).toBe(false);
    expect(isBulkPath('/v1/vouchers?x=/bulk')).toBe(false);
  });

  it('counts bulk calls in their own hourly window, never in the cycle', () => {
    const { clock, engine, post, get } = setup('startup');
    for (let i = 0; i < 10; i++)
      expect(post(i % 2 ? '/v1/vouchers/bulk/async' : '/v1/vouchers/importCSV').status).toBe(202);
    const r = post('/v1/customers/bulk/async');
    expect(r.status).toBe(429);
    expect(r.headers['X-Rate-Limit-Type']).toBe('bulk_api_calls');
    expect(r.headers['Retry-After']).toBe(String(40 * 60));
    expect(engine.truth()).toMatchObject({ bulkUsed: 10, bulkCycleUsed: 10, cycleUsed: 0, windowUsed: 0 });
    // a normal call still goes through, and bulk is excluded from the cycle
    expect(get().status).toBe(200);
    expect(engine.truth().cycleUsed).toBe(1);
    clock.advance(40 * 60_000);
    expect(post('/v1/vouchers/bulk/async').status).toBe(202);
    expect(engine.consume(20, 'bulk')).toBe(9);
  });
});

describe('webhooks', () => {
  it('fill a daily bucket through consume only, renewed at 00:00 UTC', () => {
    const { clock, engine, get } = setup('free');
    expect(engine.consume(7_000, 'webhook')).toBe(7_000);
    expect(engine.consume(500, 'webhook')).toBe(200);
    expect(engine.truth()).toMatchObject({ webhooksUsed: 7_200, cycleUsed: 0 });
    expect(engine.truth().rejectedByType.webhook_calls).toBe(300);
    expect(get().status).toBe(200); // webhooks do not block the API
    clock.set(Date.parse('2026-11-24T00:00:00Z'));
    expect(engine.consume(1, 'webhook')).toBe(1);
  });
});

describe('authentication and subscription', () => {
  it.each([
    ['a wrong token', { 'X-App-Id': creds.appId, 'X-App-Token': 'wrong' }],
    ['a wrong app id', { 'X-App-Id': 'other', 'X-App-Token': creds.appToken }],
    ['no credentials', {}],
  ])('answers 401 with a Voucherify error body for %s, and counts nothing', (_n, headers) => {
    const { engine, get } = setup('growth');
    const r = get('/v1/vouchers', headers as Record<string, string>);
    expect(r.status).toBe(401);
    expect(r.body).toEqual({
      code: 401,
      key: 'unauthorized',
      message: 'Unauthorized',
      details: expect.any(String),
    });
    expect(r.headers['X-Rate-Limit-Limit']).toBeUndefined();
    expect(engine.truth()).toMatchObject({ cycleUsed: 0, windowUsed: 0, rejected: 0 });
  });

  it('accepts credentials in any header case', () => {
    const { get } = setup('growth');
    expect(get('/v1/vouchers', { 'x-app-id': creds.appId, 'x-app-token': creds.appToken }).status).toBe(200);
  });

  it('answers 402 to everything once the subscription has ended, and counts nothing', () => {
    const { engine, get } = setup('professional', { subscriptionEnded: true });
    const r = get();
    expect(r.status).toBe(402);
    expect(r.body).toMatchObject({ code: 402, key: 'payment_required' });
    expect(r.headers['X-Rate-Limit-Remaining']).toBe('5000');
    expect(engine.consume(5)).toBe(0);
    expect(parseResponse(r, { now: T0 }).blocked).toMatchObject({ type: 'payment_required', retryAt: null });
    engine.setSubscriptionEnded(false);
    expect(get().status).toBe(200);
    expect(engine.truth().cycleUsed).toBe(1);
  });

  it('answers 404 for a path outside the API, counted like any accepted call', () => {
    const { engine, get } = setup('growth');
    const r = get('/nope');
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 404, key: 'not_found' });
    expect(engine.truth().cycleUsed).toBe(1);
  });
});

describe('consume', () => {
  it('accepts up to the tighter of the window and the cycle, and never counts rejected calls', () => {
    const { clock, engine } = setup('free');
    expect(engine.consume(150)).toBe(100);
    expect(engine.truth()).toMatchObject({ windowUsed: 100, cycleUsed: 100, rejected: 50 });
    clock.advance(PERIOD_MS.hour);
    expect(engine.consume(0)).toBe(0);
    expect(engine.consume(-3)).toBe(0);
    expect(engine.consume(2.9)).toBe(2);
  });

  it('is constant time: a million calls take well under a second of work', () => {
    // not a timing assertion: a loop that would hang on anything worse than O(1) per call
    const { clock, engine } = setup('organization');
    let accepted = 0;
    for (let i = 0; i < 1_000_000; i++) {
      if (i % 1000 === 0) clock.advance(60_000);
      accepted += engine.consume(1);
    }
    expect(accepted).toBe(300_000);
    expect(engine.truth().rejectedByType.api_calls_cycle).toBe(700_000);
  });
});

describe('header dialects', () => {
  function dialect(d: 'ietf' | 'github'): SimResponse {
    const { engine, get } = setup('business', { dialect: d });
    engine.consume(40);
    return get();
  }

  it('ietf: RateLimit-Policy and RateLimit as structured-field lists with a quoted name', () => {
    const r = dialect('ietf');
    expect(r.headers['X-Rate-Limit-Limit']).toBeUndefined();
    expect(r.headers['RateLimit-Policy']).toBe('"api_calls";q=100;w=60');
    expect(r.headers.RateLimit).toBe('"api_calls";r=59;t=60');
    const [policy] = parseList(r.headers['RateLimit-Policy'] as string);
    expect(policy?.[0]).toBe('api_calls');
  });

  it('github: x-ratelimit-limit/-remaining/-used/-reset (epoch seconds)', () => {
    const r = dialect('github');
    expect(r.headers).toMatchObject({
      'x-ratelimit-limit': '100',
      'x-ratelimit-remaining': '59',
      'x-ratelimit-used': '41',
      'x-ratelimit-reset': String(Date.parse('2026-11-23T10:21:00Z') / 1000),
    });
  });

  it('a 429 in another dialect carries Retry-After but no Voucherify type', () => {
    const { engine, get } = setup('business', { dialect: 'github' });
    engine.consume(100);
    const r = get();
    expect(r.status).toBe(429);
    expect(r.headers['Retry-After']).toBe('60');
    expect(r.headers['X-Rate-Limit-Type']).toBeUndefined();
  });
});

describe('dialects read back through their profiles', () => {
  // The ietf and github profiles come from another change; until they are registered these skip.
  for (const d of ['ietf', 'github'] as const) {
    it.skipIf(!findProfile(d))(`${d} (skipped while the ${d} profile is not registered)`, () => {
      const { engine, get } = setup('startup', { dialect: d });
      engine.consume(10);
      const r = parseResponse(get(), { now: T0 });
      expect(r.provider).toBe(d);
      expect(r.windows[0]).toMatchObject({
        limit: 1000,
        remaining: 989,
        resetAt: Date.parse('2026-11-23T11:00:00Z'),
      });
    });
  }
});
