// A Voucherify project's quota, simulated: authentication, the request window (hour or minute), the
// bulk hourly window, the billing cycle (bulk excluded), the webhook daily bucket, and the answers
// Voucherify gives (headers on every authenticated response, 429 with Retry-After and X-Rate-Limit-Type,
// 401, 402, Voucherify-shaped error bodies). No HTTP and no timers: every call is O(1), so a backtest
// can make millions of them. Semantics and assumptions: docs/simulator.md.
import { timingSafeEqual } from 'node:crypto';
import { serializeList } from 'structured-headers';
import { cycleBounds, cycleSpecFrom, type CycleBounds, type CycleSpec } from '../core/cycle/bounds';
import { PERIOD_MS } from '../core/quota/model';
import { voucherifyPlan } from '../core/plans/voucherify';
import type { VoucherifyLimitType } from '../core/providers/voucherify';
import type { Clock } from './clock';

export type SimPlanId =
  'free' | 'startup' | 'growth' | 'professional' | 'business' | 'organization' | 'sandbox';
export const SIM_PLAN_IDS: readonly SimPlanId[] = [
  'free',
  'startup',
  'growth',
  'professional',
  'business',
  'organization',
  'sandbox',
];
export type SimDialect = 'voucherify' | 'ietf' | 'github';
export const SIM_DIALECTS: readonly SimDialect[] = ['voucherify', 'ietf', 'github'];

export interface EngineOptions {
  /** Limits from electron/core/plans/voucherify.ts (voucherifyPlan). */
  plan: SimPlanId;
  /** A limit per window id; also gives a limit to a window the plan leaves unlimited. */
  overrides?: Partial<Record<VoucherifyLimitType, number>>;
  clock: Clock;
  credentials: { appId: string; appToken: string };
  /** Epoch ms; default 00:00 UTC on the 1st of clock.now()'s month. The cycle renews monthly on its day and time. */
  cycleStart?: number;
  /** Every authenticated call answers 402. */
  subscriptionEnded?: boolean;
  /** Header dialect (default voucherify). */
  dialect?: SimDialect;
  /**
   * What X-Rate-Limit-Limit/-Remaining describe on a 429 for another limit than the request window.
   * Voucherify does not document it; the default keeps the request window, the other choice reports
   * the breached limit (limit, 0) so that both readings of the parser can be exercised.
   */
  breachHeaders?: 'request-window' | 'breached-window';
}

export interface SimRequest {
  method: string;
  path: string;
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** Ground truth, for tests and the backtest (never shown as a measurement). */
export interface EngineTruth {
  now: number;
  cycleStart: number;
  cycleEnd: number;
  cycleLimit: number | null;
  /** Accepted non-bulk API calls this cycle (probes included). */
  cycleUsed: number;
  /** The request window (hour or minute). */
  windowLimit: number;
  windowUsed: number;
  windowResetAt: number;
  bulkLimit: number | null;
  bulkUsed: number;
  webhookLimit: number | null;
  webhooksUsed: number;
  /** Calls refused for a limit this cycle (429s answered, and webhooks rejected by the daily bucket). */
  rejected: number;
  /** `rejected` by the limit that refused them. */
  rejectedByType: Record<VoucherifyLimitType, number>;
  /** Accepted calls this cycle that hit the bulk window (not part of cycleUsed). */
  bulkCycleUsed: number;
}

export interface EngineLimits {
  requestPeriodMs: number;
  request: number;
  bulk: number | null;
  cycle: number | null;
  webhooksPerDay: number | null;
}

/** Paths Voucherify runs as bulk or asynchronous imports: they count in the bulk hourly window. */
export function isBulkPath(path: string): boolean {
  const p = path.split('?', 1)[0]?.toLowerCase() ?? '';
  return p.includes('/bulk') || p.includes('/import') || p.includes('/async');
}

/** The plan's limits with the overrides applied. */
export function engineLimits(plan: SimPlanId, overrides: EngineOptions['overrides'] = {}): EngineLimits {
  const p = voucherifyPlan(plan);
  const limit = (id: VoucherifyLimitType) =>
    overrides[id] ?? p.windows.find((w) => w.id === id)?.limit ?? null;
  const request = p.windows.find((w) => w.id === 'api_calls');
  if (!request?.periodMs) throw new Error(`plan ${plan} has no request window`);
  for (const [id, v] of Object.entries(overrides)) {
    if (v !== undefined && (!Number.isFinite(v) || v < 0))
      throw new RangeError(`override ${id} must be a non-negative number, got ${String(v)}`);
  }
  return {
    requestPeriodMs: request.periodMs,
    request: limit('api_calls') ?? request.limit,
    bulk: limit('bulk_api_calls'),
    cycle: limit('api_calls_cycle'),
    webhooksPerDay: limit('webhook_calls'),
  };
}

const JSON_TYPE = 'application/json; charset=utf-8';
const LIMIT_TYPES: readonly VoucherifyLimitType[] = [
  'api_calls',
  'bulk_api_calls',
  'api_calls_cycle',
  'webhook_calls',
];

/** Voucherify's error body shape. */
export function errorBody(code: number, key: string, message: string, details: string) {
  return { code, key, message, details };
}

/** The 401 Voucherify answers when the credentials match no project (no quota headers: no project is known). */
export function unauthorizedResponse(now: number): SimResponse {
  return {
    status: 401,
    headers: { 'Content-Type': JSON_TYPE, Date: new Date(now).toUTCString() },
    body: errorBody(
      401,
      'unauthorized',
      'Unauthorized',
      'Cannot authenticate: X-App-Id and X-App-Token do not match a project.',
    ),
  };
}

export class VoucherifyEngine {
  readonly limits: EngineLimits;
  readonly plan: SimPlanId;
  readonly dialect: SimDialect;
  private readonly clock: Clock;
  private readonly appId: Buffer;
  private readonly appToken: Buffer;
  /** The project's monthly renewal (day and time of `cycleStart`, UTC). */
  private readonly renewal: CycleSpec;
  private readonly breachHeaders: 'request-window' | 'breached-window';
  private ended: boolean;

