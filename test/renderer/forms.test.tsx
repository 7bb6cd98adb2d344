// @vitest-environment happy-dom
// Adding, testing, editing a key and entering a dashboard reading, as a user fills the forms.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { appState, key, NOW } from './support/fixtures';
import { renderApp } from './support/render';

afterEach(cleanup);

const type = (label: string | RegExp, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

async function openAdd() {
  const app = await renderApp(appState());
  fireEvent.click(screen.getByRole('button', { name: 'Add a key' }));
  await screen.findByRole('heading', { name: 'Add a key' });
  return app;
}

describe('add a key', () => {
  it('validates before calling main, says what to fix beside each field, and focuses the first', async () => {
    const app = await openAdd();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    await act(async () => new Promise<void>((r) => requestAnimationFrame(() => r())));
    expect(app.api.calls.saveKey).toEqual([]);
    const name = screen.getByLabelText('Name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Name is empty: give the key a name')).toBeTruthy();
    expect(screen.getByText('Secret key (App token) is empty: paste the key’s secret token')).toBeTruthy();
    // The error is tied to its input for screen readers.
    const described = name.getAttribute('aria-describedby')!;
    expect(document.getElementById(described)?.textContent).toBe('Name is empty: give the key a name');
    expect(document.activeElement).toBe(name);
    expect(app.announced()).toMatch(/Check the form: \d fields to fix/);
  });

  it('tests the key with what was typed and shows what it found', async () => {
    const app = await openAdd();
    app.api.testResult = {
      ok: true,
      outcome: 'ok',
      message: 'HTTP 200 in 85 ms',
      provider: 'Voucherify',
      status: 200,
      latencyMs: 85,
      windows: [
        {
          id: 'api_calls',
          kind: 'requests-hour',
          unit: 'requests',
          label: 'Requests / hour',
          limit: 1000,
          remaining: 999,
          used: 1,
          resetAt: Date.parse('2026-11-23T13:00:00Z'),
          periodMs: 3_600_000,
          observedAt: NOW,
          source: 'header',
          flag: null,
          ageMs: 0,
          resetSinceObserved: false,
          stale: false,
          exhausted: false,
        },
      ],
      warnings: ['X-Rate-Limit-Retry was in the past; read as now'],
    };
    type('Name', 'Production EU');
    fireEvent.change(screen.getByLabelText('Region'), { target: { value: 'us1' } });
    type('Application ID', 'app-123');
    type('Secret key (App token)', 'sk-live-secret');
    fireEvent.change(screen.getByLabelText('Plan'), { target: { value: 'growth' } });
    type('Cycle renews on day', '15');
    type('Time zone', 'Europe/Warsaw');
    type('Alert at (% used)', '75, 90');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Test key' })));
    expect(app.api.calls.testKey).toEqual([
      {
        name: 'Production EU',
        connection: { provider: 'voucherify', region: 'us1', appId: 'app-123', clientSide: false },
        secrets: { token: 'sk-live-secret' },
        plan: { provider: 'voucherify', plan: 'growth' },
        cycle: { renewalDay: 15, timeZone: 'Europe/Warsaw' },
        thresholds: [75, 90],
      },
    ]);
    const r = within(screen.getByTestId('test-result'));
    expect(r.getByText('Works: Voucherify')).toBeTruthy();
    expect(r.getByText('Requests / hour: 999 / 1,000 left, resets 13:00')).toBeTruthy();
    expect(r.getByText('X-Rate-Limit-Retry was in the past; read as now')).toBeTruthy();
    expect(app.announced()).toBe('Key works. HTTP 200 in 85 ms');
    // The secret is never echoed anywhere on screen.
    expect(document.body.textContent).not.toContain('sk-live-secret');
  });

  it('shows a failed test with what to do', async () => {
    const app = await openAdd();
    app.api.testResult = {
      ok: false,
      outcome: 'unauthorized',
      message: 'Voucherify refused the credentials (401)',
      provider: 'Voucherify',
      status: 401,
      latencyMs: 70,
      windows: [],
      warnings: [],
      connection: 'voucherify',
    };
    type('Name', 'Prod');
    type('Application ID', 'app-123');
    type('Secret key (App token)', 'wrong');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Test key' })));
    const r = within(screen.getByTestId('test-result'));
    expect(r.getByText('Test failed')).toBeTruthy();
    expect(r.getByText('Voucherify refused the credentials (401)')).toBeTruthy();
    expect(r.getByText(/Check the Application ID and the secret key \(App token\)/)).toBeTruthy();
  });

  it('advises on a rejected Other API key without naming fields its form lacks', async () => {
    const app = await openAdd();
    app.api.testResult = {
      ok: false,
      outcome: 'unauthorized',
      message: 'The API rejected the key (401): check the credentials',
      provider: null,
      status: 401,
      latencyMs: 40,
      windows: [],
      warnings: [],
      connection: 'generic',
    };
    fireEvent.click(screen.getByLabelText('Other API'));
    type('Name', 'Billing');
    type('Base URL', 'https://api.example.com');
    type('Token', 'wrong');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Test key' })));
    const advice = within(screen.getByTestId('test-result')).getByText(/^Check the token/).textContent ?? '';
    // The form has no ID field; it has the token, auth header and scheme the advice names.
    expect(advice).not.toMatch(/\bID\b/);
    expect(screen.queryByLabelText(/ID$/)).toBeNull();
    expect(screen.getByLabelText('Auth header')).toBeTruthy();
    expect(screen.getByLabelText('Scheme')).toBeTruthy();
  });

  it('offers Zoho’s data centre, edition and users, with the credits they give', async () => {
    const app = await openAdd();
    fireEvent.click(screen.getByLabelText('Zoho CRM'));
    fireEvent.change(screen.getByLabelText('Data centre'), { target: { value: 'eu' } });
    fireEvent.change(screen.getByLabelText('Edition'), { target: { value: 'enterprise' } });
    type('User licences', '20');
    expect(screen.getByText('70,000 credits per rolling 24 hours')).toBeTruthy();
    // A rolling 24-hour window has no renewal day.
    expect(screen.queryByLabelText('Cycle renews on day')).toBeNull();
    type('Name', 'CRM');
    type('Client ID', '1000.CLIENTID');
    type('Client secret', 'secret-abc');
    type('Refresh token', '1000.refresh');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(app.api.calls.saveKey[0]).toMatchObject({
      connection: { provider: 'zoho', dataCentre: 'eu', clientId: '1000.CLIENTID' },
      plan: { provider: 'zoho', edition: 'enterprise', users: 20 },
      secrets: { clientSecret: 'secret-abc', refreshToken: '1000.refresh' },
    });
  });

  it('saves, closes, and focuses the new key’s card when it appears', async () => {
    const app = await openAdd();
    app.api.saveResult = { ok: true, keyId: 'new-key' };
    type('Name', 'New');
    type('Application ID', 'app-1');
    type('Secret key (App token)', 'tok');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(app.announced()).toBe('New saved');
    app.push(appState({ revision: 2, keys: [key(), key({ id: 'new-key', name: 'New' })] }));
    expect(document.activeElement).toBe(screen.getByTestId('card-new-key'));
  });

  it('shows main’s refusal without losing what was typed', async () => {
    const app = await openAdd();
    app.api.saveResult = { ok: false, error: 'A key with this Application ID already exists' };
    type('Name', 'Dup');
    type('Application ID', 'app-1');
    type('Secret key (App token)', 'tok');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(screen.getByRole('alert').textContent).toBe('A key with this Application ID already exists');
    expect((screen.getByLabelText('Name') as HTMLInputElement).value).toBe('Dup');
  });
});

