// The tray menu, tooltip and title built from a given AppState: per key its hourly / bulk / cycle
// figures with reset times and provenance; actions a click would run; honest truncation.
import { describe, expect, it } from 'vitest';
import {
  buildTrayMenu,
  cycleLines,
  escapeMenuLabel,
  trayTitle,
  type MenuItemModel,
} from '../../electron/core/tray/menu';
import { buildTooltip } from '../../electron/core/tray/tooltip';
import { appState, keyView, NOW, windowView } from './fixtures';
import { waitingForecast } from '../support/forecasts';

const F = { locale: 'en-GB', timeZone: 'UTC' };

function find(items: readonly MenuItemModel[], id: string): MenuItemModel | undefined {
  for (const i of items) {
    if (i.id === id) return i;
    const inner = i.submenu && find(i.submenu, id);
    if (inner) return inner;
  }
  return undefined;
}
const labels = (items: readonly MenuItemModel[] | undefined) =>
  (items ?? []).filter((i) => i.type !== 'separator').map((i) => i.label);

describe('buildTrayMenu', () => {
  const state = appState([
    keyView(),
    keyView({ id: 'staging', name: 'Staging', status: 'critical', level: 0.04, headline: 'Hourly 4% left' }),
  ]);
  const menu = buildTrayMenu(state, NOW, F);

  it('gives each key a submenu with its hourly, bulk and cycle figures and their reset times', () => {
    const key = find(menu, 'key:prod-eu');
    expect(key?.label).toBe('Production EU: Hourly 42% left, resets 13:00');
    expect(labels(key?.submenu)).toEqual([
      'Status: OK',
      'Requests / hour: 420 of 1,000 left · resets in 40 min',
      'Bulk requests / hour: limit 10 (plan; not seen yet)',
      'Billing cycle: ≈6,200 of 10,000 left (62%, estimated) · renews 1 Dec, 00:00',
      'Runs out ≈ Sat 09:00 before renewal (64% likely)',
      'Last probe 5 min ago',
      'Next probe in 15 min',
      'Probe now',
      'Show in Headroom',
    ]);
  });

  it('marks keys that need attention and says how many in the summary', () => {
    expect(find(menu, 'key:staging')?.label).toBe('[Critical] Staging: Hourly 4% left');
    expect(menu[0]?.label).toBe('Headroom: 1 of 2 keys needs attention');
  });

  it('maps clicks to actions: probe one, probe all, open, focus, snooze, settings, quit', () => {
    expect(find(menu, 'prod-eu:probe')?.action).toEqual({ type: 'probe', keyId: 'prod-eu' });
    expect(find(menu, 'prod-eu:focus')?.action).toEqual({ type: 'focus', keyId: 'prod-eu' });
    expect(find(menu, 'probe-all')).toMatchObject({
      label: 'Probe all keys now',
      enabled: true,
      action: { type: 'probe', keyId: null },
    });
    expect(find(menu, 'open')?.action).toEqual({ type: 'open' });
    expect(find(menu, 'settings')?.action).toEqual({ type: 'settings' });
    expect(find(menu, 'quit')?.action).toEqual({ type: 'quit' });
    expect(labels(find(menu, 'snooze')?.submenu)).toEqual([
      'For 30 minutes',
      'For 1 hour',
      'For 2 hours',
      'Until tomorrow morning',
      'Until I resume them',
      'Resume notifications',
    ]);
    expect(find(menu, 'snooze:2h')?.action).toEqual({ type: 'snooze', duration: '2h' });
    // Nothing to resume while not snoozed; information lines are never clickable.
    expect(find(menu, 'snooze:off')?.enabled).toBe(false);
    expect(find(menu, 'prod-eu:status')?.enabled).toBe(false);
  });

  it('shows an active snooze and lets it be resumed', () => {
    const snoozed = buildTrayMenu(
      appState([keyView()], { snooze: { until: NOW + 90 * 60_000, indefinite: false } }),
      NOW,
      F,
    );
    expect(find(snoozed, 'snooze')?.label).toBe('Notifications snoozed until 13:50');
    expect(find(snoozed, 'snooze:off')?.enabled).toBe(true);
    const forever = buildTrayMenu(
      appState([keyView()], { snooze: { until: null, indefinite: true } }),
      NOW,
      F,
    );
    expect(find(forever, 'snooze')?.label).toBe('Notifications snoozed');
    expect(find(forever, 'snooze:off')?.enabled).toBe(true);
  });

  it('says how a figure was obtained: estimated after a reset, exhausted while blocked, age when stale', () => {
    const key = keyView({
      status: 'blocked',
      blocked: {
        type: 'api_calls',
        windowId: 'api_calls',
        retryAt: Date.parse('2026-11-23T13:00:00Z'),
        since: NOW - 60_000,
      },
      windows: [
        windowView({ exhausted: true, remaining: 0 }),
        windowView({
          id: 'w2',
          label: 'Webhooks / day',
          kind: 'webhooks',
          source: 'estimate',
          remaining: 7000,
          limit: 7200,
          resetAt: null,
        }),
        windowView({
          id: 'w3',
          label: 'Requests / minute',
          kind: 'requests-minute',
          periodMs: 60_000,
          stale: true,
          ageMs: 3 * 3_600_000,
          resetAt: null,
          flag: 'remaining above limit',
        }),
      ],
      cycle: null,
      problem: { title: 'Limit reached', action: 'wait for the reset' },
    });
    const items = find(buildTrayMenu(appState([key]), NOW, F), 'key:prod-eu')?.submenu;
    expect(labels(items)).toEqual(
      expect.arrayContaining([
        'Blocked: request limit reached, until 13:00',
        'Limit reached: wait for the reset',
        'Requests / minute: 420 of 1,000 left · seen 3 hr ago · uncertain',
        'Requests / hour: none left of 1,000 · resets in 40 min',
        'Webhooks / day: ≈7,000 of 7,200 left',
      ]),
    );
    // Request windows first, shortest period first.
    const windowsOrder = labels(items).filter((l) => l.includes(' / '));
    expect(windowsOrder[0]).toMatch(/^Requests \/ minute/);
  });

  it('offers to add a key when there is none, with probe disabled but Open and Quit there', () => {
    const empty = buildTrayMenu(appState([]), NOW, F);
    expect(find(empty, 'no-keys')?.label).toBe('No keys yet: open Headroom to add one');
    expect(find(empty, 'probe-all')?.enabled).toBe(false);
    expect(find(empty, 'open')?.enabled).toBe(true);
    expect(find(empty, 'quit')?.enabled).toBe(true);
  });

  it('labels the demo and shows warnings and errors, not info notices', () => {
    const demo = buildTrayMenu(
      appState([keyView({ id: 'demo-key', name: 'Demo project', demo: true })], {
        demo: true,
        notices: [
          { id: 'a', level: 'info', text: 'Settings upgraded' },
          { id: 'b', level: 'warning', text: 'Tokens are stored with weak encryption' },
        ],
      }),
      NOW,
      F,
    );
    expect(demo[0]?.label).toBe('Headroom demo (simulated data): OK');
    expect(find(demo, 'key:demo-key')?.label).toMatch(/^Demo project \(demo\): /);
    expect(find(demo, 'notice:b')?.label).toBe('⚠ Tokens are stored with weak encryption');
    expect(find(demo, 'notice:a')).toBeUndefined();
  });

  it('cuts long labels with an ellipsis', () => {
    const long = buildTrayMenu(
      appState([keyView({ name: 'x'.repeat(60), headline: 'y'.repeat(60) })]),
      NOW,
      F,
    );
    const label = find(long, 'key:prod-eu')!.label;
    expect([...label].length).toBe(80);
    expect(label.endsWith('…')).toBe(true);
  });

  it('says when the cycle has no estimate or no limit', () => {
    const base = keyView().cycle!;
    const noEstimate = find(
      buildTrayMenu(appState([keyView({ cycle: { ...base, estimate: null, forecast: null } })]), NOW, F),
      'prod-eu:cycle:0',
    );
    expect(noEstimate?.label).toBe('Billing cycle: limit 10,000, no estimate yet · renews 1 Dec, 00:00');
    const noLimit = find(
      buildTrayMenu(appState([keyView({ cycle: { ...base, limit: null, forecast: null } })]), NOW, F),
      'prod-eu:cycle:0',
    );
    expect(noLimit?.label).toBe('Billing cycle: ≈3,800 used (no limit set) · renews 1 Dec, 00:00');
  });
});

