// Issue 16 points 3-6: what the card asks instead of showing a silent figure. Each decision is pure
// (electron/core/insight/prompts.ts, risk.ts) and reaches the card through buildKeyView.
import { describe, expect, it } from 'vitest';
import { keyConfigSchema, type KeyConfig } from '../../electron/core/config/settings';
import type { Forecast } from '../../electron/core/forecast/types';
import { cycleGate } from '../../electron/core/insight/cycle-gate';
import { keyInsight } from '../../electron/core/insight/key-insight';
import {
  clockSkew,
  duplicateKeys,
  planMismatch,
  projectIdentities,
} from '../../electron/core/insight/prompts';
import { runOutRisk } from '../../electron/core/insight/risk';
import { resolvePlan } from '../../electron/core/plans/catalog';
import { voucherifyPlan } from '../../electron/core/plans/voucherify';
import type { QuotaWindow, WindowView } from '../../electron/core/quota/model';
import { EMPTY_STATE, type KeyQuotaState } from '../../electron/core/quota/state';
import { makeFormatter } from '../../electron/core/view/format';
import { buildKeyView, type KeyViewInput } from '../../electron/core/view/key-view';
import { formatSpan } from '../../electron/core/text/format';
import {
  cycleAlerts,
  cycleStart,
  HOUR,
  insightInput,
  now,
  probedAMinuteAgo,
} from '../insight/mid-cycle-fixture';

const DAY = 24 * HOUR;
const fmt = makeFormatter('en-GB', 'UTC');

function config(over: Partial<Record<string, unknown>> = {}): KeyConfig {
  return keyConfigSchema.parse({
    id: 'key-shop',
    name: 'Shop',
    connection: { provider: 'voucherify', region: 'eu', appId: 'app-1', clientSide: false },
    plan: { provider: 'voucherify', plan: 'startup' },
    createdAt: 1,
    ...over,
  });
}

function headerWindow(over: Partial<QuotaWindow> = {}): QuotaWindow {
  return {
    id: 'api_calls',
    kind: 'requests-hour',
    unit: 'requests',
    label: 'Requests / hour',
    limit: 1000,
    remaining: 600,
    used: 400,
    resetAt: now + 20 * 60_000,
    periodMs: HOUR,
    observedAt: now - 60_000,
    source: 'header',
    flag: null,
    ...over,
  };
}

function quota(windows: QuotaWindow[], clockSkewMs: number | null = null): KeyQuotaState {
  return {
    ...EMPTY_STATE,
    windows: Object.fromEntries(windows.map((w) => [w.id, w])),
    lastObservedAt: now - 60_000,
    clockSkewMs,
  };
}

function view(over: Partial<KeyViewInput> & { config?: KeyConfig } = {}) {
  const cfg = over.config ?? config();
  return buildKeyView({
    config: cfg,
    quota: quota([headerWindow()]),
    plan: resolvePlan(cfg.plan),
    insight: keyInsight(insightInput({ plan: resolvePlan(cfg.plan) })),
    ...probedAMinuteAgo(fmt),
    ...over,
  });
}

describe('3. a dashboard reading above the plan’s cycle limit', () => {
  const over = { dashboard: [{ at: now - 30_000, used: 12_500 }] };

  it('keeps the reading, asks whether the plan is right, and raises no Critical, used-up or alert', () => {
    const insight = keyInsight(insightInput(over));
    expect(insight.estimate?.used).toBeGreaterThanOrEqual(12_500);
    expect(insight.readingAboveLimit).toEqual({ at: now - 30_000, used: 12_500 });
    expect(cycleGate(insight)).toBeNull();
    expect(cycleAlerts(insight)).toEqual([]);
    const k = view({ insight, dashboard: over.dashboard });
    expect(k.status).toBe('ok');
    expect(k.headline).not.toMatch(/used up|Cycle: 0/);
    expect(k.cycle?.limitInDoubt).toBe(true);
    expect(k.cycle?.forecast).toBeNull();
    const p = k.prompts?.find((x) => x.id === 'reading-above-limit');
    expect(p?.text).toBe('Your reading (12,500) is above the Startup plan’s 10,000: is the plan right?');
    expect(p?.actions.map((a) => a.kind)).toEqual(['edit', 'reading']);
  });

  it('a cycle breach after the reading proves the quota used up: no prompt, the gate acts again', () => {
    const insight = keyInsight(insightInput({ ...over, cycleBreaches: [now - 10_000] }));
    expect(insight.readingAboveLimit).toBeNull();
    expect(cycleGate(insight)).not.toBeNull();
    expect(view({ insight }).prompts?.some((x) => x.id === 'reading-above-limit')).toBe(false);
  });

  it('a reading within the limit asks nothing', () => {
    const insight = keyInsight(insightInput({ dashboard: [{ at: now - 30_000, used: 9_000 }] }));
    expect(insight.readingAboveLimit).toBeNull();
    expect(view({ insight }).prompts).toEqual([]);
  });
});

