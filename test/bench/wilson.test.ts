// The benches' verdicts quote shares with their Wilson 95 % interval; a wrong interval would make a
// shortfall look like noise (or noise like a shortfall).
import { describe, expect, it } from 'vitest';
import { wilson } from '../../bench/wilson';

describe('wilson', () => {
  it('matches the published interval for 8 of 10', () => {
    const w = wilson(8, 10);
    expect(w.low).toBeCloseTo(0.49, 2);
    expect(w.high).toBeCloseTo(0.943, 3);
  });

  it('stays inside 0-1 at the edges, and is not a point there', () => {
    expect(wilson(0, 10).low).toBe(0);
    expect(wilson(0, 10).high).toBeCloseTo(0.278, 3);
    expect(wilson(10, 10).high).toBe(1);
    expect(wilson(10, 10).low).toBeCloseTo(0.722, 3);
  });

  it('narrows as the cases grow, around the same share', () => {
    const small = wilson(82, 100);
    const large = wilson(820, 1000);
    expect(large.high - large.low).toBeLessThan((small.high - small.low) / 2);
    expect(large.low).toBeLessThan(0.82);
    expect(large.high).toBeGreaterThan(0.82);
  });

  it('says nothing is known without cases', () => {
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });
});