describe('escapeMenuLabel', () => {
  it('doubles ampersands so a key named "R&D" is not turned into a mnemonic', () => {
    expect(escapeMenuLabel('R&D: 5% left')).toBe('R&&D: 5% left');
  });
});

describe('trayTitle (macOS)', () => {
  it('shows the share left, marks old figures, says Blocked, and nothing when unknown', () => {
    expect(trayTitle(appState([keyView()], { level: 0.42 }))).toBe('42%');
    expect(trayTitle(appState([keyView()], { level: 0.004 }))).toBe('1%');
    expect(trayTitle(appState([keyView()], { status: 'stale', level: 0.5 }))).toBe('~50%');
    expect(trayTitle(appState([keyView()], { status: 'blocked', level: 0 }))).toBe('Blocked');
    expect(trayTitle(appState([keyView()], { status: 'error', level: 0.5 }))).toBe('');
    expect(trayTitle(appState([], { level: null }))).toBe('');
  });
});

describe('buildTooltip', () => {
  const keys = [
    keyView({ id: 'a1aa', name: 'Alpha', status: 'ok', level: 0.9, headline: 'Hourly 90% left' }),
    keyView({ id: 'b1bb', name: 'Beta', status: 'blocked', level: 0, headline: 'Blocked until 13:00' }),
    keyView({ id: 'c1cc', name: 'Gamma', status: 'warning', level: 0.15, headline: 'Hourly 15% left' }),
  ];

  it('has a line per key with its headline, worst first', () => {
    expect(buildTooltip(appState(keys), NOW, 'linux', F)).toBe(
      ['Headroom', 'Beta: Blocked until 13:00', 'Gamma: Hourly 15% left', 'Alpha: Hourly 90% left'].join(
        '\n',
      ),
    );
  });

  it('fits Windows’ 127 characters and counts the keys that did not fit', () => {
    const many = Array.from({ length: 8 }, (_, i) =>
      keyView({
        id: `key-${i}`,
        name: `Key number ${i}`,
        level: i / 10,
        status: 'warning',
        headline: `Hourly ${i * 10}% left, resets 13:00`,
      }),
    );
    const text = buildTooltip(appState(many), NOW, 'win32', F);
    expect(text.length).toBeLessThanOrEqual(127);
    const lines = text.split('\n');
    const more = Number(/^\+(\d+) more keys$/.exec(lines.at(-1) ?? '')?.[1]);
    expect(lines.length - 2 + more).toBe(8); // header + shown keys + "+N more" = every key accounted for
    expect(lines[1]).toBe('Key number 0: Hourly 0% left, resets 13:00');
    // Elsewhere all eight fit.
    expect(buildTooltip(appState(many), NOW, 'darwin', F).split('\n')).toHaveLength(9);
  });

  it('cuts a single overlong line within the limit, marked with an ellipsis', () => {
    const text = buildTooltip(
      appState([keyView({ name: 'N'.repeat(60), headline: 'h'.repeat(200) })]),
      NOW,
      'win32',
      F,
    );
    expect(text.length).toBeLessThanOrEqual(127);
    expect(text).toContain('…');
  });

  it('a dashboard reading above the plan’s limit: asks to check the plan, in the tooltip and the menu', () => {
    const base = keyView();
    const doubtful = keyView({
      name: 'Shop',
      headline: 'Requests / hour: 600 of 1,000 left (60%) · resets 13:00',
      cycle: {
        ...base.cycle!,
        estimate: { ...base.cycle!.estimate!, used: 12_500, low: 12_500, high: 12_500, basis: 'dashboard' },
        forecast: null,
        lastReading: { at: NOW - 60_000, used: 12_500 },
        limitInDoubt: true,
      },
    });
    const line = buildTooltip(appState([doubtful]), NOW, 'linux', F).split('\n')[1] ?? '';
    expect(line).toMatch(/^Shop: check the plan: reading 12,500 is above its 10,000 · Requests \/ hour: 600/);
    // Windows' 127 characters keep the question, the part that matters.
    expect(buildTooltip(appState([doubtful]), NOW, 'win32', F)).toMatch(
      /^Headroom\nShop: check the plan: reading 12,500 is above its 10,000/,
    );
    const cycle = cycleLines(doubtful.cycle!, NOW, F);
    expect(cycle[0]).toMatch(/^Billing cycle: check the plan: reading 12,500 is above its 10,000 · renews/);
    expect(cycle.join('\n')).not.toMatch(/0 of 10,000 left/);
  });

  it('says when only a dashboard reading can give a forecast (Free: too few probes)', () => {
    const base = keyView();
    const waiting = (needsReading: boolean) =>
      cycleLines(
        {
          ...base.cycle!,
          forecast: waitingForecast({ readyAt: null, ...(needsReading ? { needsReading } : {}) }),
        },
        NOW,
        F,
      ).at(-1);
    expect(waiting(true)).toBe('Forecast: enter a dashboard reading (too few probes this cycle)');
    expect(waiting(false)).toBe('Forecast: not enough data yet');
  });

  it('mentions an active snooze, the demo, and an empty setup', () => {
    expect(
      buildTooltip(
        appState([keyView()], { snooze: { until: NOW + 30 * 60_000, indefinite: false } }),
        NOW,
        'linux',
        F,
      ),
    ).toMatch(/\nAlerts snoozed until 12:50$/);
    expect(buildTooltip(appState([keyView({ demo: true })], { demo: true }), NOW, 'linux', F)).toMatch(
      /^Headroom \(demo data\)\n.*\(demo\)/,
    );
    expect(buildTooltip(appState([]), NOW, 'win32', F)).toBe('Headroom: no keys yet, open it to add one');
  });
});
