// The simulator over real loopback HTTP: projects keyed by app id, load caught up before each answer,
// ground truth on its own path (never counted), and close() that frees the port.
import { afterEach, describe, expect, it } from 'vitest';
import { PERIOD_MS } from '../../electron/core/quota/model';
import { ManualClock } from '../../electron/simulator/clock';
import { startSimulator, TRUTH_PATH, type RunningSimulator } from '../../electron/simulator/server';

const T0 = Date.parse('2026-11-23T10:20:00Z');
let sim: RunningSimulator | null = null;

afterEach(async () => {
  await sim?.close();
  sim = null;
});

function get(url: string, appId: string, appToken: string, path = '/v1/vouchers?limit=1') {
  return fetch(`${url}${path}`, { headers: { 'X-App-Id': appId, 'X-App-Token': appToken } });
}

describe('startSimulator', () => {
  it('serves several projects on 127.0.0.1, each with its own quota, keyed by app id', async () => {
    const clock = new ManualClock(T0);
    sim = await startSimulator({
      clock,
      load: 'none',
      projects: [{ plan: 'free' }, { plan: 'business', appId: 'mine', appToken: 'my-token-1234' }],
    });
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const [a, b] = sim.projects;
    expect(a?.generated).toBe(true);
    expect(a?.appToken).toMatch(/^[0-9a-f-]{36}$/);
    expect(b).toMatchObject({ generated: false, appId: 'mine' });

    const ra = await get(sim.url, a!.appId, a!.appToken);
    expect(ra.status).toBe(200);
    expect(ra.headers.get('x-rate-limit-limit')).toBe('100');
    expect(ra.headers.get('date')).toBe(new Date(T0).toUTCString());
    expect(await ra.json()).toMatchObject({ object: 'list', data_ref: 'vouchers' });

    const rb = await get(sim.url, 'mine', 'my-token-1234');
    expect(rb.headers.get('x-rate-limit-limit')).toBe('100');
    expect(rb.headers.get('x-rate-limit-retry')).toBe(String(Date.parse('2026-11-23T10:21:00Z') / 1000));
    expect(a!.truth().cycleUsed).toBe(1);
    expect(b!.truth().cycleUsed).toBe(1);

    // the other project's token does not open this one
    const cross = await get(sim.url, 'mine', a!.appToken);
    expect(cross.status).toBe(401);
    expect(await cross.json()).toMatchObject({ code: 401, key: 'unauthorized' });
    const unknown = await get(sim.url, 'nobody', 'x');
    expect(unknown.status).toBe(401);
    expect(sim.requests()).toBe(4);
  });

  it('catches the load up to the moment before answering', async () => {
    const clock = new ManualClock(T0);
    sim = await startSimulator({ clock, plan: 'professional', load: 'steady', seed: 3, tickMs: 60_000 });
    const p = sim.projects[0]!;
    clock.advance(3 * PERIOD_MS.hour);
    // no tick has run (tickMs is a minute of real time): the request itself catches up three hours
    const r = await get(sim.url, p.appId, p.appToken);
    const truth = p.engine.truth();
    // steady on Professional: 55-90 % of 100,000 a month is 1.3-2.1 calls a minute
    expect(truth.cycleUsed).toBeGreaterThan(150);
    expect(truth.cycleUsed).toBeLessThan(500);
    // the hour that began at 13:00 holds only its own twenty minutes (and the probe)
    expect(truth.windowUsed).toBeLessThan(truth.cycleUsed / 4);
    expect(Number(r.headers.get('x-rate-limit-remaining'))).toBe(5000 - truth.windowUsed);
  });

  it('drives load on a timer with a fast clock', async () => {
    sim = await startSimulator({ speed: 36_000, plan: 'growth', load: 'steady', tickMs: 20 });
    const p = sim.projects[0]!;
    const before = p.engine.truth().cycleUsed;
    // 36,000x: a simulated hour every 100 ms of real time; wait for several ticks
    await new Promise((r) => setTimeout(r, 400));
    expect(p.engine.truth().cycleUsed).toBeGreaterThan(before);
  });

  it('answers ground truth on its own path, authenticated, without counting it', async () => {
    const clock = new ManualClock(T0);
    sim = await startSimulator({ clock, plan: 'startup', load: 'none' });
    const p = sim.projects[0]!;
    await get(sim.url, p.appId, p.appToken);
    const t = await get(sim.url, p.appId, p.appToken, TRUTH_PATH);
    expect(t.status).toBe(200);
    expect(await t.json()).toMatchObject({
      plan: 'startup',
      cycleUsed: 1,
      windowUsed: 1,
      cycleLimit: 10_000,
    });
    expect((await get(sim.url, p.appId, 'wrong', TRUTH_PATH)).status).toBe(401);
    expect(p.truth().cycleUsed).toBe(1);
  });

  it('frees its port on close', async () => {
    const s = await startSimulator({ load: 'none' });
    const p = s.projects[0]!;
    expect((await get(s.url, p.appId, p.appToken)).status).toBe(200);
    await s.close();
    await expect(get(s.url, p.appId, p.appToken)).rejects.toThrow();
    await s.close(); // twice is harmless
  });

  it('refuses half-given credentials', async () => {
    await expect(startSimulator({ projects: [{ appId: 'x' }] })).rejects.toThrow(
      /both an app id and an app token/,
    );
  });
});
