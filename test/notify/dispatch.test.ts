// An alert round end to end without a desktop: the engine's message goes to a notifier, the outcome
// goes back into the state, and the state is what decides whether the alert is sent again.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PREFS } from '../../electron/core/alerts/prefs';
import { deliveryStatus, emptyAlertState, parseAlertState } from '../../electron/core/alerts/state';
import type { AlertMessage, DeliveryOutcome } from '../../electron/core/alerts/types';
import { runAlertRound } from '../../electron/notify/dispatch';
import type { Notifier } from '../../electron/notify/notifier';
import { hourly, key, T0, ZONE } from '../alerts/support';

/** A desktop that is down for the first `downFor` attempts and records what it shows. */
function flakyDesktop(downFor: number): Notifier & { shown: AlertMessage[]; attempts: number } {
  const d = {
    name: 'flaky',
    shown: [] as AlertMessage[],
    attempts: 0,
    async deliver(m: AlertMessage): Promise<DeliveryOutcome> {
      d.attempts++;
      if (d.attempts <= downFor) return { ok: false, reason: 'no notification daemon answered' };
      d.shown.push(m);
      return { ok: true };
    },
  };
  return d;
}

describe('alert round', () => {
  it('retries a failed delivery after the backoff and shows the alert exactly once', async () => {
    const desktop = flakyDesktop(1);
    const inputs = [key({ windows: [hourly(930, T0)] })];
    let clock = T0;
    const round = (state = emptyAlertState()) =>
      runAlertRound({ state, inputs, prefs: DEFAULT_PREFS, zone: ZONE, notifier: desktop, now: () => clock });

    let r = await round();
    expect(r.delivered).toEqual([]);
    expect(r.failed[0]?.reason).toBe('no notification daemon answered');
    expect(deliveryStatus(r.state).lastFailure?.reason).toBe('no notification daemon answered');

    clock += 10_000; // inside the backoff
    r = await round(r.state);
    expect(desktop.attempts).toBe(1);
    expect(r.held).toEqual({ reason: 'backoff', until: T0 + 30_000 });

    clock = T0 + 31_000;
    // A restart in between: the state went to disk and came back.
    r = await round(parseAlertState(JSON.parse(JSON.stringify(r.state))).state);
    expect(r.delivered.map((m) => m.title)).toEqual(['Shop API: 93% of hourly quota used']);

    clock += 60_000;
    r = await round(r.state);
    expect(desktop.shown).toHaveLength(1);
    expect(deliveryStatus(r.state)).toEqual({ undelivered: 0, lastFailure: null, retryAt: null });
  });

  it('records a notifier that throws as a failed delivery', async () => {
    const broken: Notifier = { name: 'broken', deliver: () => Promise.reject(new Error('boom')) };
    const r = await runAlertRound({
      state: emptyAlertState(),
      inputs: [key({ windows: [hourly(990, T0)] })],
      prefs: DEFAULT_PREFS,
      zone: ZONE,
      notifier: broken,
      now: () => T0,
    });
    expect(r.failed.map((f) => f.reason)).toEqual(['boom']);
    expect(deliveryStatus(r.state).undelivered).toBe(1);
  });
});
