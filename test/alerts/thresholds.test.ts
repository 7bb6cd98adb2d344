// Threshold alerts over simulated timelines: they come once per crossing, re-arm only by a margin or
// a reset, survive a restart, and never fire on figures that are only the plan's.
import { describe, expect, it } from 'vitest';
import { emptyAlertState, parseAlertState } from '../../electron/core/alerts/state';
import { alertRulesSchema } from '../../electron/core/alerts/rules';
import { cycle, DAY, HOUR, hourly, key, MIN, step, T0 } from './support';

describe('threshold alerts', () => {
  it('stays quiet below 80 % and announces the crossing with specific figures', () => {
    let s = emptyAlertState();
    let r = step(s, [key({ windows: [hourly(700, T0)] })], T0);
    expect(r.sent).toEqual([]);
    s = r.state;
    r = step(s, [key({ windows: [hourly(904, T0 + 5 * MIN)] })], T0 + 5 * MIN);
    // 80 and 90 crossed together: one alert, not two.
    expect(r.sent).toHaveLength(1);
    expect(r.sent[0]).toMatchObject({
      kind: 'threshold',
      keyId: 'shop',
      title: 'Shop API: 90% of hourly quota used',
      body: '904 of 1,000 requests used · resets 13:00',
      urgency: 'normal',
    });
    s = r.state;
    // Still above 90: nothing more.
    r = step(s, [key({ windows: [hourly(950, T0 + 10 * MIN)] })], T0 + 10 * MIN);
    expect(r.sent).toEqual([]);
    // 100 % is a new level.
    r = step(r.state, [key({ windows: [hourly(1000, T0 + 15 * MIN)] })], T0 + 15 * MIN);
    expect(r.sent.map((m) => m.title)).toEqual(['Shop API: 100% of hourly quota used']);
  });

  it('fires once while usage oscillates around a threshold, again only after falling by the margin', () => {
    let s = emptyAlertState();
    const seq = [89, 91, 89.5, 90.2, 88, 91, 86, 93]; // percent, every 2 minutes
    const titles: string[] = [];
    seq.forEach((pct, i) => {
      const now = T0 + i * 2 * MIN;
      const r = step(s, [key({ windows: [hourly(pct * 10, now)] })], now);
      titles.push(...r.sent.map((m) => m.title));
      s = r.state;
    });
    // 89 -> 80 % alert; 91 -> 90 % alert; never below 85 afterwards: nothing else.
    expect(titles).toEqual(['Shop API: 89% of hourly quota used', 'Shop API: 91% of hourly quota used']);
    // Falling to 84 % (below 90 - 5) re-arms 90 %; the next crossing fires again.
    let r = step(s, [key({ windows: [hourly(840, T0 + 20 * MIN)] })], T0 + 20 * MIN);
    expect(r.sent).toEqual([]);
    r = step(r.state, [key({ windows: [hourly(905, T0 + 22 * MIN)] })], T0 + 22 * MIN);
    expect(r.sent.map((m) => m.title)).toEqual(['Shop API: 90% of hourly quota used']);
  });

  it('re-arms when the window resets, and not on jitter in the reset time', () => {
    let r = step(emptyAlertState(), [key({ windows: [hourly(950, T0)] })], T0);
    expect(r.sent).toHaveLength(1);
    // Same period, reset time read one second later: no new alert.
    const jitter = hourly(960, T0 + 5 * MIN);
    r = step(
      r.state,
      [key({ windows: [{ ...jitter, resetAt: (jitter.resetAt ?? 0) + 1000 }] })],
      T0 + 5 * MIN,
    );
    expect(r.sent).toEqual([]);
    // Next hour, heavy use again: the new period earns its own alert.
    const later = T0 + HOUR + 40 * MIN;
    r = step(r.state, [key({ windows: [hourly(910, later)] })], later);
    expect(r.sent.map((m) => m.title)).toEqual(['Shop API: 91% of hourly quota used']);
    expect(r.sent[0]?.body).toBe('910 of 1,000 requests used · resets 14:00');
  });

  it('does not fire again after a restart (state serialised and parsed back)', () => {
    const r = step(emptyAlertState(), [key({ windows: [hourly(920, T0)] })], T0);
    expect(r.sent).toHaveLength(1);
    const onDisk = JSON.stringify(r.state);
    const { state, problem } = parseAlertState(JSON.parse(onDisk));
    expect(problem).toBeNull();
    const again = step(state, [key({ windows: [hourly(925, T0 + MIN)] })], T0 + MIN);
    expect(again.sent).toEqual([]);
  });

  it('starts afresh, saying why, from a corrupted state file', () => {
    const { state, problem } = parseAlertState({ version: 1, keys: { shop: { thresholds: 'x' } } });
    expect(state).toEqual(emptyAlertState());
    expect(problem).toMatch(/alert state unreadable.*keys\.shop\.thresholds/);
    expect(parseAlertState({ version: 99 }).problem).toMatch(/unreadable/);
  });

  it('never fires on figures that are only the plan limit, nor on flagged figures', () => {
    const planOnly = hourly(0, T0, { used: null, remaining: null, source: 'plan' });
    let r = step(emptyAlertState(), [key({ windows: [planOnly] })], T0);
    expect(r.sent).toEqual([]);
    const flagged = hourly(990, T0, { flag: 'remaining is larger than the limit' });
    r = step(r.state, [key({ windows: [flagged] })], T0);
    expect(r.sent).toEqual([]);
  });

  it('says "about" for an estimated billing-cycle figure and names the renewal', () => {
    const r = step(emptyAlertState(), [key({ windows: [cycle(8_123.4, T0)] })], T0);
    expect(r.sent[0]).toMatchObject({
      title: 'Shop API: about 81% of billing-cycle quota used',
      body: 'about 8,123 of 10,000 requests used · renews 1 Dec',
    });
  });

  it('says how old a stale reading is', () => {
    const seen = T0 - 2 * HOUR;
    const w = cycle(9_100, seen, { source: 'header', stale: true, ageMs: 2 * HOUR });
    const r = step(emptyAlertState(), [key({ windows: [w] })], T0);
    expect(r.sent[0]?.body).toBe('9,100 of 10,000 requests used · renews 1 Dec · as of 10:00');
  });

  it('re-arms a rolling window (no reset) only by the margin, however long it stays high', () => {
    const rolling = (used: number, now: number) =>
      hourly(used, now, {
        id: 'credits',
        kind: 'rolling-24h',
        resetAt: null,
        periodMs: 24 * HOUR,
        label: 'Credits',
      });
    let r = step(emptyAlertState(), [key({ windows: [rolling(910, T0)] })], T0);
    expect(r.sent.map((m) => m.title)).toEqual(['Shop API: 91% of 24-hour quota used']);
    for (let h = 6; h <= 72; h += 6) {
      r = step(r.state, [key({ windows: [rolling(880 + (h % 12) * 5, T0 + h * HOUR)] })], T0 + h * HOUR);
      expect(r.sent).toEqual([]);
    }
    r = step(r.state, [key({ windows: [rolling(800, T0 + 80 * HOUR)] })], T0 + 80 * HOUR);
    r = step(r.state, [key({ windows: [rolling(900, T0 + 81 * HOUR)] })], T0 + 81 * HOUR);
    expect(r.sent).toHaveLength(1);
  });

  it('leaves per-second and per-minute windows to the breach alert by default', () => {
    const perMinute = hourly(990, T0, { kind: 'requests-minute', periodMs: MIN, resetAt: T0 + MIN });
    expect(step(emptyAlertState(), [key({ windows: [perMinute] })], T0).sent).toEqual([]);
    const rules = alertRulesSchema.parse({ byKind: { 'requests-minute': [95] } });
    expect(step(emptyAlertState(), [key({ rules, windows: [perMinute] })], T0).sent).toHaveLength(1);
  });

  it('honours per-kind thresholds and an empty list that turns a kind off', () => {
    const rules = alertRulesSchema.parse({ byKind: { 'requests-hour': [], 'billing-cycle': [50] } });
    const r = step(emptyAlertState(), [key({ rules, windows: [hourly(990, T0), cycle(5_100, T0)] })], T0);
    expect(r.sent.map((m) => m.title)).toEqual(['Shop API: about 51% of billing-cycle quota used']);
  });
});

