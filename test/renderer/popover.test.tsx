// @vitest-environment happy-dom
// The popover as a user meets it: each status, the live countdowns, provenance, the demo and first run.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { appState, cycle, hourly, HOUR_END, key, NOW } from './support/fixtures';
import { renderApp } from './support/render';

afterEach(cleanup);

const card = (id = 'prod-eu') => within(screen.getByTestId(`card-${id}`));

describe('a key card', () => {
  it('shows the request window with remaining / limit, provenance and a countdown to reset', async () => {
    await renderApp(appState());
    const c = card();
    expect(c.getByRole('heading', { name: 'Production EU' })).toBeTruthy();
    expect(c.getByText('Voucherify · Startup · EU')).toBeTruthy();
    const w = within(screen.getByTestId('window-api_calls'));
    expect(w.getByText('643 / 1,000 left')).toBeTruthy();
    expect(w.getByText('observed 2 min ago')).toBeTruthy();
    expect(w.getByTestId('countdown').textContent).toBe('resets in 40:00');
    expect(c.getByRole('meter', { name: 'Requests / hour' }).getAttribute('aria-valuenow')).toBe('64');
  });

  it('ticks the countdown and the age every second from one clock', async () => {
    const app = await renderApp(appState());
    app.advance(1_000);
    expect(screen.getByTestId('window-api_calls').querySelector('.clock')?.textContent).toBe('39:59');
    app.advance(59_000 + 60_000);
    expect(screen.getByText('observed 4 min ago')).toBeTruthy();
    app.advance(38 * 60_000);
    expect(within(screen.getByTestId('window-api_calls')).getByTestId('countdown').textContent).toBe(
      'reset due',
    );
  });

  it('shows the billing cycle with its band, forecast, safe pace and sparkline', async () => {
    await renderApp(appState());
    const cy = within(screen.getByTestId('cycle'));
    expect(cy.getByText('≈ 6,200 of 10,000 used (5,900–6,600)')).toBeTruthy();
    expect(cy.getByText('estimated')).toBeTruthy();
    expect(cy.getByTestId('forecast').textContent?.replace(/\s/g, ' ')).toBe(
      'Runs out about 29 Nov · 72% chance to run out, between 27 Nov and 3 Dec',
    );
    expect(cy.getByText('Safe pace 494 / day')).toBeTruthy();
    expect(cy.getByRole('img').getAttribute('aria-label')).toBe(
      'Cycle usage: 6,200 so far, about 10,600 expected by renewal against a limit of 10,000',
    );
  });

  it('while the days before monitoring are inferred, offers the dashboard reading as the fix', async () => {
    await renderApp(
      appState({
        keys: [key({ cycle: cycle({ anchored: false, dashboardUrl: 'https://app.voucherify.io' }) })],
      }),
    );
    const note = within(screen.getByTestId('unanchored'));
    expect(note.getByRole('link', { name: 'your dashboard' }).getAttribute('href')).toBe(
      'https://app.voucherify.io',
    );
    fireEvent.click(note.getByRole('button', { name: 'Enter the figure' }));
    expect(await screen.findByTestId('reading-form')).toBeTruthy();
  });

  it('has no such note while the inferred band is too narrow to matter', async () => {
    const narrow = cycle({ anchored: false });
    const est = narrow.estimate!;
    await renderApp(
      appState({
        keys: [key({ cycle: { ...narrow, estimate: { ...est, low: est.used - 10, high: est.used + 10 } } })],
      }),
    );
    expect(screen.queryByTestId('unanchored')).toBeNull();
  });

  it('has no such note once a reading or the cycle start anchors the estimate', async () => {
    await renderApp(appState());
    expect(screen.queryByTestId('unanchored')).toBeNull();
  });

  it('says a dashboard reading is yours and how old it is', async () => {
    const c = cycle();
    await renderApp(
      appState({
        keys: [
          key({
            cycle: cycle({
              estimate: { ...c.estimate!, basis: 'dashboard' },
              lastReading: { at: NOW - 3 * 3_600_000, used: 6100 },
            }),
          }),
        ],
      }),
    );
    expect(within(screen.getByTestId('cycle')).getByText('your reading 3 hr ago')).toBeTruthy();
  });

  it('shows a blocked key: which window is at its limit, and a countdown to retry', async () => {
    const app = await renderApp(
      appState({
        status: 'blocked',
        keys: [
          key({
            status: 'blocked',
            blocked: { type: 'api_calls', windowId: 'api_calls', retryAt: HOUR_END, since: NOW - 60_000 },
            windows: [hourly({ remaining: 0, used: 1000, exhausted: true, source: 'breach' })],
          }),
        ],
      }),
    );
    // A block on the lead window is told in its row: limit reached, and a countdown to the retry.
    const row = within(screen.getByTestId('window-api_calls'));
    expect(row.getByText('limit reached')).toBeTruthy();
    expect(row.getByText('0 / 1,000 left')).toBeTruthy();
    expect(row.getByTestId('countdown').textContent).toBe('retry in 40:00');
    expect(card().getByText('Blocked', { selector: '.chip' })).toBeTruthy();
    expect(screen.queryByTestId('blocked')).toBeNull();
    app.advance(40 * 60_000);
    expect(row.getByTestId('countdown').textContent).toBe('retry due');
  });

  it('names a block on another limit (the billing cycle) in its own line', async () => {
    await renderApp(
      appState({
        keys: [
          key({
            status: 'blocked',
            blocked: { type: 'api_calls_cycle', windowId: null, retryAt: null, since: NOW },
          }),
        ],
      }),
    );
    expect(screen.getByTestId('blocked').textContent).toContain('billing-cycle quota');
    expect(screen.getByTestId('blocked').textContent).toContain('retry time not given');
  });

  it('shows a problem with what to do, and offers the fix for a wrong key', async () => {
    await renderApp(
      appState({
        keys: [
          key({
            status: 'error',
            windows: [],
            problem: { title: 'Wrong key (401)', action: 'Copy the secret key again from Project settings.' },
            lastProbe: {
              at: NOW - 5_000,
              outcome: 'unauthorized',
              message: 'HTTP 401',
              status: 401,
              latencyMs: 80,
              manual: true,
            },
          }),
        ],
      }),
    );
    const p = within(screen.getByTestId('problem'));
    expect(p.getByText('Wrong key (401)')).toBeTruthy();
    expect(p.getByText('Copy the secret key again from Project settings.')).toBeTruthy();
    fireEvent.click(p.getByRole('button', { name: 'Fix the key' }));
    expect(await screen.findByRole('heading', { name: 'Edit Production EU' })).toBeTruthy();
  });

  it('returns focus to the card when what opened the form is gone by the time it closes', async () => {
    const failing = key({
      status: 'error',
      problem: { title: 'Wrong key (401)', action: 'Copy the secret key again from Project settings.' },
      lastProbe: {
        at: NOW - 5_000,
        outcome: 'unauthorized',
        message: 'HTTP 401',
        status: 401,
        latencyMs: 80,
        manual: true,
      },
    });
    const app = await renderApp(appState({ keys: [failing] }));
    const fix = within(screen.getByTestId('problem')).getByRole('button', { name: 'Fix the key' });
    fix.focus(); // as a click or Enter leaves it
    fireEvent.click(fix);
    const heading = await screen.findByRole('heading', { name: 'Edit Production EU' });
    // A probe finishes meanwhile and the key works again: the problem, and its button, are gone.
    app.push(appState({ revision: 2, keys: [key()] }));
    fireEvent.keyDown(heading, { key: 'Escape' });
    await screen.findByTestId('card-prod-eu');
    expect(screen.queryByTestId('problem')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('card-prod-eu'));
  });

  it('does not promise a forecast for a key whose probes fail and whose usage is unknown', async () => {
    const c = cycle();
    await renderApp(
      appState({
        keys: [
          key({
            status: 'error',
            windows: [],
            cycle: cycle({
              estimate: { ...c.estimate!, basis: 'none', used: 0, low: 0, high: 10_000 },
              history: [],
            }),
            problem: { title: 'The key was rejected', action: 'Check the App ID and token (Edit key).' },
            lastProbe: {
              at: NOW,
              outcome: 'unauthorized',
              message: 'HTTP 401',
              status: 401,
              latencyMs: 9,
              manual: true,
            },
          }),
        ],
      }),
    );
    const cy = within(screen.getByTestId('cycle'));
    // Not "≈ 0 of 10,000 used (0–10,000)": unknown is said plainly.
    expect(cy.getByText('Usage not known yet · limit 10,000')).toBeTruthy();
    expect(cy.queryByTestId('forecast')).toBeNull();
    expect(cy.getByRole('img', { name: 'Billing cycle: usage unknown' })).toBeTruthy();
  });

  it('does not offer a key fix for an offline problem', async () => {
    await renderApp(
      appState({
        keys: [
          key({
            status: 'error',
            problem: { title: 'Offline', action: 'Check your connection.' },
            lastProbe: {
              at: NOW,
              outcome: 'connection',
              message: 'ECONNREFUSED',
              status: null,
              latencyMs: null,
              manual: false,
            },
          }),
        ],
      }),
    );
    expect(within(screen.getByTestId('problem')).queryByRole('button')).toBeNull();
    expect(card().getByText(/connection, now/)).toBeTruthy();
  });

  it('expands details: other windows, provenance, monitor spend and masked credentials', async () => {
    await renderApp(appState());
    expect(screen.queryByTestId('details')).toBeNull();
    const toggle = card().getByRole('button', { name: 'Details of Production EU' });
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const d = within(screen.getByTestId('details'));
    expect(d.getByText('limit 10')).toBeTruthy();
    expect(d.getByText('limit 21,600')).toBeTruthy();
    expect(d.getByText('App ID 3f9a…c21d · token ••••7f2a')).toBeTruthy();
    expect(d.getByText('41 of 100 calls allowed this cycle')).toBeTruthy();
    expect(d.getByText('72% chance of running out before renewal')).toBeTruthy();
    expect(d.getByText('80%, 90%, 100% used')).toBeTruthy();
  });

  it('says in the details what the estimate cannot know (the days before monitoring began)', async () => {
    const c = cycle();
    const note =
      'usage in the 20 days before monitoring began is inferred from the pace since; a dashboard reading makes it exact';
    await renderApp(
      appState({ keys: [key({ cycle: { ...c, estimate: { ...c.estimate!, notes: [note] } } })] }),
    );
    fireEvent.click(card().getByRole('button', { name: 'Details of Production EU' }));
    const d = within(screen.getByTestId('details'));
    expect(d.getByText(/Usage in the 20 days before monitoring began is inferred/)).toBeTruthy();
  });
});

