// The service's probe pool (4 slots) against servers that never answer properly. Before the fix, four
// "Test key" clicks against a server answering 101 filled every slot for good and all monitoring
// stopped; now each such probe settles (101 at once, the others at the timeout) and frees its slot.
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyInput } from '../../electron/ipc/contract';
import { createHeadroomService } from '../../electron/service/headroom-service';
import { type Timers } from '../../electron/service/ports';
import { startSimulator } from '../../electron/simulator/server';
import { nonSettlingServer } from './hostile-servers';
import { memoryServiceDeps } from '../support/memory-service';

const TOKEN = 'sk_test_pool_0123456789abcdef';
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()?.close();
});

/** Timers that never fire: only the probes the test asks for run. */
const heldTimers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };

function input(baseUrl: string, appId = 'app-1'): KeyInput {
  return {
    name: 'Shop API',
    connection: { provider: 'voucherify', region: 'custom', baseUrl, appId, clientSide: false },
    secrets: { token: TOKEN },
    plan: { provider: 'voucherify', plan: 'startup' },
    cycle: { renewalDay: 1, timeZone: 'UTC' },
    thresholds: [80, 90, 100],
  };
}

describe('service probe pool against non-settling servers', () => {
  it('four 101 answers and four stalled bodies never stop the next key from being tested and saved', async () => {
    const sim = await startSimulator({
      projects: [{ plan: 'startup', load: 'none', appId: 'app-1', appToken: TOKEN }],
    });
    open.push(sim);
    const upgrade = await nonSettlingServer('101 Switching Protocols (websocket upgrade)');
    const stalled = await nonSettlingServer('headers, then a body that stalls');
    open.push(upgrade, stalled);
    const service = createHeadroomService(
      memoryServiceDeps({
        timers: heldTimers,
        demo: false,
        // Long enough that a 101 always arrives first on a loaded machine (it settles at once anyway).
        probeTimeoutMs: 3_000,
      }),
    );
    open.push({ close: () => service.stop() });
    await service.start();

    const hostile = await Promise.all([
      ...Array.from({ length: 4 }, () => service.testKey(input(upgrade.url))),
      ...Array.from({ length: 4 }, () => service.testKey(input(stalled.url))),
    ]);
    expect(hostile.slice(0, 4).map((r) => r.outcome)).toEqual(Array(4).fill('unexpected'));
    expect(hostile[0]!.message).toMatch(/switched protocols \(101\)/);
    expect(hostile.slice(4).map((r) => r.outcome)).toEqual(Array(4).fill('timeout'));
    for (const r of hostile) expect(r.message).not.toContain(TOKEN);

    // Every slot is free again: a good key tests and its probes run.
    const good = await service.testKey(input(sim.url));
    expect(good).toMatchObject({ ok: true, outcome: 'ok' });
    const saved = await service.saveKey(input(upgrade.url));
    expect(saved.ok).toBe(true);
    const keyId = saved.ok ? saved.keyId : '';
    await service.probeNow(keyId);
    const view = service.getState().keys.find((k) => k.id === keyId);
    expect(view?.probing).toBe(false);
    expect(view?.lastProbe?.outcome).toBe('unexpected');
  }, 30_000);
});
