// @vitest-environment happy-dom
// Issue 16, point 7: the rough edges a new user met in the popover and in the words main writes.
// Each test states what the user should read; each fails with the defect the issue describes.
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { thresholdText, breachText, predictiveText, recoveryText } from '../../electron/core/alerts/messages';
import { forecastCycle as forecast } from '../../electron/core/forecast/forecaster';
import { createFmt, formatMoment, formatShare } from '../../electron/core/text/format';
import { cycleLines, trayTitle } from '../../electron/core/tray/menu';
import { makeFormatter } from '../../electron/core/view/format';
import type { WindowView } from '../../electron/core/quota/model';
import { BellIcon, BellOffIcon } from '../../renderer/src/components/icons';
import { limitName } from '../../renderer/src/components/BlockedNotice';
import { probeShort } from '../../renderer/src/components/ProbeStatus';
import { forecastSentence, safeBudgetText } from '../../renderer/src/format/forecast';
import { formatShare as rendererShare } from '../../renderer/src/format/numbers';
import { appState, cycle, CYCLE_END, key, NOW } from './support/fixtures';
import { renderApp } from './support/render';
import { waitingForecast } from '../support/forecasts';

afterEach(cleanup);

const HOUR = 3_600_000;
const fmt = createFmt('en-GB', 'UTC');
const warsaw = { now: NOW, zone: { timeZone: 'Europe/Warsaw', locale: 'en-GB' } };
const cycleWindow = (over: Partial<WindowView> = {}): WindowView =>
  ({
    id: 'api_calls_cycle',
    kind: 'billing-cycle',
    label: 'Billing cycle',
    unit: 'requests',
    limit: 10_000,
    remaining: 0,
    used: 10_000,
    periodMs: null,
    resetAt: CYCLE_END,
    observedAt: NOW,
    source: 'breach',
    ageMs: 0,
    stale: false,
    resetSinceObserved: false,
    exhausted: true,
    flag: null,
    ...over,
  }) as WindowView;

describe('one formatter for the popover, the tray, card headlines and notifications', () => {
  it('writes a share the same way everywhere: "52%", never "52 %" beside "4%"', () => {
    const view = makeFormatter('en-GB', 'UTC');
    const tray = cycleLines(cycle(), NOW, { locale: 'en-GB', timeZone: 'UTC' })[0] ?? '';
    expect(rendererShare(fmt, 0.52)).toBe('52%');
    expect(view.percent(0.52)).toBe('52%');
    expect(tray).toContain('(38%, estimated)');
    const t = thresholdText(
      'Shop',
      cycleWindow({ remaining: 1_000, used: 9_000, exhausted: false }),
      CYCLE_END,
      warsaw,
    );
    expect(t.title).toBe('Shop: 90% of billing-cycle quota used');
    expect(`${t.title} ${t.body}`).not.toMatch(/\d %/);
  });

  it('follows the locale: German puts a space before the sign, in every place alike', () => {
    const de = createFmt('de-DE', 'Europe/Berlin');
    expect(formatShare(de, 0.52)).toBe(rendererShare(de, 0.52));
    expect(makeFormatter('de-DE', 'Europe/Berlin').percent(0.52)).toBe(formatShare(de, 0.52));
  });
});

describe('user words in local time, never identifiers or UTC', () => {
  it('a notification says the billing-cycle quota is used up until 1 Dec, 01:00 in Warsaw', () => {
    const b = breachText(
      'Shop',
      { type: 'api_calls_cycle', windowId: 'api_calls_cycle', retryAt: CYCLE_END },
      null,
      warsaw,
    );
    expect(b.title).toBe('Shop is blocked: billing-cycle quota reached');
    expect(b.body).toBe('Lifts 1 Dec, 01:00');
    const r = recoveryText('Shop', { blockType: 'api_calls', windows: [], since: NOW }, warsaw);
    expect(r.body).toContain('The block on the request limit lifted');
    for (const text of [b.title, b.body, r.title, r.body]) expect(text).not.toMatch(/api_calls|UTC/);
  });

  it('the card headline names the block in words', () => {
    // A moment in another zone is that zone's wall clock: 00:00 UTC is 01:00 in Warsaw.
    expect(formatMoment(createFmt('en-GB', 'Europe/Warsaw'), CYCLE_END, NOW)).toBe('1 Dec, 01:00');
    expect(limitName({ type: 'api_calls_cycle', windowId: null, retryAt: null, since: NOW }, [])).toBe(
      'billing-cycle quota',
    );
    expect(limitName({ type: 'webhook_calls', windowId: null, retryAt: null, since: NOW }, [])).toBe(
      'webhook limit',
    );
    expect(limitName({ type: 'rate_limit', windowId: null, retryAt: null, since: NOW }, [])).toBe(
      'rate limit',
    );
  });

  it('the run-out notification gives its range and chance with the same signs', () => {
    const p = predictiveText(
      'Shop',
      {
        status: 'ok',
        runOutAt: Date.parse('2026-11-27T10:00:00Z'),
        low: Date.parse('2026-11-26T10:00:00Z'),
        high: Date.parse('2026-11-29T10:00:00Z'),
        probabilityRunOut: 0.72,
        projectedAtCycleEnd: 12_000,
        safeDailyBudget: 100,
      },
      CYCLE_END,
      warsaw,
    );
    expect(p.body).toMatch(/^80% range: .* · renews 1 Dec · 72% chance$/);
  });
});

