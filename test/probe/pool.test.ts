// Many keys through the bounded pool: a hanging key costs one slot for its timeout, and every other
// key's result arrives first.
import { afterEach, describe, expect, it } from 'vitest';
import { inCompletionOrder, probeAll } from '../../electron/probe/pool';
import type { ProbeResult } from '../../electron/probe/probe';
import { makeTarget } from '../../electron/probe/targets';
import { startSimulator, type RunningSimulator } from '../../electron/simulator/server';
import { hangingServer, type FaultServer } from '../support/fault-servers';

let sim: RunningSimulator | null = null;
let hang: FaultServer | null = null;
afterEach(async () => {
  await sim?.close();
  await hang?.close();
  sim = null;
  hang = null;
});

describe('inCompletionOrder', () => {
  it('keeps at most `limit` in flight and yields as each finishes', async () => {
    let active = 0;
    let peak = 0;
    const delays = [50, 5, 30, 1, 20, 10, 40];
    const order: number[] = [];
    for await (const d of inCompletionOrder(delays, 3, async (d) => {
      active++;
      peak = Math.max(peak, active);
      await new Promise((r) => setTimeout(r, d));
      active--;
      return d;
    })) {
      order.push(d);
    }
    expect(peak).toBe(3);
    expect([...order].sort((a, b) => a - b)).toEqual([...delays].sort((a, b) => a - b));
    expect(order[0]).toBe(5); // not 50: the first item does not hold the others back
    expect(order.at(-1)).not.toBe(1);
  });

  it('rejects a bad limit', async () => {
    await expect(inCompletionOrder([1], 0, async (x) => x).next()).rejects.toThrow(RangeError);
  });
});

describe('probeAll', () => {
  it('one hanging key never delays the fast ones', async () => {
    sim = await startSimulator({
      load: 'none',
      plan: 'growth',
      projects: Array.from({ length: 6 }, () => ({})),
    });
    hang = await hangingServer();
    const slow = makeTarget({
      keyId: 'slow',
      provider: 'voucherify',
      baseUrl: hang.url,
      credentials: { kind: 'voucherify-app', appId: 'x', appToken: 'slow-token-123' },
      timeoutMs: 1_500,
    });
    const fast = sim.projects.map((p, i) =>
      makeTarget({
        keyId: `fast-${i}`,
        provider: 'voucherify',
        baseUrl: sim!.url,
        credentials: { kind: 'voucherify-app', appId: p.appId, appToken: p.appToken },
      }),
    );
    const results: ProbeResult[] = [];
    for await (const r of probeAll([slow, ...fast], { concurrency: 3 })) results.push(r);
    expect(
      results
        .map((r) => r.keyId)
        .slice(0, 6)
        .sort(),
    ).toEqual(fast.map((t) => t.keyId).sort());
    expect(results.slice(0, 6).every((r) => r.outcome === 'ok')).toBe(true);
    expect(results[6]).toMatchObject({ keyId: 'slow', outcome: 'timeout' });
    // every fast key was probed once, by its own project
    for (const p of sim.projects) expect(p.truth().cycleUsed).toBe(1);
  });

  it('defers keys still inside their retry time and probes the rest', async () => {
    sim = await startSimulator({ load: 'none', projects: [{}, {}] });
    const targets = sim.projects.map((p, i) =>
      makeTarget({
        keyId: `k${i}`,
        provider: 'voucherify',
        baseUrl: sim!.url,
        credentials: { kind: 'voucherify-app', appId: p.appId, appToken: p.appToken },
      }),
    );
    const results: ProbeResult[] = [];
    for await (const r of probeAll(targets, { retryAt: (k) => (k === 'k0' ? Date.now() + 60_000 : null) }))
      results.push(r);
    expect(Object.fromEntries(results.map((r) => [r.keyId, r.outcome]))).toEqual({
      k0: 'deferred',
      k1: 'ok',
    });
    expect(sim.projects[0]!.truth().cycleUsed).toBe(0);
  });
});