  private cycle: CycleBounds;
  private cycleUsed = 0;
  private bulkCycleUsed = 0;
  private rejectedByType: Record<VoucherifyLimitType, number> = zeroByType();
  private windowStart = Number.NaN;
  private windowUsed = 0;
  private bulkStart = Number.NaN;
  private bulkUsed = 0;
  private dayStart = Number.NaN;
  private webhooksUsed = 0;
  private asyncActions = 0;

  constructor(options: EngineOptions) {
    this.plan = options.plan;
    this.limits = engineLimits(options.plan, options.overrides);
    this.clock = options.clock;
    this.dialect = options.dialect ?? 'voucherify';
    this.breachHeaders = options.breachHeaders ?? 'request-window';
    this.ended = options.subscriptionEnded ?? false;
    if (!options.credentials.appId || !options.credentials.appToken)
      throw new Error('the simulator needs an app id and an app token');
    this.appId = Buffer.from(options.credentials.appId);
    this.appToken = Buffer.from(options.credentials.appToken);
    const now = this.clock.now();
    this.renewal = cycleSpecFrom(options.cycleStart ?? cycleBounds({ renewalDay: 1 }, now).start, 'UTC');
    this.cycle = cycleBounds(this.renewal, now);
    this.roll(now);
  }

  /** True when the request carries this project's X-App-Id and X-App-Token. */
  authenticates(headers: SimRequest['headers']): boolean {
    const id = headerValue(headers, 'x-app-id');
    const token = headerValue(headers, 'x-app-token');
    return id !== undefined && token !== undefined && same(id, this.appId) && same(token, this.appToken);
  }

  handle(req: SimRequest): SimResponse {
    const now = this.clock.now();
    this.roll(now);
    if (!this.authenticates(req.headers)) return unauthorizedResponse(now);
    if (this.ended) {
      return this.answer(
        now,
        402,
        errorBody(
          402,
          'payment_required',
          'Payment Required',
          'The subscription of this project has ended; renew it to use the API.',
        ),
      );
    }
    const bulk = isBulkPath(req.path);
    const breached = bulk ? this.bulkBreach() : this.apiBreach();
    if (breached !== null) {
      this.rejectedByType[breached] += 1;
      return this.tooMany(now, breached);
    }
    if (bulk) {
      this.bulkUsed += 1;
      this.bulkCycleUsed += 1;
    } else {
      this.windowUsed += 1;
      this.cycleUsed += 1;
    }
    const { status, body } = this.okBody(req, bulk);
    return this.answer(now, status, body);
  }

