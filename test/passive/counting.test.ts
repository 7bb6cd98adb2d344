// Passive counting (core/passive): what is billed, when the count is exact, and when the hourly
// headers show traffic Headroom did not see.
import { describe, expect, it } from 'vitest';
import {
  billingOf,
  countPassive,
  probeAfterPassive,
  PASSIVE_FRESH_MS,
  type PassiveAnswer,
} from '../../electron/core/passive/counting';
import { readPassive } from '../../electron/core/passive/answer';
import { PassiveLog } from '../../electron/core/passive/log';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 1, 9, 0, 0);
const CYCLE = Date.UTC(2026, 11, 1);

/** A sequence of calls one second apart, each answered with the window's count so far (+ `extra`). */
function calls(n: number, opts: { from?: number; extra?: number; status?: number } = {}): PassiveAnswer[] {
  const from = opts.from ?? T0;
  const out: PassiveAnswer[] = [];
  for (let i = 0; i < n; i++) {
    const sentAt = from + i * 1000;
    out.push({
      sentAt,
      at: sentAt + 5,
      status: opts.status ?? 200,
      billing: 'cycle',
      window: { used: i + 1 + (opts.extra ?? 0), start: T0, end: T0 + HOUR },
    });
  }
  return out;
}

describe('billing rules', () => {
  it('bills accepted calls to the cycle, bulk paths to the bulk window, refusals to nothing', () => {
    expect(billingOf('voucherify', 200, '/v1/vouchers')).toBe('cycle');
    expect(billingOf('voucherify', 404, '/v1/vouchers/none')).toBe('cycle');
    expect(billingOf('voucherify', 200, '/v1/vouchers/bulk/async')).toBe('bulk');
    expect(billingOf('voucherify', 202, '/v1/vouchers/import')).toBe('bulk');
    expect(billingOf('voucherify', 401, '/v1/vouchers')).toBe('none');
    expect(billingOf('voucherify', 429, '/v1/vouchers')).toBe('none');
    expect(billingOf('voucherify', 402, '/v1/vouchers')).toBe('none');
    expect(billingOf('generic', 200, '/bulk')).toBe('cycle');
  });

  it('reads a Voucherify answer through the parser: the window, and no window on a refusal', () => {
    const ok = readPassive(
      {
        sentAt: T0,
        at: T0 + 3,
        status: 200,
        path: '/v1/vouchers',
        headers: {
          'x-rate-limit-limit': '2000',
          'x-rate-limit-remaining': '1990',
          'x-rate-limit-retry': String((T0 + HOUR) / 1000),
        },
      },
      { provider: 'voucherify', profile: 'voucherify', hints: { requestPeriodMs: HOUR } },
    );
    expect(ok.answer.billing).toBe('cycle');
    expect(ok.answer.window).toEqual({ used: 10, start: T0, end: T0 + HOUR });
    const refused = readPassive(
      { sentAt: T0, at: T0 + 3, status: 401, path: '/v1/vouchers', headers: {} },
      { provider: 'voucherify', profile: 'voucherify' },
    );
    expect(refused.answer).toMatchObject({ billing: 'none', window: null });
  });
});

