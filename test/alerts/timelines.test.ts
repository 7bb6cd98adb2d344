// Timelines beyond a single threshold: snooze, quiet hours across midnight, many keys at once,
// failed and lost deliveries, predictive run-out warnings, breaches and recoveries.
import { describe, expect, it } from 'vitest';
import { evaluate, IN_FLIGHT_TIMEOUT_MS, recordDelivery } from '../../electron/core/alerts/engine';
import { DEFAULT_PREFS, snoozeFor, type AlertPrefs } from '../../electron/core/alerts/prefs';
import { deliveryStatus, emptyAlertState } from '../../electron/core/alerts/state';
import { cycle, CYCLE_END, DAY, forecast, HOUR, hourly, key, MIN, step, T0, ZONE } from './support';

const quiet: AlertPrefs = { ...DEFAULT_PREFS, quietHours: { enabled: true, start: '22:00', end: '07:00' } };
/** 23 Nov 2026 22:30 in Warsaw. */
const NIGHT = Date.UTC(2026, 10, 23, 21, 30);

describe('snooze', () => {
  it('holds alerts while snoozed and sends one digest of what is still true when it ends', () => {
    const prefs: AlertPrefs = { ...DEFAULT_PREFS, snooze: snoozeFor('1h', T0, ZONE.timeZone) };
    const a = key({ keyId: 'a', keyName: 'Shop API', windows: [hourly(920, T0 + MIN)] });
    const b = key({ keyId: 'b', keyName: 'Billing API', windows: [cycle(8_500, T0 + MIN)] });
    let r = step(emptyAlertState(), [a, b], T0 + MIN, { prefs });
    expect(r.sent).toEqual([]);
    expect(evaluate(r.state, [a, b], T0 + MIN, prefs, ZONE).held).toEqual({
      reason: 'snoozed',
      until: T0 + HOUR,
    });
    expect(deliveryStatus(r.state).undelivered).toBe(2);

    // Shop's hour resets during the snooze: its alert is no longer true and must not be sent.
    const after = T0 + HOUR + MIN;
    const a2 = key({ keyId: 'a', keyName: 'Shop API', windows: [hourly(100, after)] });
    const b2 = key({ keyId: 'b', keyName: 'Billing API', windows: [cycle(8_600, after)] });
    r = step(r.state, [a2, b2], after, { prefs });
    expect(r.sent.map((m) => m.title)).toEqual(['Billing API: about 86% of billing-cycle quota used']);
  });

  it('"indefinitely" holds until the user resumes; "tomorrow" ends at local midnight', () => {
    expect(snoozeFor('indefinitely', T0, ZONE.timeZone)).toEqual({ until: null });
    // 23 Nov 12:00 Warsaw -> 24 Nov 00:00 Warsaw = 23 Nov 23:00 UTC.
    expect(snoozeFor('tomorrow', T0, ZONE.timeZone)).toEqual({ until: Date.UTC(2026, 10, 23, 23, 0) });
    const prefs: AlertPrefs = { ...DEFAULT_PREFS, snooze: { until: null } };
    const r = step(emptyAlertState(), [key({ windows: [hourly(950, T0)] })], T0 + 30 * DAY, { prefs });
    expect(r.sent).toEqual([]);
  });
});

describe('quiet hours across midnight', () => {
  it('holds from 22:00 to 07:00 local time, then sends one digest for many crossings', () => {
    let s = emptyAlertState();
    const times = [NIGHT, NIGHT + 2 * HOUR, NIGHT + 8 * HOUR + 29 * MIN]; // 22:30, 00:30, 06:59
    times.forEach((now, i) => {
      const inputs = [
        key({ keyId: `k${i}`, keyName: `Key ${i}`, windows: [cycle(9_000 + i * 100, now)] }),
        ...(i > 0 ? [key({ keyId: 'k0', keyName: 'Key 0', windows: [cycle(9_000, now)] })] : []),
      ];
      const r = step(s, inputs, now, { prefs: quiet });
      expect(r.sent).toEqual([]);
      s = r.state;
    });
    const morning = NIGHT + 8 * HOUR + 30 * MIN; // 07:00
    const inputs = [0, 1, 2].map((i) =>
      key({ keyId: `k${i}`, keyName: `Key ${i}`, windows: [cycle(9_000 + i * 100, morning)] }),
    );
    const r = step(s, inputs, morning, { prefs: quiet });
    expect(r.sent).toHaveLength(1);
    expect(r.sent[0]).toMatchObject({ kind: 'digest', keyId: null, title: 'Headroom: 3 alerts on 3 keys' });
    expect(r.sent[0]?.body.split('\n')).toEqual([
      'Key 2: about 92% of billing-cycle quota used',
      'Key 1: about 91% of billing-cycle quota used',
      'Key 0: about 90% of billing-cycle quota used',
    ]);
    // Delivered: nothing is owed any more.
    expect(step(r.state, inputs, morning + MIN).sent).toEqual([]);
  });

  it('reports when quiet hours end, and treats start == end as no quiet period', () => {
    const r = evaluate(emptyAlertState(), [key({ windows: [hourly(990, NIGHT)] })], NIGHT, quiet, ZONE);
    expect(r.held).toEqual({ reason: 'quiet-hours', until: Date.UTC(2026, 10, 24, 6, 0) });
    const none: AlertPrefs = {
      ...DEFAULT_PREFS,
      quietHours: { enabled: true, start: '07:00', end: '07:00' },
    };
    expect(
      step(emptyAlertState(), [key({ windows: [hourly(990, NIGHT)] })], NIGHT, { prefs: none }).sent,
    ).toHaveLength(1);
  });
});