describe('edit a key', () => {
  it('pre-fills everything but the secret; blank keeps the stored one; Escape returns focus to Edit', async () => {
    const app = await renderApp(appState());
    const edit = screen.getByRole('button', { name: 'Edit' });
    edit.focus();
    fireEvent.click(edit);
    await screen.findByRole('heading', { name: 'Edit Production EU' });
    expect((screen.getByLabelText('Application ID') as HTMLInputElement).value).toBe('3f9a2b7c-c21d');
    const token = screen.getByLabelText('Secret key (App token)') as HTMLInputElement;
    expect(token.value).toBe('');
    expect(token.type).toBe('password');
    expect(screen.getByText('Leave blank to keep the stored token.')).toBeTruthy();
    type('Name', 'Production EU (main)');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    expect(app.api.calls.saveKey[0]).toMatchObject({
      id: 'prod-eu',
      name: 'Production EU (main)',
      secrets: {},
    });

    // Open again and leave with Escape: focus goes back to the Edit button.
    const editAgain = screen.getByRole('button', { name: 'Edit' });
    editAgain.focus();
    fireEvent.click(editAgain);
    const heading = await screen.findByRole('heading', { name: 'Edit Production EU' });
    fireEvent.keyDown(heading, { key: 'Escape' });
    expect(document.activeElement).toBe(editAgain);
  });
});

