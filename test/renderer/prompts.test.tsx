// @vitest-environment happy-dom
// Issue 16 points 3-6 on the card, in the header and in the key form: the service's prompts are shown
// with their actions (change plan, correct the reading, a one-click plan switch, add anyway), and the
// risk of running out is spelled out from 20 %.
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { KeyPrompt } from '../../electron/ipc/contract';
import { appState, cycle, key, NOW } from './support/fixtures';
import { renderApp } from './support/render';

afterEach(cleanup);

const card = (id = 'prod-eu') => within(screen.getByTestId(`card-${id}`));

const above: KeyPrompt = {
  id: 'reading-above-limit',
  text: 'Your reading (12,500) is above the Startup plan’s 10,000: is the plan right?',
  actions: [
    { kind: 'edit', label: 'Change plan' },
    { kind: 'reading', label: 'Correct the reading' },
  ],
};
const mismatch: KeyPrompt = {
  id: 'plan-mismatch',
  text: 'The API says 1,000 requests / hour, Startup’s limit, but Growth allows 2,000: is the plan Startup?',
  actions: [
    { kind: 'set-plan', label: 'Switch to Startup', plan: { provider: 'voucherify', plan: 'startup' } },
    { kind: 'edit', label: 'Change plan' },
  ],
};

describe('prompts on the card', () => {
  it('a reading above the limit: the question, no "used up", and both fixes one click away', async () => {
    const c = cycle();
    await renderApp(
      appState({
        keys: [
          key({
            status: 'ok',
            prompts: [above],
            cycle: cycle({
              estimate: { ...c.estimate!, basis: 'dashboard', used: 12_500, low: 12_500, high: 12_500 },
              lastReading: { at: NOW - 60_000, used: 12_500 },
              forecast: null,
              limitInDoubt: true,
            }),
          }),
        ],
      }),
    );
    const prompt = within(screen.getByTestId('prompt-reading-above-limit'));
    expect(prompt.getByText(above.text)).toBeTruthy();
    expect(card().queryByText(/used up/)).toBeNull();
    // The exact reading carries no "≈".
    expect(card().getByText('12,500 of 10,000 used')).toBeTruthy();
    fireEvent.click(prompt.getByRole('button', { name: 'Correct the reading' }));
    expect(await screen.findByRole('heading', { name: /reading/i })).toBeTruthy();
  });

  it('a plan the headers contradict: one click saves the plan they fit, keeping the stored secret', async () => {
    const app = await renderApp(
      appState({
        keys: [
          key({ planName: 'Growth', plan: { provider: 'voucherify', plan: 'growth' }, prompts: [mismatch] }),
        ],
      }),
    );
    const prompt = within(screen.getByTestId('prompt-plan-mismatch'));
    await act(async () => fireEvent.click(prompt.getByRole('button', { name: 'Switch to Startup' })));
    expect(app.api.calls.saveKey).toEqual([
      {
        id: 'prod-eu',
        name: 'Production EU',
        connection: { provider: 'voucherify', region: 'eu', appId: '3f9a2b7c-c21d', clientSide: false },
        secrets: {},
        plan: { provider: 'voucherify', plan: 'startup' },
        cycle: { renewalDay: 1, timeZone: 'UTC' },
        thresholds: [80, 90, 100],
        allowDuplicate: true,
      },
    ]);
    expect(app.announced()).toBe('Production EU: plan changed');
    fireEvent.click(prompt.getByRole('button', { name: 'Change plan' }));
    expect(await screen.findByRole('heading', { name: 'Edit Production EU' })).toBeTruthy();
  });

  it('no prompts, nothing extra on the card', async () => {
    await renderApp(appState());
    expect(screen.queryByTestId(/^prompt-/)).toBeNull();
  });
});

describe('the risk in the header', () => {
  const risky = (over: Parameters<typeof key>[0] = {}) =>
    key({
      status: 'ok',
      headline: 'Requests / hour: 643 of 1,000 left (64%)',
      risk: {
        probability: 0.39,
        low: NOW + 19 * 86_400_000,
        high: null,
        text: '39% chance to run out, between 12 Dec and renewal',
      },
      ...over,
    });

  it('names the key and its risk even when the status is OK, and leads to its card', async () => {
    await renderApp(
      appState({ status: 'ok', keys: [risky(), key({ id: 'calm', name: 'Calm', status: 'ok' })] }),
    );
    const line = screen.getByTestId('risk');
    expect(line.textContent).toBe('Production EU: 39% chance to run out, between 12 Dec and renewal');
  });

  it('is not repeated when the worst key’s line already says it', async () => {
    await renderApp(
      appState({
        keys: [
          risky({
            status: 'warning',
            headline: 'Cycle: about 20% left · 39% chance to run out, between 12 Dec and renewal',
            headlineTellsRisk: true,
          }),
        ],
      }),
    );
    expect(screen.queryByTestId('risk')).toBeNull();
    expect(screen.getByTestId('worst').textContent).toMatch(/39% chance to run out/);
  });

  it('reads exactly as the card’s risk sentence, in the page’s locale, whatever locale main used', async () => {
    const low = Date.parse('2026-12-12T10:00:00Z');
    const forecast = {
      status: 'ok' as const,
      runOutAt: null,
      low,
      high: null,
      probabilityRunOut: 0.39,
      projectedAtCycleEnd: 9_600,
      safeDailyBudget: 300,
    };
    await renderApp(
      appState({
        status: 'ok',
        keys: [
          // Main formatted its text in en-US ("Dec 12"); the page is en-GB.
          risky({
            cycle: cycle({ forecast }),
            risk: {
              probability: 0.39,
              low,
              high: null,
              text: '39% chance to run out, between Dec 12 and renewal',
            },
          }),
          key({ id: 'calm', name: 'Calm', status: 'ok' }),
        ],
      }),
    );
    const header = screen.getByTestId('risk').textContent;
    const onCard = card().getByTestId('forecast').textContent;
    expect(header).toBe('Production EU: 39% chance to run out, between 12 Dec and renewal');
    expect(onCard).toBe('39% chance to run out, between 12 Dec and renewal');
  });
});

describe('a second key for the same project in the form', () => {
  it('asks first, then "Add anyway" saves with the user’s consent', async () => {
    const app = await renderApp(appState());
    fireEvent.click(screen.getByRole('button', { name: 'Add a key' }));
    await screen.findByRole('heading', { name: 'Add a key' });
    const text = '“Production EU” already monitors this project: a second key doubles the probes.';
    app.api.saveResult = { ok: false, error: text, duplicateOf: ['Production EU'] };
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Copy' } });
    fireEvent.change(screen.getByLabelText('Application ID'), { target: { value: '3f9a2b7c-c21d' } });
    fireEvent.change(screen.getByLabelText('Secret key (App token)'), { target: { value: 'tok' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Save' })));
    const prompt = within(screen.getByTestId('duplicate-prompt'));
    expect(prompt.getByText(text)).toBeTruthy();
    expect(app.api.calls.saveKey[0]?.allowDuplicate).toBeUndefined();
    app.api.saveResult = { ok: true, keyId: 'copy' };
    await act(async () => fireEvent.click(prompt.getByRole('button', { name: 'Add anyway' })));
    expect(app.api.calls.saveKey[1]).toMatchObject({ name: 'Copy', allowDuplicate: true });
  });
});
