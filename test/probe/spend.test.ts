// The monitor's own spend per key and cycle: what it sent, what the provider billed, and the retry
// time it must respect; pure, and readable back from JSON (a corrupted file is refused, not guessed).
import { describe, expect, it } from 'vitest';
import {
  billingOf,
  emptyLedger,
  MAX_CYCLES,
  readLedger,
  recordProbe,
  retryAtFor,
  spendAt,
} from '../../electron/probe/spend';
import type { ProbeOutcome } from '../../electron/probe/probe';

const NOV = { start: Date.parse('2026-11-01T00:00:00Z'), end: Date.parse('2026-12-01T00:00:00Z') };
const DEC = { start: NOV.end, end: Date.parse('2027-01-01T00:00:00Z') };
const p = (outcome: ProbeOutcome, at: number, retryAt: number | null = null) => ({
  outcome,
  at,
  retryAt,
  sent: outcome !== 'deferred',
});

describe('spend ledger', () => {
  it('counts probes sent, billable and uncertain per key and cycle', () => {
    let l = emptyLedger();
    const at = NOV.start + 1000;
    const outcomes: ProbeOutcome[] = [
      'ok',
      'ok',
      'blocked',
      'connection',
      'timeout',
      'unauthorized',
      'deferred',
    ];
    for (const o of outcomes) l = recordProbe(l, 'a', NOV, p(o, at));
    l = recordProbe(l, 'b', NOV, p('ok', at));
    l = recordProbe(l, 'a', DEC, p('ok', DEC.start));
    expect(spendAt(l, 'a', NOV)).toMatchObject({
      sent: 6,
      billable: 2,
      uncertain: 1,
      byOutcome: { ok: 2, blocked: 1, connection: 1, timeout: 1, unauthorized: 1 },
      lastAt: at,
    });
    expect(spendAt(l, 'a', DEC)).toMatchObject({ sent: 1, billable: 1 });
    expect(spendAt(l, 'b', NOV)).toMatchObject({ sent: 1, billable: 1 });
    expect(spendAt(l, 'c', NOV)).toMatchObject({ sent: 0, billable: 0, lastAt: null });
  });

  it('is pure: recording returns a new ledger', () => {
    const l = emptyLedger();
    const l2 = recordProbe(l, 'a', NOV, p('ok', NOV.start));
    expect(l.keys).toEqual({});
    expect(l2).not.toBe(l);
  });

  it('a 429 sets the retry time, an answered probe clears it, a deferred one keeps it', () => {
    const until = NOV.start + 3_600_000;
    let l = recordProbe(emptyLedger(), 'a', NOV, p('blocked', NOV.start, until));
    expect(retryAtFor(l, 'a', NOV.start)).toBe(until);
    expect(retryAtFor(l, 'a', until)).toBeNull();
    l = recordProbe(l, 'a', NOV, p('deferred', NOV.start + 10));
    expect(retryAtFor(l, 'a', NOV.start + 20)).toBe(until);
    l = recordProbe(l, 'a', NOV, p('ok', until + 1));
    expect(retryAtFor(l, 'a', until - 5)).toBeNull();
  });

  it('classifies billing the way the provider counts', () => {
    expect(billingOf('ok')).toBe('billable');
    expect(billingOf('blocked')).toBe('free');
    expect(billingOf('plan-exceeded')).toBe('free');
    expect(billingOf('dns')).toBe('free');
    expect(billingOf('timeout')).toBe('uncertain');
    expect(billingOf('deferred')).toBeNull();
  });

  it('keeps the newest cycles only', () => {
    let l = emptyLedger();
    for (let i = 0; i < MAX_CYCLES + 5; i++) {
      const c = { start: i * 1000, end: (i + 1) * 1000 };
      l = recordProbe(l, 'a', c, p('ok', c.start));
    }
    const cycles = l.keys.a!.cycles;
    expect(cycles).toHaveLength(MAX_CYCLES);
    expect(cycles[0]!.cycleStart).toBe(5000);
  });

  it('round-trips through JSON and refuses anything else', () => {
    const l = recordProbe(emptyLedger(), 'a', NOV, p('ok', NOV.start));
    expect(readLedger(JSON.parse(JSON.stringify(l)))).toEqual(l);
    expect(() => readLedger({ version: 2, keys: {} })).toThrow(/not a Headroom spend ledger \(version/);
    expect(() => readLedger({ version: 1, keys: { a: { cycles: [{ sent: -1 }], retryAt: null } } })).toThrow(
      /not a Headroom spend ledger \(keys\.a\.cycles\.0/,
    );
    expect(() => readLedger('[]')).toThrow(/not a Headroom spend ledger/);
  });
});