describe('many keys at once', () => {
  it('become one digest, the most serious first, with a count of the rest', () => {
    const inputs = Array.from({ length: 7 }, (_, i) =>
      key({ keyId: `k${i}`, keyName: `Key ${i}`, windows: [hourly(800 + i * 20, T0)] }),
    );
    inputs.push(
      key({
        keyId: 'blocked',
        keyName: 'Blocked API',
        windows: [hourly(1000, T0, { exhausted: true, remaining: 0 })],
        blocked: { type: 'api_calls', windowId: 'api_calls', retryAt: T0 + HOUR },
      }),
    );
    const r = step(emptyAlertState(), inputs, T0);
    expect(r.sent).toHaveLength(1);
    const digest = r.sent[0];
    expect(digest).toMatchObject({
      kind: 'digest',
      keyId: null,
      urgency: 'critical',
      title: 'Headroom: 8 alerts on 8 keys',
    });
    expect(digest?.body.split('\n')).toEqual([
      'Blocked API is blocked: hourly quota reached',
      'Key 6: 92% of hourly quota used',
      'Key 5: 90% of hourly quota used',
      'Key 4: 88% of hourly quota used',
      'and 4 more in Headroom',
    ]);
    expect(step(r.state, inputs, T0 + MIN).sent).toEqual([]);
  });

  it('several alerts for one key keep that key for the click', () => {
    const input = key({
      windows: [hourly(950, T0), cycle(9_200, T0)],
      forecast: forecast({
        probabilityRunOut: 0.9,
        runOutAt: T0 + 3 * DAY,
        low: T0 + 2 * DAY,
        high: T0 + 4 * DAY,
      }),
    });
    // The run-out warning is held for half of its 3 days' lead (36 h): it joins the thresholds then.
    const quiet = { ...input, windows: [] };
    const held = step(emptyAlertState(), [quiet], T0 - 36 * HOUR);
    expect(held.sent).toEqual([]);
    const r = step(held.state, [input], T0);
    expect(r.sent[0]).toMatchObject({ kind: 'digest', keyId: 'shop', title: 'Shop API: 3 alerts' });
  });
});

describe('delivery failures', () => {
  it('keeps a failed alert pending, backs off, retries the same message, and fires only on success', () => {
    const input = [key({ windows: [cycle(9_000, T0)] })];
    let r = step(emptyAlertState(), input, T0, { deliver: 'fail' });
    const first = r.sent[0];
    expect(first).toBeDefined();
    expect(deliveryStatus(r.state)).toEqual({
      undelivered: 1,
      lastFailure: { at: T0, reason: 'daemon gone' },
      retryAt: T0 + 30_000,
    });
    // Within the backoff: held, nothing sent.
    const held = evaluate(r.state, input, T0 + 10_000, DEFAULT_PREFS, ZONE);
    expect(held.outgoing).toEqual([]);
    expect(held.held).toEqual({ reason: 'backoff', until: T0 + 30_000 });
    // Second failure doubles the wait.
    r = step(r.state, input, T0 + 30_000, { deliver: 'fail' });
    expect(r.sent[0]?.id).toBe(first?.id);
    expect(deliveryStatus(r.state).retryAt).toBe(T0 + 30_000 + 60_000);
    // Then it works: fired, and never again.
    r = step(r.state, input, T0 + 90_000);
    expect(r.sent[0]?.id).toBe(first?.id);
    expect(deliveryStatus(r.state)).toEqual({ undelivered: 0, lastFailure: null, retryAt: null });
    expect(step(r.state, input, T0 + 2 * HOUR).sent).toEqual([]);
  });

  it('re-sends a message whose outcome never came back (a crash mid-delivery)', () => {
    const input = [key({ windows: [hourly(910, T0)] })];
    const r = step(emptyAlertState(), input, T0, { deliver: 'lost' });
    expect(r.sent).toHaveLength(1);
    expect(step(r.state, input, T0 + MIN).sent).toEqual([]); // still in flight
    const again = step(r.state, input, T0 + IN_FLIGHT_TIMEOUT_MS + MIN);
    expect(again.sent[0]?.id).toBe(r.sent[0]?.id);
  });

  it('ignores an outcome for a message it does not know, apart from delivery health', () => {
    const s = recordDelivery(emptyAlertState(), ['nope'], { ok: false, reason: 'x' }, T0);
    expect(s.keys).toEqual({});
    expect(s.delivery.failures).toBe(1);
  });
});