describe('alert rules schema', () => {
  it('defaults to 80, 90 and 100 % with every alert on', () => {
    const rules = alertRulesSchema.parse({});
    expect(rules.thresholds).toEqual([80, 90, 100]);
    expect([rules.breachAlerts, rules.predictiveAlerts, rules.recoveryAlerts]).toEqual([true, true, true]);
  });

  it('sorts and de-duplicates, and refuses more than five or out-of-range levels', () => {
    expect(alertRulesSchema.parse({ thresholds: [95, 50, 95] }).thresholds).toEqual([50, 95]);
    expect(alertRulesSchema.safeParse({ thresholds: [10, 20, 30, 40, 50, 60] }).success).toBe(false);
    expect(alertRulesSchema.safeParse({ thresholds: [0] }).success).toBe(false);
    expect(alertRulesSchema.safeParse({ thresholds: [101] }).success).toBe(false);
    expect(alertRulesSchema.safeParse({ byKind: { 'no-such-kind': [50] } }).success).toBe(false);
  });

  it('tells a routine from news: a level crossed in most recent hours is announced as such once, then kept quiet', () => {
    const rules = alertRulesSchema.parse({ thresholds: [90] });
    let s = emptyAlertState();
    const sentAt: number[] = [];
    const bodies: string[] = [];
    // Busy hours (95 % by minute 50) 0-8 and 10, then quiet for a day, busy again at 40.
    const busy = (h: number) => h <= 8 || h === 10 || h === 40;
    for (let h = 0; h < 41; h++) {
      for (const minute of [5, 50]) {
        const now = T0 + h * HOUR + minute * MIN;
        const used = minute === 50 && busy(h) ? 950 : 100;
        const r = step(s, [key({ rules, windows: [hourly(used, now)] })], now);
        s = r.state;
        for (const m of r.sent) {
          sentAt.push(h);
          bodies.push(m.body);
        }
      }
    }
    // News for the first three; the fourth is announced as a routine; then quiet (one quiet hour
    // does not end a routine); after a quiet day a crossing is news again.
    expect(sentAt).toEqual([0, 1, 2, 3, 40]);
    expect(bodies[3]).toMatch(/also 3 of the last 24 hours: mentioned at most once a day while it lasts/);
    for (const i of [0, 1, 2, 4]) expect(bodies[i]).not.toMatch(/of the last 24/);
  });

  it('sends no "available again" for a routine that was never announced', () => {
    let s = emptyAlertState();
    const recoveries: string[] = [];
    for (let h = 0; h < 8; h++) {
      for (const minute of [5, 30, 55]) {
        const now = T0 + h * HOUR + minute * MIN;
        // Full from minute 30 of every hour: 100 % for half an hour each time.
        const used = minute >= 30 ? 1000 : 50;
        const r = step(s, [key({ windows: [hourly(used, now)] })], now);
        s = r.state;
        for (const m of r.sent)
          if (m.kind === 'recovery' || m.title.includes('again')) recoveries.push(`${h}:${minute}`);
      }
    }
    // A recovery follows each announced hour (seen at 5 past the next). From the fourth hour the
    // crossings are a routine: the routine note is about the 80 % level (one note a day per window),
    // the 100 % crossing is kept quiet, and so is its recovery.
    expect(recoveries).toEqual(['1:5', '2:5', '3:5']);
  });

  it('keeps the routine record across a restart and small', () => {
    const rules = alertRulesSchema.parse({ thresholds: [90] });
    let s = emptyAlertState();
    for (let h = 0; h < 5; h++)
      s = step(
        s,
        [key({ rules, windows: [hourly(950, T0 + h * HOUR + 50 * MIN)] })],
        T0 + h * HOUR + 50 * MIN,
      ).state;
    const back = parseAlertState(JSON.parse(JSON.stringify(s)));
    expect(back.problem).toBeNull();
    expect(back.state.keys.shop?.habits['api_calls@90']?.periods).toHaveLength(5);
    expect(back.state.keys.shop?.habits['api_calls@90']?.notedAt).toBe(T0 + 3 * HOUR + 50 * MIN);
    // Two days later the record is gone.
    const later = T0 + 3 * DAY;
    const r = step(back.state, [key({ rules, windows: [hourly(100, later)] })], later);
    expect(r.state.keys.shop?.habits).toEqual({});
  });
});
