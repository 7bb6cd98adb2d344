// @vitest-environment happy-dom
// Settings: quiet hours can be looked at without turning them on, and what is saved is what is shown.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { appState } from './support/fixtures';
import { renderApp } from './support/render';

afterEach(cleanup);

async function openSettings(state = appState()) {
  const app = await renderApp(state);
  fireEvent.click(screen.getByRole('button', { name: 'Settings' }));
  await screen.findByRole('heading', { name: 'Settings' });
  return app;
}

const save = () => act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save settings' })));
const from = () => screen.getByLabelText<HTMLInputElement>('From');
const until = () => screen.getByLabelText<HTMLInputElement>('Until');
const quiet = () => screen.getByLabelText<HTMLInputElement>('Quiet hours');

describe('quiet hours in Settings', () => {
  it('shows the stored times while off, without ticking anything, and saves them off', async () => {
    const app = await openSettings();
    expect(quiet().checked).toBe(false);
    expect(from().value).toBe('22:00');
    expect(until().value).toBe('07:00');
    // Greyed: they do not apply while off.
    expect(from().disabled).toBe(true);
    expect(screen.getByText('Off: notifications arrive at any hour.')).toBeTruthy();
    await save();
    expect(app.api.calls.updateSettings).toHaveLength(1);
    expect(app.api.calls.updateSettings[0]!.notifications?.quietHours).toEqual({
      enabled: false,
      start: '22:00',
      end: '07:00',
    });
  });

  it('ticking to look and unticking leaves them off; ticking changes only the tick', async () => {
    const app = await openSettings();
    fireEvent.click(quiet());
    expect(from().disabled).toBe(false);
    expect(from().value).toBe('22:00');
    fireEvent.click(quiet());
    await save();
    expect(app.api.calls.updateSettings[0]!.notifications?.quietHours?.enabled).toBe(false);
  });

  it('saves exactly the times on screen when the user turns them on', async () => {
    const app = await openSettings();
    fireEvent.click(quiet());
    fireEvent.change(from(), { target: { value: '23:30' } });
    await save();
    expect(app.api.calls.updateSettings[0]!.notifications?.quietHours).toEqual({
      enabled: true,
      start: '23:30',
      end: '07:00',
    });
  });

  it('opening and closing changes nothing', async () => {
    const app = await openSettings();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(app.api.calls.updateSettings).toEqual([]);
  });
});

describe('send test notification', () => {
  it('asks main once per press and shows what came of it', async () => {
    const app = await openSettings();
    const button = screen.getByRole('button', { name: 'Send test notification' });
    await act(async () => fireEvent.click(button));
    expect(app.api.calls.sendTestNotification).toBe(1);
    expect(screen.getByTestId('test-notification-result').textContent).toBe(
      'Sent: look for “Headroom test notification” on your desktop.',
    );
    app.api.testNotificationResult = {
      sent: false,
      message: 'No notification service: no notification daemon answered: is a desktop session running?',
    };
    await act(async () => fireEvent.click(button));
    const result = screen.getByTestId('test-notification-result');
    expect(result.textContent).toMatch(/^No notification service: /);
    expect(result.getAttribute('data-tone')).toBe('error');
    expect(result.getAttribute('role')).toBe('status');
    // Testing is not saving: the settings stay as they were.
    expect(app.api.calls.updateSettings).toEqual([]);
  });
});