describe('predictive alerts', () => {
  const DEC = (d: number, h = 0) => Date.UTC(2026, 11, d, h) - HOUR; // local midnight + h
  const f = (p: number, runOut: number) =>
    forecast({ probabilityRunOut: p, runOutAt: runOut, low: runOut - 2 * DAY, high: runOut + 3 * DAY });
  // A cycle renewing 1 Jan, so mid-December run-outs are inside it.
  const inCycle = (fc: ReturnType<typeof forecast>, now: number) =>
    key({
      windows: [cycle(6_000, now)],
      forecast: fc,
      cycleStart: DEC(1),
      cycleEnd: Date.UTC(2026, 11, 31, 23),
    });

  it('warns once per cycle at probability 0.5 held for three days, again only when the date moves a day earlier', () => {
    const now = DEC(5, 9) - 3 * DAY;
    let r = step(emptyAlertState(), [inCycle(f(0.4, DEC(14, 12)), now)], now);
    expect(r.sent).toEqual([]);
    // The forecast says "runs out" from now + 1 h, 12 days ahead; three days later it still does:
    // now the user is told (a day's hold is not enough for a run-out that far away).
    r = step(r.state, [inCycle(f(0.5, DEC(14, 12)), now + HOUR)], now + HOUR);
    expect(r.sent).toEqual([]);
    r = step(r.state, [inCycle(f(0.5, DEC(14, 12)), now + DAY + 2 * HOUR)], now + DAY + 2 * HOUR);
    expect(r.sent).toEqual([]);
    r = step(r.state, [inCycle(f(0.5, DEC(14, 12)), DEC(5, 9) + HOUR)], DEC(5, 9) + HOUR);
    expect(r.sent[0]).toMatchObject({ kind: 'predictive', title: 'Shop API will run out about 14 Dec' });
    // ICU puts thin spaces around the range dash; compare the words.
    expect(r.sent[0]?.body.replace(/\s/g, ' ')).toBe('80% range: 12 – 17 Dec · renews 1 Jan · 50% chance');
    const t = DEC(5, 9) + HOUR;
    // Probability dips and recovers, date moves 12 h earlier: no repeat.
    r = step(r.state, [inCycle(f(0.3, DEC(14, 12)), t + 2 * HOUR)], t + 2 * HOUR);
    r = step(r.state, [inCycle(f(0.7, DEC(14, 0)), t + 3 * HOUR)], t + 3 * HOUR);
    expect(r.sent).toEqual([]);
    // A full day earlier than announced: warn again once the forecast (saying so since t + 3 h) has
    // held for half the time left before that run-out, about 64 hours.
    r = step(r.state, [inCycle(f(0.8, DEC(13, 12)), t + 4 * HOUR)], t + 4 * HOUR);
    expect(r.sent).toEqual([]);
    r = step(r.state, [inCycle(f(0.8, DEC(13, 12)), t + 66 * HOUR)], t + 66 * HOUR);
    expect(r.sent).toEqual([]);
    r = step(r.state, [inCycle(f(0.8, DEC(13, 12)), t + 67 * HOUR)], t + 67 * HOUR);
    expect(r.sent.map((m) => m.title)).toEqual(['Shop API will run out about 13 Dec']);
    // Later is good news, not an alert.
    r = step(r.state, [inCycle(f(0.8, DEC(20)), t + 68 * HOUR)], t + 68 * HOUR);
    expect(r.sent).toEqual([]);
  });

  it('waits until even the late end of the 80 % range runs out before renewal', () => {
    const now = DEC(5, 9);
    const unsure = forecast({
      probabilityRunOut: 0.7,
      runOutAt: DEC(24),
      low: DEC(18),
      high: Date.UTC(2027, 0, 6),
    });
    let r = step(emptyAlertState(), [inCycle(unsure, now)], now);
    r = step(r.state, [inCycle(unsure, now + 2 * DAY)], now + 2 * DAY);
    expect(r.sent).toEqual([]);
    const sure = forecast({ probabilityRunOut: 0.9, runOutAt: DEC(22), low: DEC(18), high: DEC(28) });
    r = step(r.state, [inCycle(sure, now + 3 * DAY)], now + 3 * DAY);
    r = step(r.state, [inCycle(sure, now + 6 * DAY)], now + 6 * DAY);
    expect(r.sent.map((m) => m.kind)).toEqual(['predictive']);
  });

  it('a forecast that swings across 50 % within the day never warns; a run-out close by needs a shorter hold', () => {
    const now = DEC(5, 9);
    let r = step(emptyAlertState(), [inCycle(f(0.6, DEC(14)), now)], now);
    // Early in a cycle the probability swings with each day's pace: yes, no, yes, each for hours.
    for (let h = 1; h <= 72; h++) {
      const p = Math.floor(h / 10) % 2 === 0 ? 0.6 : 0.4;
      r = step(r.state, [inCycle(f(p, DEC(14)), now + h * HOUR)], now + h * HOUR);
      expect(r.sent).toEqual([]);
    }
    // A run-out 8 h away is told once the forecast has held for half the time left (after about
    // 2 h 40 min), not three days later.
    const soon = DEC(20, 9);
    r = step(r.state, [inCycle(f(0.9, soon + 8 * HOUR), soon)], soon);
    expect(r.sent).toEqual([]);
    r = step(r.state, [inCycle(f(0.9, soon + 8 * HOUR), soon + 2 * HOUR)], soon + 2 * HOUR);
    expect(r.sent).toEqual([]);
    r = step(r.state, [inCycle(f(0.9, soon + 8 * HOUR), soon + 3 * HOUR)], soon + 3 * HOUR);
    expect(r.sent.map((m) => m.kind)).toEqual(['predictive']);
  });

  it('starts over in a new cycle, and ignores insufficient data', () => {
    const now = DEC(5, 9);
    let r = step(emptyAlertState(), [inCycle(f(0.9, DEC(14)), now - 3 * DAY)], now - 3 * DAY);
    r = step(r.state, [inCycle(f(0.9, DEC(14)), now)], now);
    expect(r.sent).toHaveLength(1);
    const next = key({
      windows: [cycle(100, now)],
      forecast: f(0.9, Date.UTC(2027, 0, 20)),
      cycleStart: Date.UTC(2026, 11, 31, 23),
      cycleEnd: Date.UTC(2027, 0, 31, 23),
    });
    r = step(r.state, [next], Date.UTC(2027, 0, 2));
    expect(r.sent).toEqual([]);
    r = step(r.state, [next], Date.UTC(2027, 0, 5));
    expect(r.sent.map((m) => m.kind)).toEqual(['predictive']);
    const unsure = key({
      windows: [],
      forecast: forecast({ status: 'insufficient-data', probabilityRunOut: 0.9, runOutAt: DEC(14) }),
    });
    expect(step(emptyAlertState(), [unsure], now).sent).toEqual([]);
  });
});

