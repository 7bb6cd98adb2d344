// @vitest-environment happy-dom
// What the user does from the list: probe (one key or all) with progress and an announced result,
// snooze, pin, delete with confirmation; every action by keyboard, focus never lost.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { appState, hourly, key, NOW } from './support/fixtures';
import { renderApp } from './support/render';

afterEach(cleanup);

const card = (id = 'prod-eu') => within(screen.getByTestId(`card-${id}`));

describe('probe now', () => {
  it('probes one key, shows progress, and announces the result when it arrives', async () => {
    const app = await renderApp(appState());
    let release!: () => void;
    app.api.probeGate = new Promise<void>((r) => (release = r));
    fireEvent.click(card().getByRole('button', { name: 'Probe now' }));
    expect(app.api.calls.probeNow).toEqual(['prod-eu']);
    expect(card().getByRole('button', { name: 'Probing…' }).getAttribute('aria-disabled')).toBe('true');
    expect(app.announced()).toBe('Probing Production EU…');
    // A second click while busy does not fire a second probe.
    fireEvent.click(card().getByRole('button', { name: 'Probing…' }));
    expect(app.api.calls.probeNow).toHaveLength(1);
    // Main sends the new figures and the probe summary, then the call resolves.
    app.push(
      appState({
        revision: 2,
        keys: [
          key({
            windows: [hourly({ remaining: 642, used: 358, observedAt: NOW, ageMs: 0 })],
            lastProbe: {
              at: NOW,
              outcome: 'ok',
              message: 'HTTP 200: 642 of 1,000 left',
              status: 200,
              latencyMs: 90,
              manual: true,
            },
          }),
        ],
      }),
    );
    await act(async () => release());
    expect(app.announced()).toBe('Production EU: HTTP 200: 642 of 1,000 left');
    expect(card().getByRole('button', { name: 'Probe now' })).toBeTruthy();
    expect(screen.getByText('642 / 1,000 left')).toBeTruthy();
    expect(within(screen.getByTestId('window-api_calls')).getByText('observed now')).toBeTruthy();
  });

  it('shows a failed probe’s status at the card’s foot', async () => {
    const app = await renderApp(appState());
    app.push(
      appState({
        revision: 2,
        keys: [
          key({
            lastProbe: {
              at: NOW,
              outcome: 'blocked',
              message: 'HTTP 429: limit reached',
              status: 429,
              latencyMs: 50,
              manual: true,
            },
          }),
        ],
      }),
    );
    expect(card().getByText(/429, now/)).toBeTruthy();
    expect(app.announced()).toBe('Production EU: HTTP 429: limit reached');
  });

  it('probes all keys from the header', async () => {
    const app = await renderApp(appState({ keys: [key(), key({ id: 'second-key', name: 'Second' })] }));
    fireEvent.click(screen.getByRole('button', { name: 'Probe all keys now' }));
    expect(app.api.calls.probeNow).toEqual([null]);
    expect(app.announced()).toBe('Probing all 2 keys…');
  });

  it('reports a probe that could not start', async () => {
    const app = await renderApp(appState());
    app.api.probeNow = () => Promise.reject(new Error('service stopped'));
    await act(async () => fireEvent.click(card().getByRole('button', { name: 'Probe now' })));
    expect(app.announced()).toBe('Production EU: probe failed to start: service stopped');
  });
});

describe('snooze and pin', () => {
  it('snoozes from a menu that Escape closes, returning focus', async () => {
    const app = await renderApp(appState());
    const button = screen.getByRole('button', { name: 'Snooze alerts' });
    fireEvent.click(button);
    const menu = within(screen.getByRole('group', { name: 'Snooze alerts for' }));
    expect(document.activeElement).toBe(menu.getByRole('button', { name: '30 minutes' }));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('group', { name: 'Snooze alerts for' })).toBeNull();
    expect(document.activeElement).toBe(button);
    fireEvent.click(button);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: '1 hour' })));
    expect(app.api.calls.snooze).toEqual(['1h']);
    expect(app.announced()).toBe('Alerts snoozed: 1 hour');
  });

  it('shows a snooze in force and offers to resume', async () => {
    const app = await renderApp(appState({ snooze: { until: NOW + 3_600_000, indefinite: false } }));
    expect(screen.getByTestId('alerts-held').textContent).toContain('Alerts snoozed until 13:20');
    fireEvent.click(screen.getByRole('button', { name: 'Alerts snoozed: change' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Resume alerts now' })));
    expect(app.api.calls.snooze).toEqual(['off']);
  });

  it('pins the popover open', async () => {
    const app = await renderApp(appState());
    const pin = screen.getByRole('button', { name: 'Keep open' });
    fireEvent.click(pin);
    expect(pin.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(pin);
    expect(app.api.calls.setPinned).toEqual([true, false]);
  });
});

describe('delete', () => {
  it('asks first, defaults to keeping, and Escape keeps', async () => {
    const app = await renderApp(appState());
    fireEvent.click(card().getByRole('button', { name: 'Details of Production EU' }));
    fireEvent.click(card().getByRole('button', { name: 'Delete key' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete Production EU?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Keep' }));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(app.api.calls.deleteKey).toEqual([]);
  });

  it('deletes after confirmation and announces it', async () => {
    const app = await renderApp(appState());
    fireEvent.click(card().getByRole('button', { name: 'Details of Production EU' }));
    fireEvent.click(card().getByRole('button', { name: 'Delete key' }));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Delete' })));
    expect(app.api.calls.deleteKey).toEqual(['prod-eu']);
    expect(app.announced()).toBe('Production EU deleted');
  });
});

describe('panels', () => {
  it('opens settings, closes on Escape, and returns focus to the opener', async () => {
    await renderApp(appState());
    const opener = screen.getByRole('button', { name: 'Settings' });
    opener.focus();
    fireEvent.click(opener);
    const heading = await screen.findByRole('heading', { name: 'Settings' });
    expect(document.activeElement).toBe(heading);
    fireEvent.keyDown(heading, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('saves settings as one validated patch', async () => {
    const app = await renderApp(appState());
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByRole('heading', { name: 'Settings' });
    fireEvent.change(screen.getByLabelText('Budget for probes (% of each key’s cycle quota)'), {
      target: { value: '2' },
    });
    fireEvent.click(screen.getByLabelText('Dark'));
    fireEvent.click(screen.getByLabelText('Start Headroom when I log in'));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save settings' })));
    expect(app.api.calls.updateSettings).toEqual([
      {
        monitoring: { budgetPercent: 2, minIntervalMinutes: 5, maxIntervalHours: 12 },
        notifications: {
          enabled: true,
          breach: true,
          predictive: true,
          recovery: true,
          quietHours: { enabled: false, start: '22:00', end: '07:00' },
        },
        theme: 'dark',
        launchAtLogin: true,
      },
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('refuses a budget out of range and says why, without calling main', async () => {
    const app = await renderApp(appState());
    fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByRole('heading', { name: 'Settings' });
    const budget = screen.getByLabelText('Budget for probes (% of each key’s cycle quota)');
    fireEvent.change(budget, { target: { value: '40' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save settings' })));
    expect(app.api.calls.updateSettings).toEqual([]);
    expect(budget.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('a share from 0.1 to 10 %')).toBeTruthy();
  });
});