  consume(count: number, kind: 'api' | 'bulk' | 'webhook' = 'api'): number {
    const n = Number.isFinite(count) ? Math.floor(count) : 0;
    if (n <= 0) return 0;
    this.roll(this.clock.now());
    if (this.ended) return 0;
    let room: number;
    let type: VoucherifyLimitType;
    if (kind === 'api') {
      const cycleRoom = this.limits.cycle === null ? Infinity : this.limits.cycle - this.cycleUsed;
      const windowRoom = this.limits.request - this.windowUsed;
      room = Math.min(cycleRoom, windowRoom);
      type = cycleRoom <= windowRoom && this.limits.cycle !== null ? 'api_calls_cycle' : 'api_calls';
    } else if (kind === 'bulk') {
      room = this.limits.bulk === null ? Infinity : this.limits.bulk - this.bulkUsed;
      type = 'bulk_api_calls';
    } else {
      room = this.limits.webhooksPerDay === null ? Infinity : this.limits.webhooksPerDay - this.webhooksUsed;
      type = 'webhook_calls';
    }
    const accepted = Math.max(0, Math.min(n, room));
    if (kind === 'api') {
      this.windowUsed += accepted;
      this.cycleUsed += accepted;
    } else if (kind === 'bulk') {
      this.bulkUsed += accepted;
      this.bulkCycleUsed += accepted;
    } else {
      this.webhooksUsed += accepted;
    }
    this.rejectedByType[type] += n - accepted;
    return accepted;
  }

  truth(): EngineTruth {
    const now = this.clock.now();
    this.roll(now);
    const rejectedByType = { ...this.rejectedByType };
    return {
      now,
      cycleStart: this.cycle.start,
      cycleEnd: this.cycle.end,
      cycleLimit: this.limits.cycle,
      cycleUsed: this.cycleUsed,
      windowLimit: this.limits.request,
      windowUsed: this.windowUsed,
      windowResetAt: this.windowStart + this.limits.requestPeriodMs,
      bulkLimit: this.limits.bulk,
      bulkUsed: this.bulkUsed,
      webhookLimit: this.limits.webhooksPerDay,
      webhooksUsed: this.webhooksUsed,
      rejected: LIMIT_TYPES.reduce((sum, t) => sum + rejectedByType[t], 0),
      rejectedByType,
      bulkCycleUsed: this.bulkCycleUsed,
    };
  }

  /** The billing cycle containing `at` (this project's renewal day and time). */
  cycleAt(at: number): CycleBounds {
    return cycleBounds(this.renewal, at);
  }

  setSubscriptionEnded(ended: boolean): void {
    this.ended = ended;
  }

  /**
   * Moves every window to the one containing `now`. Windows are fixed and aligned to UTC (epoch ms has
   * no leap seconds, so flooring is exact). A clock set backwards lands in a fresh window.
   */
  private roll(now: number): void {
    const period = this.limits.requestPeriodMs;
    const ws = now - mod(now, period);
    if (ws !== this.windowStart) {
      this.windowStart = ws;
      this.windowUsed = 0;
    }
    const bs = now - mod(now, PERIOD_MS.hour);
    if (bs !== this.bulkStart) {
      this.bulkStart = bs;
      this.bulkUsed = 0;
    }
    const ds = now - mod(now, PERIOD_MS.day);
    if (ds !== this.dayStart) {
      this.dayStart = ds;
      this.webhooksUsed = 0;
    }
    if (now >= this.cycle.end || now < this.cycle.start) {
      this.cycle = cycleBounds(this.renewal, now);
      this.cycleUsed = 0;
      this.bulkCycleUsed = 0;
      this.rejectedByType = zeroByType();
    }
  }

  /** The limit a non-bulk call would break; the cycle first, as it blocks for longer. */
  private apiBreach(): VoucherifyLimitType | null {
    if (this.limits.cycle !== null && this.cycleUsed >= this.limits.cycle) return 'api_calls_cycle';
    if (this.windowUsed >= this.limits.request) return 'api_calls';
    return null;
  }

  private bulkBreach(): VoucherifyLimitType | null {
    return this.limits.bulk !== null && this.bulkUsed >= this.limits.bulk ? 'bulk_api_calls' : null;
  }

  /** When the given limit lifts. */
  private liftsAt(type: VoucherifyLimitType): number {
    switch (type) {
      case 'api_calls':
        return this.windowStart + this.limits.requestPeriodMs;
      case 'bulk_api_calls':
        return this.bulkStart + PERIOD_MS.hour;
      case 'api_calls_cycle':
        return this.cycle.end;
      case 'webhook_calls':
        return this.dayStart + PERIOD_MS.day;
    }
  }

  private limitOf(type: VoucherifyLimitType): number | null {
    switch (type) {
      case 'api_calls':
        return this.limits.request;
      case 'bulk_api_calls':
        return this.limits.bulk;
      case 'api_calls_cycle':
        return this.limits.cycle;
      case 'webhook_calls':
        return this.limits.webhooksPerDay;
    }
  }