describe('breach and recovery', () => {
  const cycleBlock = { type: 'api_calls_cycle', windowId: 'api_calls_cycle', retryAt: CYCLE_END };

  it("names the limit and when it lifts, and covers the full window's thresholds", () => {
    const w = cycle(10_000, T0, { source: 'breach', exhausted: true, remaining: 0 });
    const r = step(emptyAlertState(), [key({ windows: [w], blocked: cycleBlock })], T0);
    expect(r.sent).toEqual([
      expect.objectContaining({
        kind: 'breach',
        title: 'Shop API is blocked: billing-cycle quota reached',
        body: 'Lifts 1 Dec, 00:00',
        urgency: 'critical',
        keyId: 'shop',
      }),
    ]);
    // The 80/90/100 % thresholds went out with the breach: nothing follows.
    expect(step(r.state, [key({ windows: [w], blocked: cycleBlock })], T0 + MIN).sent).toEqual([]);
  });

  it('says so when the provider gives no lift time', () => {
    const r = step(
      emptyAlertState(),
      [key({ windows: [], blocked: { type: 'api_calls', windowId: null, retryAt: null } })],
      T0,
    );
    expect(r.sent[0]).toMatchObject({
      title: 'Shop API is blocked: request limit reached',
      body: 'The provider did not say when it lifts',
    });
  });

  it('sends a recovery alert when a block the user was told of lifts', () => {
    const block = { type: 'api_calls', windowId: 'api_calls', retryAt: T0 + 20 * MIN };
    let r = step(
      emptyAlertState(),
      [key({ windows: [hourly(1000, T0, { exhausted: true })], blocked: block })],
      T0,
    );
    expect(r.sent.map((m) => m.kind)).toEqual(['breach']);
    const later = T0 + 61 * MIN; // next hour: refilled, by inference
    const refilled = hourly(0, later, { source: 'estimate', resetSinceObserved: true });
    r = step(r.state, [key({ windows: [refilled] })], later);
    expect(r.sent[0]).toMatchObject({
      kind: 'recovery',
      title: 'Shop API: requests available again',
      body: 'Hourly quota reset · The block on the request limit lifted · since 13:01',
    });
    expect(step(r.state, [key({ windows: [refilled] })], later + MIN).sent).toEqual([]);
  });

  it('sends a recovery alert when an exhausted window resets', () => {
    let r = step(emptyAlertState(), [key({ windows: [hourly(1000, T0)] })], T0);
    expect(r.sent[0]?.title).toBe('Shop API: 100% of hourly quota used');
    const next = T0 + HOUR + 5 * MIN;
    r = step(r.state, [key({ windows: [hourly(30, next)] })], next);
    expect(r.sent[0]).toMatchObject({ kind: 'recovery', body: 'Hourly quota reset · since 13:05' });
  });

  it('skips the recovery of an outage shorter than ten minutes: its alert already said when it ends', () => {
    const nearEnd = T0 + 55 * MIN; // 12:55, resets 13:00
    let r = step(emptyAlertState(), [key({ windows: [hourly(1000, nearEnd)] })], nearEnd);
    expect(r.sent[0]?.body).toBe('1,000 of 1,000 requests used · resets 13:00');
    const next = T0 + 61 * MIN;
    r = step(r.state, [key({ windows: [hourly(20, next)] })], next);
    expect(r.sent).toEqual([]);
  });

  it('skips the recovery of a block that lifted before anyone was told (quiet hours)', () => {
    const block = { type: 'api_calls', windowId: 'api_calls', retryAt: NIGHT + 30 * MIN };
    let r = step(
      emptyAlertState(),
      [key({ windows: [hourly(1000, NIGHT, { exhausted: true })], blocked: block })],
      NIGHT,
      {
        prefs: quiet,
      },
    );
    expect(r.sent).toEqual([]);
    const morning = NIGHT + 9 * HOUR;
    r = step(
      r.state,
      [key({ windows: [hourly(0, morning, { source: 'estimate', resetSinceObserved: true })] })],
      morning,
      {
        prefs: quiet,
      },
    );
    expect(r.sent).toEqual([]);
  });

  it('drops an undelivered recovery when the key is blocked again', () => {
    const block = { type: 'api_calls', windowId: 'api_calls', retryAt: T0 + 10 * MIN };
    let r = step(
      emptyAlertState(),
      [key({ windows: [hourly(1000, T0, { exhausted: true })], blocked: block })],
      T0,
    );
    const lifted = T0 + 11 * MIN;
    r = step(r.state, [key({ windows: [hourly(1000, lifted)] })], lifted, { deliver: 'fail' });
    expect(r.sent.map((m) => m.kind)).toEqual(['recovery']);
    const again = T0 + 12 * MIN;
    const blockedAgain = { ...block, retryAt: T0 + 40 * MIN };
    r = step(
      r.state,
      [key({ windows: [hourly(1000, again, { exhausted: true })], blocked: blockedAgain })],
      again + HOUR,
    );
    // Only the new breach goes out: "available again" is no longer true.
    expect(r.sent.map((m) => m.kind)).toEqual(['breach']);
    expect(deliveryStatus(r.state).undelivered).toBe(0);
  });
});

describe('recordDelivery on a breach in a digest', () => {
  it('marks every fact covered by the digest as fired', () => {
    const inputs = [
      key({ keyId: 'a', keyName: 'A', windows: [hourly(950, T0)] }),
      key({
        keyId: 'b',
        keyName: 'B',
        windows: [],
        blocked: { type: 'api_calls', windowId: null, retryAt: null },
      }),
    ];
    const r = step(emptyAlertState(), inputs, T0);
    expect(r.sent[0]?.kind).toBe('digest');
    expect(deliveryStatus(r.state).undelivered).toBe(0);
    expect(r.state.keys.a?.thresholds['api_calls@90']?.phase).toBe('fired');
    expect(r.state.keys.b?.breach?.phase).toBe('fired');
  });
});
