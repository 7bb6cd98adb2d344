// A key watched through the proxy (or by posted answers) counts exactly and sends no probe of its own.
// Its forecast must then run on the windows the integration's own answers reported: before, it had no
// window reading at all and said "not enough data" for as long as the proxy did its job.
import { afterEach, describe, expect, it } from 'vitest';
import type { HeadroomService } from '../../electron/service/service-types';
import { ManualClock } from '../../electron/simulator/clock';
import { VoucherifyEngine } from '../../electron/simulator/engine';
import { HeldTimers } from '../support/held-timers';
import { startWithDeclaredShop } from '../support/memory-service';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const APP = { appId: 'shop-app', appToken: 'shop-token-0123456789' };
const CYCLE_START = Date.parse('2026-11-01T00:00:00Z');

let service: HeadroomService | null = null;
afterEach(async () => {
  await service?.stop();
  service = null;
});

function watched(clock: ManualClock, timers: HeldTimers): Promise<HeadroomService> {
  // Every figure here comes from the integration's answers: the key's own address is never reached.
  return startWithDeclaredShop(
    { appId: APP.appId, token: APP.appToken, plan: 'growth', cycle: { renewalDay: 1, timeZone: 'UTC' } },
    { now: () => clock.now(), timers },
  );
}

/** Runs the held passive refresh (the service recomputes a key at most once a second). */
function refresh(timers: HeldTimers): void {
  for (const [id, t] of [...timers.pending]) {
    if (t.ms > 1_000) continue;
    timers.pending.delete(id);
    t.fn();
  }
}

describe('forecast from passive readings', () => {
  it("forecasts the run-out from the integration's own answers, with no probe of Headroom's", async () => {
    // Watching since the cycle renewed, so the count starts at 0 in plain sight and is exact.
    const clock = new ManualClock(CYCLE_START);
    const engine = new VoucherifyEngine({ plan: 'growth', clock, credentials: APP, cycleStart: CYCLE_START });
    const timers = new HeldTimers();
    service = await watched(clock, timers);

    // Two days of a call a minute, handed over half an hour at a time: 1,440 a day against 30,000 a
    // cycle, out on day 20.8.
    for (let batch = 0; batch < 2 * 48; batch++) {
      const items = Array.from({ length: 30 }, () => {
        clock.advance(MINUTE);
        const res = engine.handle({
          method: 'GET',
          path: '/v1/vouchers',
          headers: { 'x-app-id': APP.appId, 'x-app-token': APP.appToken },
        });
        return { at: clock.now(), status: res.status, headers: res.headers, path: '/v1/vouchers' };
      });
      service.recordPassive('Shop', items);
      refresh(timers);
    }

    const cycle = service.getState().keys.find((k) => k.name === 'Shop')?.cycle;
    expect(cycle?.estimate?.used).toBe(engine.truth().cycleUsed);
    expect(cycle?.estimate?.low).toBe(cycle?.estimate?.high);
    const f = cycle?.forecast;
    expect(f?.status).toBe('ok');
    expect(f?.probabilityRunOut ?? 0).toBeGreaterThan(0.9);
    const truthDay = 30_000 / 1_440;
    const saidDay = ((f?.runOutAt ?? 0) - CYCLE_START) / DAY;
    expect(Math.abs(saidDay - truthDay), `said day ${saidDay.toFixed(1)}`).toBeLessThan(1.5);
    // And not one call of Headroom's own: every call the project counted was the integration's.
    expect(engine.truth().cycleUsed).toBe(2 * 1_440);
  });
});