  private tooMany(now: number, type: VoucherifyLimitType): SimResponse {
    const retryAfter = Math.max(0, Math.ceil((this.liftsAt(type) - now) / 1000));
    const res = this.answer(
      now,
      429,
      errorBody(
        429,
        'too_many_requests',
        'Too Many Requests',
        `The ${type} limit of this project has been reached; retry in ${retryAfter} s.`,
      ),
      type,
    );
    res.headers['Retry-After'] = String(retryAfter);
    if (this.dialect === 'voucherify') res.headers['X-Rate-Limit-Type'] = type;
    return res;
  }

  /** An authenticated answer: JSON, Date from the clock, and the request window in the dialect's headers. */
  private answer(now: number, status: number, body: unknown, breached?: VoucherifyLimitType): SimResponse {
    const headers: Record<string, string> = { 'Content-Type': JSON_TYPE, Date: new Date(now).toUTCString() };
    const resetAt = this.windowStart + this.limits.requestPeriodMs;
    let limit = this.limits.request;
    let remaining = Math.max(0, limit - this.windowUsed);
    let name: string = 'api_calls';
    if (breached && breached !== 'api_calls' && this.breachHeaders === 'breached-window') {
      limit = this.limitOf(breached) ?? 0;
      remaining = 0;
      name = breached;
    }
    switch (this.dialect) {
      case 'voucherify':
        headers['X-Rate-Limit-Limit'] = String(limit);
        headers['X-Rate-Limit-Remaining'] = String(remaining);
        headers['X-Rate-Limit-Retry'] = String(Math.floor(resetAt / 1000));
        break;
      case 'ietf': {
        const windowSeconds = Math.round(this.limits.requestPeriodMs / 1000);
        const resetSeconds = Math.max(0, Math.ceil((resetAt - now) / 1000));
        headers['RateLimit-Policy'] = serializeList([
          [
            name,
            new Map([
              ['q', limit],
              ['w', windowSeconds],
            ]),
          ],
        ]);
        headers['RateLimit'] = serializeList([
          [
            name,
            new Map([
              ['r', remaining],
              ['t', resetSeconds],
            ]),
          ],
        ]);
        break;
      }
      case 'github':
        headers['x-ratelimit-limit'] = String(limit);
        headers['x-ratelimit-remaining'] = String(remaining);
        headers['x-ratelimit-used'] = String(Math.max(0, limit - remaining));
        headers['x-ratelimit-reset'] = String(Math.floor(resetAt / 1000));
        headers['x-ratelimit-resource'] = name;
        break;
    }
    return { status, headers, body };
  }

  private okBody(req: SimRequest, bulk: boolean): { status: number; body: unknown } {
    const path = req.path.split('?', 1)[0] ?? '';
    if (!path.startsWith('/v1/')) {
      return {
        status: 404,
        body: errorBody(
          404,
          'not_found',
          'Resource not found',
          `Cannot find endpoint ${req.method.toUpperCase().slice(0, 10)} ${path.slice(0, 100)}`,
        ),
      };
    }
    if (bulk) {
      this.asyncActions += 1;
      return { status: 202, body: { async_action_id: `aa_sim_${this.asyncActions}` } };
    }
    if (path === '/v1/vouchers' && req.method.toUpperCase() === 'GET') {
      return { status: 200, body: VOUCHER_LIST };
    }
    return { status: 200, body: { object: 'simulated', ok: true } };
  }
}

const VOUCHER_LIST = Object.freeze({
  object: 'list',
  data_ref: 'vouchers',
  vouchers: [{ id: 'v_simulated0001', code: 'SIM-0001', object: 'voucher', active: true }],
  total: 1,
});

function zeroByType(): Record<VoucherifyLimitType, number> {
  return { api_calls: 0, bulk_api_calls: 0, api_calls_cycle: 0, webhook_calls: 0 };
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** A request header by lower-case name (the request map may use any case); a repeat is not a credential. */
function headerValue(headers: SimRequest['headers'], name: string): string | undefined {
  let value = headers[name];
  if (value === undefined) {
    for (const [k, v] of Object.entries(headers)) {
      if (k.toLowerCase() === name) {
        value = v;
        break;
      }
    }
  }
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  return value.length === 1 ? value[0] : undefined;
}

/** Constant-time comparison, so the simulator does not teach timing attacks by example. */
function same(given: string, expected: Buffer): boolean {
  const b = Buffer.from(given);
  return b.length === expected.length && timingSafeEqual(b, expected);
}