describe('countPassive', () => {
  const anchor = { at: T0 - 1, used: 500 };

  it('is exact when the window counts exactly the calls seen and the probes', () => {
    const answers = calls(50);
    const c = countPassive({ now: T0 + HOUR / 2, cycleStart: CYCLE, anchor, answers, probes: [] });
    expect(c.exact).toBe(550);
    expect(c.seen).toBe(50);
    expect(c.confirmedWindows).toBe(1);
    expect(c.reason).toMatch(/counted exactly/);
  });

  it('counts own probes in the window and in the figure', () => {
    const answers = calls(10, { extra: 1 });
    const probes = [{ at: T0 - 0.5 * 1000 + 500, window: null }];
    const c = countPassive({ now: T0 + HOUR / 2, cycleStart: CYCLE, anchor, answers, probes });
    expect(c.exact).toBe(511);
  });

  it('is not exact when the headers counted calls that did not pass through Headroom', () => {
    const answers = calls(20, { from: T0 + 60_000, extra: 7 });
    const c = countPassive({
      now: T0 + HOUR / 2,
      cycleStart: CYCLE,
      anchor: { at: T0, used: 0 },
      answers,
      probes: [],
    });
    expect(c.exact).toBeNull();
    expect(c.unseenCalls).toBe(7);
    expect(c.reason).toMatch(/7 calls that did not pass through Headroom/);
  });

  it('does not count refused or bulk calls in the cycle', () => {
    const answers = [
      ...calls(5),
      { sentAt: T0 + 10_000, at: T0 + 10_010, status: 401, billing: 'none' as const, window: null },
      { sentAt: T0 + 11_000, at: T0 + 11_010, status: 200, billing: 'bulk' as const, window: null },
    ];
    const c = countPassive({ now: T0 + HOUR / 2, cycleStart: CYCLE, anchor, answers, probes: [] });
    expect(c.seen).toBe(7);
    expect(c.exact).toBe(505);
  });

  it('takes calls in flight together as confirmed (answers may come back in any order)', () => {
    // Two calls sent together; the server counted both before either answered.
    const answers: PassiveAnswer[] = [
      {
        sentAt: T0 + 1000,
        at: T0 + 1020,
        status: 200,
        billing: 'cycle',
        window: { used: 2, start: T0, end: T0 + HOUR },
      },
      {
        sentAt: T0 + 1001,
        at: T0 + 1030,
        status: 200,
        billing: 'cycle',
        window: { used: 1, start: T0, end: T0 + HOUR },
      },
    ];
    const c = countPassive({ now: T0 + 2000, cycleStart: CYCLE, anchor, answers, probes: [] });
    expect(c.exact).toBe(502);
  });

  it('is exact when several answers come back in the same millisecond', () => {
    // A busy integration: three calls answered at one instant; the fullest report is the newest.
    const answers: PassiveAnswer[] = [1, 2, 3].map((used) => ({
      sentAt: T0 + 1000,
      at: T0 + 1000,
      status: 200,
      billing: 'cycle',
      window: { used, start: T0, end: T0 + HOUR },
    }));
    const c = countPassive({ now: T0 + 2000, cycleStart: CYCLE, anchor, answers, probes: [] });
    expect(c.exact).toBe(503);
    expect(c.reason).toMatch(/counted exactly/);
  });

  it('needs a dashboard reading to count from', () => {
    const c = countPassive({
      now: T0 + HOUR / 2,
      cycleStart: CYCLE,
      anchor: null,
      answers: calls(3),
      probes: [],
    });
    expect(c.exact).toBeNull();
    expect(c.reason).toMatch(/dashboard reading/);
  });

  it('is not exact once the bounded log dropped answers since the reading', () => {
    const log = new PassiveLog(T0, 10);
    for (const a of calls(30)) log.add(a);
    expect(log.total).toBe(30);
    const c = countPassive({
      now: T0 + HOUR / 2,
      cycleStart: CYCLE,
      anchor,
      answers: log.answers(),
      probes: [],
      truncatedSince: log.truncatedSince(anchor.at),
    });
    expect(c.exact).toBeNull();
  });
});

describe('probes step aside', () => {
  it('holds the next probe while passive readings are fresh, and not otherwise', () => {
    expect(probeAfterPassive(T0, null)).toBe(T0);
    expect(probeAfterPassive(T0, T0 - 1000)).toBe(T0 - 1000 + PASSIVE_FRESH_MS);
    expect(probeAfterPassive(T0, T0 - 2 * PASSIVE_FRESH_MS)).toBe(T0);
    expect(probeAfterPassive(T0, T0 - 2 * PASSIVE_FRESH_MS, true)).toBeNull();
  });
});