describe('5a. a plan the headers contradict', () => {
  it('Growth while the headers say 1,000 / hour: names Startup, with a one-click switch', () => {
    const cfg = config({
      plan: { provider: 'voucherify', plan: 'growth', overrides: { api_calls_cycle: 12_000 } },
    });
    const k = view({ config: cfg });
    const p = k.prompts?.find((x) => x.id === 'plan-mismatch');
    expect(p?.text).toBe(
      'The API says 1,000 requests / hour, Startup’s limit, but Growth allows 2,000: is the plan Startup?',
    );
    // The switch keeps the user's other figures and drops only the contradicted one.
    expect(p?.actions[0]).toEqual({
      kind: 'set-plan',
      label: 'Switch to Startup',
      plan: { provider: 'voucherify', plan: 'startup', overrides: { api_calls_cycle: 12_000 } },
    });
  });

  it('a limit two plans share names both; one no plan has offers the form', () => {
    const growth = { provider: 'voucherify', plan: 'growth' } as const;
    const w = (limit: number) => [
      { ...headerWindow({ limit }), ageMs: 0, resetSinceObserved: false, stale: false, exhausted: false },
    ];
    const two = planMismatch(growth, voucherifyPlan('growth'), w(100));
    expect(two?.fits.map((f) => f.name)).toEqual(['Free', 'Sandbox project']);
    const none = planMismatch(growth, voucherifyPlan('growth'), w(1234));
    expect(none?.fits).toEqual([]);
    expect(
      view({ config: config({ plan: growth }), quota: quota([headerWindow({ limit: 1234 })]) }).prompts?.[0]
        ?.actions,
    ).toEqual([{ kind: 'edit', label: 'Change plan' }]);
  });

  it('headers that agree with the plan, a plan figure or a breach ask nothing', () => {
    expect(view().prompts).toEqual([]);
    const growth = config({ plan: { provider: 'voucherify', plan: 'growth' } });
    const breach = headerWindow({ source: 'breach', limit: 1000 });
    expect(view({ config: growth, quota: quota([breach]) }).prompts).toEqual([]);
  });
});

describe('5b. a clock that is off', () => {
  it('an hourly window "resetting in 3 d 11 h" is flagged and its countdown withheld', () => {
    const skewed = headerWindow({ resetAt: now + 3 * DAY + 11 * HOUR });
    const k = view({ quota: quota([skewed]) });
    const p = k.prompts?.find((x) => x.id === 'clock-skew');
    expect(p?.text).toBe(
      'Your clock or the server’s is off by about 3 d 10 h: reset times are not shown until they agree.',
    );
    const w = k.windows.find((x) => x.id === 'api_calls');
    expect(w?.resetAt).toBeNull();
    expect(w?.flag).toMatch(/clocks disagree/);
    expect(k.headline).not.toMatch(/resets/);
  });

  it('a Date header far from the local clock is flagged with its offset; a few seconds are not', () => {
    const k = view({ quota: quota([headerWindow()], 2 * HOUR + 5 * 60_000) });
    expect(k.prompts?.find((x) => x.id === 'clock-skew')?.text).toMatch(/off by about 2 h 5 min/);
    expect(k.windows[0]?.resetAt).toBeNull();
    expect(view({ quota: quota([headerWindow()], 4_000) }).prompts).toEqual([]);
  });

  it('a reset within the window’s length is a plain countdown', () => {
    const views: WindowView[] = [
      {
        ...headerWindow({ resetAt: now + HOUR }),
        ageMs: 0,
        resetSinceObserved: false,
        stale: false,
        exhausted: false,
      },
    ];
    expect(clockSkew(views, null, now)).toBeNull();
    expect(formatSpan(3 * DAY + 11 * HOUR)).toBe('3 d 11 h');
    expect(formatSpan(25 * 60_000)).toBe('25 min');
  });
});

describe('6. two keys for the same project', () => {
  const conn = (appId: string, region = 'eu') =>
    config({ connection: { provider: 'voucherify', region, appId, clientSide: false } }).connection;

  it('same provider, host and App ID, or the same secret fingerprint: duplicates, both ways', () => {
    const base = 'https://api.voucherify.io';
    const keys = [
      { id: 'a', name: 'Shop', identities: projectIdentities(conn('app-1'), base, null) },
      { id: 'b', name: 'Shop again', identities: projectIdentities(conn('app-1'), base, null) },
      { id: 'c', name: 'Other', identities: projectIdentities(conn('app-2'), base, 'f1') },
      { id: 'd', name: 'Same token', identities: projectIdentities(conn('app-3'), base, 'f1') },
      {
        id: 'e',
        name: 'US',
        identities: projectIdentities(conn('app-1', 'us1'), 'https://us1.api.voucherify.io', null),
      },
    ];
    const twins = duplicateKeys(keys);
    expect(twins.get('a')).toEqual([{ id: 'b', name: 'Shop again' }]);
    expect(twins.get('b')).toEqual([{ id: 'a', name: 'Shop' }]);
    expect(twins.get('c')?.map((x) => x.id)).toEqual(['d']);
    expect(twins.has('e')).toBe(false);
  });

  it('the card names the other key; no identity (hash or App ID) reaches the view', () => {
    const k = view({ duplicates: [{ id: 'b', name: 'Shop again' }] });
    expect(k.prompts?.find((x) => x.id === 'duplicate')?.text).toBe(
      '“Shop again” already monitors this project: a second key doubles the probes.',
    );
    expect(JSON.stringify(k)).not.toMatch(/secret:|app:app-1/);
  });
});