describe('dashboard reading', () => {
  it('sends the reading with its time and returns to the list', async () => {
    const app = await renderApp(appState());
    fireEvent.click(screen.getByRole('button', { name: 'Reading' }));
    await screen.findByRole('heading', { name: 'Dashboard reading: Production EU' });
    expect(screen.getByText('Headroom’s estimate now: ≈ 6,200 of 10,000 used (5,900–6,600).')).toBeTruthy();
    type('Calls used this cycle', '7,012');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save reading' })));
    expect(app.api.calls.calibrate).toEqual([{ keyId: 'prod-eu', used: 7012, at: NOW }]);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('takes a reading left at the time the form opened as made when it is saved', async () => {
    // Opened at 12:20:00 (the field says 12:20); the number typed, it is saved at 12:21:30. Sent as
    // 12:20 it read "your reading 1 min ago" right after saving, and the 90 s between counted as
    // after the reading.
    const app = await renderApp(appState());
    fireEvent.click(screen.getByRole('button', { name: 'Reading' }));
    await screen.findByRole('heading', { name: 'Dashboard reading: Production EU' });
    type('Calls used this cycle', '7,012');
    app.advance(90_000);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save reading' })));
    expect(app.api.calls.calibrate).toEqual([{ keyId: 'prod-eu', used: 7012, at: NOW + 90_000 }]);
  });

  it('keeps a time the user typed, to the minute', async () => {
    const app = await renderApp(appState());
    fireEvent.click(screen.getByRole('button', { name: 'Reading' }));
    await screen.findByRole('heading', { name: 'Dashboard reading: Production EU' });
    type('Calls used this cycle', '7,012');
    type('Read at', '2026-11-22T09:15');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save reading' })));
    expect(app.api.calls.calibrate).toEqual([
      // The field is local wall time, as the form reads it.
      { keyId: 'prod-eu', used: 7012, at: new Date('2026-11-22T09:15').getTime() },
    ]);
  });

  it('refuses a reading that is not a count, or from before this cycle', async () => {
    const app = await renderApp(appState());
    fireEvent.click(screen.getByRole('button', { name: 'Reading' }));
    await screen.findByRole('heading', { name: /Dashboard reading/ });
    type('Calls used this cycle', 'about 7k');
    type('Read at', '2026-10-20T10:00');
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save reading' })));
    expect(app.api.calls.calibrate).toEqual([]);
    expect(screen.getByText('the number of calls used, a whole number')).toBeTruthy();
    expect(screen.getByText(/this cycle began/)).toBeTruthy();
  });
});
