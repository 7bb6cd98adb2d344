// The state journal's deltas: applying diff(prev, next) to prev gives next, for any JSON, and a bounded
// list that grows by one costs one appended entry, not the whole list.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, diff } from '../../electron/storage/json-delta';

const noProto = fc.jsonValue().filter((v) => !JSON.stringify(v).includes('"__proto__"'));

describe('json-delta', () => {
  it('apply(prev, diff(prev, next)) equals next, and leaves prev alone', () => {
    fc.assert(
      // Any JSON but an own "__proto__" key: the delta refuses prototype writes by design (tested
      // below), and Headroom's state never has such a key (ids are generated, names are values).
      fc.property(noProto, noProto, (a, b) => {
        const prev = JSON.parse(JSON.stringify(a)) as unknown;
        const next = JSON.parse(JSON.stringify(b)) as unknown;
        const before = JSON.stringify(prev);
        expect(apply(prev, diff(prev, next))).toEqual(next);
        expect(JSON.stringify(prev)).toBe(before);
      }),
      { numRuns: 300 },
    );
  });

  it('a bounded list that drops its oldest and appends one is a small patch', () => {
    const readings = Array.from({ length: 2_000 }, (_, i) => ({ at: i, remaining: 1000 - (i % 1000) }));
    const prev = { keys: { a: { readings, lastOkAt: 1 } } };
    const next = {
      keys: { a: { readings: [...readings.slice(1), { at: 2_000, remaining: 5 }], lastOkAt: 2 } },
    };
    const patches = diff(prev, next);
    expect(JSON.stringify(patches).length).toBeLessThan(200);
    expect(apply(prev, patches)).toEqual(next);
  });

  it('keys named like Object.prototype members are added, changed and deleted like any other', () => {
    // fast-check found {toString: []} -> {} left "toString" in place (`in` saw the prototype's).
    const cases: [unknown, unknown][] = [
      [{ toString: [] }, {}],
      [{}, { constructor: 1, hasOwnProperty: { a: 2 } }],
      [{ valueOf: [1, 2] }, { valueOf: [2, 3] }],
      [{ prototype: 'x' }, { prototype: 'y', toString: null }],
    ];
    for (const [prev, next] of cases) expect(apply(prev, diff(prev, next))).toEqual(next);
  });

  it('never writes through __proto__', () => {
    const out = apply({}, [{ p: ['__proto__', 'polluted'], v: true }]) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(out.polluted).toBeUndefined();
  });
});