describe('plurals', () => {
  it('says "1 usage interval", not "interval(s)"', () => {
    const f = forecast({
      now: NOW,
      limit: 10_000,
      cycleStart: CYCLE_END - 30 * 24 * HOUR,
      cycleEnd: CYCLE_END,
      current: { at: NOW, used: 100 },
      samples: [{ from: NOW - HOUR, to: NOW, count: 100 }],
    });
    expect(f.reason).toContain('1 usage interval,');
    expect(f.reason).not.toContain('(s)');
  });
});

describe('the card', () => {
  it('shows a probe that was not sent neutrally, not as a green tick', async () => {
    expect(probeShort({ outcome: 'deferred', status: null, at: NOW, message: 'held back' } as never)).toEqual(
      {
        ok: null,
        text: 'not sent',
      },
    );
    await renderApp(
      appState({
        keys: [
          key({
            lastProbe: {
              outcome: 'deferred',
              status: null,
              at: NOW - 60_000,
              message: 'held back',
              latencyMs: null,
            } as never,
          }),
        ],
      }),
    );
    const status = document.querySelector('.probe-status');
    expect(status?.getAttribute('data-ok')).toBe('none');
    expect(status?.textContent).not.toContain('✓');
    expect(status?.textContent).toContain('not sent');
  });

  it('says the quota is used up instead of "Safe pace 0 / day"', () => {
    const used = cycle({
      estimate: { ...cycle().estimate!, used: 9_990, low: 9_980, high: 10_000 },
      forecast: {
        status: 'ok',
        runOutAt: NOW - HOUR,
        low: NOW - HOUR,
        high: NOW - HOUR,
        probabilityRunOut: 1,
        projectedAtCycleEnd: 9_990,
        safeDailyBudget: 0,
      },
    });
    expect(safeBudgetText(fmt, used)).toBeNull();
    expect(forecastSentence(fmt, used, NOW)).toEqual({
      text: 'Cycle quota used up; renews 1 Dec',
      tone: 'critical',
    });
  });

  it('says when the first forecast will come', () => {
    const waiting = cycle({ forecast: waitingForecast({ readyAt: NOW + 9 * HOUR }) });
    // NOW is 12:20 UTC: nine hours on is 21:20 the same day.
    expect(forecastSentence(fmt, waiting, NOW).text).toBe(
      'First forecast after ~9 h more readings, about 21:20',
    );
  });

  it('asks for a dashboard reading when the probes left cannot bring a forecast', () => {
    const free = cycle({ forecast: waitingForecast({ readyAt: null, needsReading: true }) });
    expect(forecastSentence(fmt, free, NOW)).toEqual({
      text: 'Too few probes this cycle to forecast: enter a dashboard reading',
      tone: 'unknown',
    });
  });

  it('the forecaster says when it will have enough readings', () => {
    const start = NOW - 2 * HOUR;
    const f = forecast({
      now: NOW,
      limit: 10_000,
      cycleStart: CYCLE_END - 30 * 24 * HOUR,
      cycleEnd: CYCLE_END,
      current: { at: NOW, used: 300 },
      samples: [
        { from: start, to: start + HOUR, count: 100 },
        { from: start + HOUR, to: NOW, count: 200 },
      ],
    });
    expect(f.status).toBe('insufficient-data');
    // Two hours seen of the twelve the forecaster wants.
    expect(f.readyAt).toBe(NOW + 10 * HOUR);
  });
});

describe('the header', () => {
  /** The app with quiet hours set from start to end (local time). */
  function withQuietHours(start: string, end: string) {
    const base = appState();
    return renderApp(
      appState({
        settings: {
          ...base.settings,
          notifications: { ...base.settings.notifications, quietHours: { enabled: true, start, end } },
        },
      }),
    );
  }

  it('shows quiet hours holding alerts, and until when', async () => {
    await withQuietHours('12:00', '14:30');
    expect(screen.getByTestId('alerts-held').textContent).toContain('Quiet hours: alerts held until 14:30');
  });

  it('says nothing about quiet hours outside them', async () => {
    await withQuietHours('22:00', '07:00');
    expect(screen.queryByTestId('alerts-held')).toBeNull();
  });

  it('shows the snooze on its own line', async () => {
    await renderApp(appState({ snooze: { until: NOW + HOUR, indefinite: false } }));
    expect(screen.getByTestId('alerts-held').textContent).toContain('Alerts snoozed until 13:20');
    expect(screen.getByTestId('monitoring').textContent).not.toContain('snoozed');
  });

  it('draws a whole bell while alerts are on, a struck-through one while snoozed', async () => {
    const on = render(<BellIcon />);
    expect(on.container.querySelector('[data-slash]')).toBeNull();
    expect(on.container.innerHTML).not.toMatch(/M2 2l12 12/);
    on.unmount();
    const off = render(<BellOffIcon />);
    expect(off.container.querySelector('[data-slash]')).not.toBeNull();
    off.unmount();
    await renderApp(appState());
    const button = screen.getByRole('button', { name: 'Snooze alerts' });
    expect(button.querySelector('[data-slash]')).toBeNull();
  });
});

it('the macOS title uses the same sign', () => {
  expect(trayTitle(appState({ level: 0.42, status: 'ok' }) as never)).toMatch(/^42%$/);
});