describe('4. the run-out risk', () => {
  const f = (p: number, high: number | null): Forecast => ({
    status: 'ok',
    runOutAt: null,
    low: Date.parse('2026-12-12T10:00:00Z'),
    high,
    probabilityRunOut: p,
    projectedAtCycleEnd: 9_600,
    safeDailyBudget: 300,
  });

  it('from 20 %: the chance and the 80 % run-out range, never "lasts to renewal"', () => {
    expect(runOutRisk(f(0.39, Date.parse('2026-12-18T10:00:00Z')), now, fmt)?.text).toBe(
      '39% chance to run out, between 12 Dec and 18 Dec',
    );
    expect(runOutRisk(f(0.39, null), now, fmt)?.text).toBe(
      '39% chance to run out, between 12 Dec and renewal',
    );
    expect(runOutRisk(f(0.19, null), now, fmt)).toBeNull();
    expect(runOutRisk({ ...f(0.5, null), status: 'insufficient-data' }, now, fmt)).toBeNull();
  });

  it('"between A and B" is when it runs out if it does (whenRunsOut), not the interval that reaches past renewal', () => {
    const whenRunsOut = {
      low: Date.parse('2026-12-20T10:00:00Z'),
      high: Date.parse('2026-12-27T10:00:00Z'),
    };
    expect(runOutRisk({ ...f(0.39, null), whenRunsOut }, now, fmt)?.text).toBe(
      '39% chance to run out, between 20 Dec and 27 Dec',
    );
  });
});

describe('3. an exact cycle figure in the tray carries no "≈"', () => {
  it('a fresh dashboard reading reads as a plain figure; an estimate keeps its "≈"', async () => {
    const { cycleLines } = await import('../../electron/core/tray/menu');
    const c = (low: number, high: number) => ({
      start: cycleStart,
      end: cycleStart + 30 * DAY,
      limit: 10_000,
      limitSource: 'plan' as const,
      estimate: {
        at: now,
        cycleStart,
        cycleEnd: cycleStart + 30 * DAY,
        limit: 10_000,
        used: low,
        low,
        high,
        monitorCalls: 4,
        basis: 'dashboard' as const,
      },
      forecast: null,
      history: [],
      cone: [],
      lastReading: { at: now, used: 5_000 },
    });
    const F = { locale: 'en-GB', timeZone: 'UTC' };
    expect(cycleLines(c(5_000, 5_000), now, F)[0]).toMatch(/^Billing cycle: 5,000 of 10,000 left/);
    expect(cycleLines(c(5_000, 5_040), now, F)[0]).toMatch(/^Billing cycle: ≈5,000 of 10,000 left/);
  });
});

describe('4. the risk in the key’s headline (the header’s worst-key line and the tooltip)', () => {
  it('says the chance and the range instead of "lasts to renewal"', () => {
    const base = keyInsight(insightInput({ dashboard: [{ at: now - 30_000, used: 6_000 }] }));
    const risky: Forecast = {
      status: 'ok',
      runOutAt: null,
      low: Date.parse('2026-11-27T10:00:00Z'),
      high: Date.parse('2026-11-29T10:00:00Z'),
      probabilityRunOut: 0.39,
      projectedAtCycleEnd: 9_600,
      safeDailyBudget: 300,
    };
    const k = view({ insight: { ...base, forecast: risky } });
    expect(k.headline).toMatch(
      /^Cycle: (about )?40% left · 39% chance to run out, between 27 Nov and 29 Nov$/,
    );
    expect(k.risk?.text).toBe('39% chance to run out, between 27 Nov and 29 Nov');
    const calm = view({ insight: { ...base, forecast: { ...risky, probabilityRunOut: 0.04 } } });
    expect(calm.headline).toMatch(/lasts to renewal$/);
    expect(calm.risk).toBeNull();
  });

  it('a per-minute plan against hourly headers names both periods', () => {
    const cfg = config({ plan: { provider: 'voucherify', plan: 'business' } });
    const text = view({ config: cfg }).prompts?.find((x) => x.id === 'plan-mismatch')?.text;
    expect(text).toBe(
      'The API says 1,000 requests / hour, Startup’s limit, but Business allows 100 / minute: is the plan Startup?',
    );
  });
});
