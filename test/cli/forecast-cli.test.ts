// The forecast CLI as a user runs it: a real process (the npm script's entry, cli-process.ts), JSON
// in and out.
import { describe, expect, it } from 'vitest';
import { runCliProcess } from './cli-process';

function cli(stdin: string, args: string[] = []) {
  return runCliProcess(['forecast', ...args], stdin);
}

const DAY = 86_400_000;
const start = Date.parse('2026-04-01T00:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

/** Readings twice a day at 1,200 calls a day: out of 30,000 on 26 April. */
function steadyInput(days: number, extra: Record<string, unknown> = {}) {
  const observations = Array.from({ length: days * 2 }, (_, i) => ({
    at: iso(start + ((i + 1) * DAY) / 2),
    used: ((i + 1) * 1200) / 2,
  }));
  return {
    limit: 30_000,
    cycleStart: '2026-04-01T00:00:00Z',
    cycleEnd: '2026-05-01T00:00:00Z',
    now: iso(start + days * DAY),
    observations,
    ...extra,
  };
}

describe('cli forecast (real process)', () => {
  it('prints the run-out time with its 80 % interval, as ISO 8601', () => {
    const r = cli(JSON.stringify(steadyInput(10)));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual([
      'status',
      'runOutAt',
      'low',
      'high',
      'probabilityRunOut',
      'projectedAtCycleEnd',
      'safeDailyBudget',
    ]);
    expect(out.status).toBe('runs-out');
    const runOut = Date.parse(out.runOutAt);
    expect(Math.abs(runOut - Date.parse('2026-04-26T00:00:00Z'))).toBeLessThan(DAY);
    expect(out.runOutAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(Date.parse(out.low)).toBeLessThan(runOut);
    expect(out.high === null || Date.parse(out.high) > runOut).toBe(true);
    expect(out.probabilityRunOut).toBeGreaterThan(0.5);
    expect(out.projectedAtCycleEnd).toBeGreaterThan(30_000);
    expect(out.safeDailyBudget).toBe(900);
  });

  it('says insufficient-data for one reading, and a time zone is accepted', () => {
    const r = cli(
      JSON.stringify({
        ...steadyInput(1),
        observations: [{ at: '2026-04-01T12:00:00Z', used: 600 }],
        timeZone: 'Europe/Warsaw',
      }),
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ status: 'insufficient-data', runOutAt: null, low: null, high: null });
    expect(out.probabilityRunOut).toBeNull();
    expect(r.stderr).toMatch(/not enough data/);
  });

  it('notes readings from outside the cycle on stderr and still answers', () => {
    const input = steadyInput(10);
    input.observations.unshift({ at: '2026-03-31T12:00:00Z', used: 29_000 });
    const r = cli(JSON.stringify(input));
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).status).toBe('runs-out');
    expect(r.stderr).toMatch(
      /^headroom forecast: note: reading at 2026-03-31T12:00:00.000Z is before the cycle start/,
    );
  });

  it('answers "already out" for usage above the limit', () => {
    const input = steadyInput(10);
    input.observations.push({ at: iso(start + 10 * DAY), used: 31_000 });
    input.observations.splice(-2, 1);
    const out = JSON.parse(cli(JSON.stringify(input)).stdout);
    expect(out).toMatchObject({ status: 'ran-out', probabilityRunOut: 1, safeDailyBudget: 0 });
    expect(Date.parse(out.runOutAt)).toBeLessThanOrEqual(start + 10 * DAY);
  });

  it.each([
    ['empty', ''],
    ['not JSON', '{oops'],
    ['a list', '[1,2]'],
    ['no limit', JSON.stringify({ ...steadyInput(2), limit: undefined })],
    ['a negative limit', JSON.stringify({ ...steadyInput(2), limit: -5 })],
    ['a time that is not ISO', JSON.stringify({ ...steadyInput(2), now: 'yesterday' })],
    [
      'a cycle that ends before it starts',
      JSON.stringify({ ...steadyInput(2), cycleEnd: '2026-03-01T00:00:00Z' }),
    ],
    ['now after the cycle', JSON.stringify({ ...steadyInput(2), now: '2026-06-01T00:00:00Z' })],
    [
      'a negative reading',
      JSON.stringify({ ...steadyInput(2), observations: [{ at: '2026-04-02T00:00:00Z', used: -1 }] }),
    ],
    ['an unknown time zone', JSON.stringify({ ...steadyInput(2), timeZone: 'Nowhere/Land' })],
    ['an unknown field', JSON.stringify({ ...steadyInput(2), token: 'x' })],
  ])('gives one clear line and a non-zero exit for %s', (_name, stdin) => {
    const r = cli(stdin);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^headroom forecast: /);
    expect(r.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/);
  });
});