describe('the popover', () => {
  it('puts the worst key and the monitoring spend on top', async () => {
    const ok = key({ id: 'stage-us', name: 'Staging', status: 'ok' });
    await renderApp(appState({ keys: [ok, key()], status: 'warning', worstKeyId: 'prod-eu' }));
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Warning');
    expect(screen.getByTestId('worst').textContent).toBe('Production EU: Cycle runs out about 29 Nov');
    expect(screen.getByTestId('monitoring').textContent).toBe('Monitoring spent 41 of 100 calls this cycle');
    expect(screen.getByTestId('card-prod-eu').hasAttribute('data-worst')).toBe(true);
    expect(screen.getByTestId('card-stage-us').hasAttribute('data-worst')).toBe(false);
  });

  it('says all is well when it is', async () => {
    await renderApp(
      appState({ status: 'ok', keys: [key({ status: 'ok' }), key({ id: 'other-key', status: 'ok' })] }),
    );
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('All keys OK');
    expect(screen.queryByTestId('worst')).toBeNull();
  });

  it('shows the demo banner while the demo project stands in', async () => {
    await renderApp(appState({ demo: true, keys: [key({ demo: true, name: 'Demo project' })] }));
    expect(screen.getByTestId('demo-banner').textContent).toContain(
      'Demo project: simulated Voucherify. Add your key to replace it.',
    );
    // The demo key cannot be edited or deleted, only replaced.
    expect(card().queryByRole('button', { name: 'Edit' })).toBeNull();
  });

  it('invites the first key on a first run', async () => {
    await renderApp(appState({ keys: [], worstKeyId: null, status: 'ok' }));
    expect(screen.getByTestId('empty')).toBeTruthy();
    expect(screen.queryByTestId('monitoring')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Add your first key' }));
    expect(await screen.findByRole('heading', { name: 'Add a key' })).toBeTruthy();
  });

  it('lists notices from the service', async () => {
    await renderApp(
      appState({
        notices: [{ id: 'weak', level: 'warning', text: 'Tokens are stored with weak encryption.' }],
      }),
    );
    expect(
      within(screen.getByRole('list', { name: 'Notices' })).getByText(
        'Tokens are stored with weak encryption.',
      ),
    ).toBeTruthy();
  });

  it('shows new states as they come and ignores an older one arriving late', async () => {
    const app = await renderApp(appState({ revision: 5 }));
    app.push(appState({ revision: 6, keys: [key({ windows: [hourly({ remaining: 500, used: 500 })] })] }));
    expect(screen.getByText('500 / 1,000 left')).toBeTruthy();
    app.push(appState({ revision: 4, keys: [key({ windows: [hourly({ remaining: 999, used: 1 })] })] }));
    expect(screen.getByText('500 / 1,000 left')).toBeTruthy();
  });

  it('applies a forced theme and follows the system otherwise', async () => {
    const app = await renderApp(appState());
    expect(document.documentElement.dataset.theme).toBeUndefined();
    const s = appState();
    app.push(appState({ revision: 2, settings: { ...s.settings, theme: 'dark' } }));
    expect(document.documentElement.dataset.theme).toBe('dark');
    app.push(appState({ revision: 3, settings: { ...s.settings, theme: 'system' } }));
    expect(document.documentElement.dataset.theme).toBeUndefined();
  });

  it('opens and focuses the key a notification points at', async () => {
    const app = await renderApp(appState({ keys: [key({ id: 'other-key', name: 'Other' }), key()] }));
    act(() => app.api.focus('prod-eu'));
    expect(document.activeElement).toBe(screen.getByTestId('card-prod-eu'));
    expect(screen.getByTestId('details')).toBeTruthy();
  });

  it("opens the settings when the tray menu's Settings is chosen", async () => {
    const app = await renderApp(appState());
    act(() => app.api.openSettings());
    const heading = await screen.findByRole('heading', { name: 'Settings' });
    expect(document.activeElement).toBe(heading);
  });

  it('says so when the state cannot be loaded', async () => {
    const { render } = await import('@testing-library/react');
    const { App } = await import('../../renderer/src/app/App');
    const { fakeApi } = await import('./support/fake-api');
    const api = fakeApi(appState());
    api.getState = () => Promise.reject(new Error('main did not answer'));
    render(<App api={api} />);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Headroom could not load its state: main did not answer',
    );
  });
});
