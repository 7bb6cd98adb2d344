// @vitest-environment happy-dom
// axe-core on the rendered DOM of each screen. happy-dom has no layout, so rules that need rendering
// (colour contrast, target size, scrollable regions) are off here; the end-to-end suite runs the full
// rule set in Chromium in light and dark.
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppState } from '../../electron/ipc/contract';
import { appState, cycle, HOUR_END, hourly, key, NOW } from './support/fixtures';
import { renderApp } from './support/render';

afterEach(cleanup);

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, {
    rules: {
      'color-contrast': { enabled: false },
      'target-size': { enabled: false },
      'scrollable-region-focusable': { enabled: false },
    },
  });
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

const screens: [string, AppState][] = [
  ['two keys', appState({ keys: [key(), key({ id: 'second-key', name: 'Second', status: 'ok' })] })],
  [
    'blocked',
    appState({
      keys: [
        key({
          status: 'blocked',
          blocked: { type: 'api_calls', windowId: 'api_calls', retryAt: HOUR_END, since: NOW },
          windows: [hourly({ remaining: 0, exhausted: true })],
        }),
      ],
    }),
  ],
  [
    'error',
    appState({
      keys: [
        key({
          status: 'error',
          problem: { title: 'Wrong key', action: 'Edit it.' },
          cycle: cycle({ estimate: null, forecast: null, history: [], cone: [] }),
          lastProbe: {
            at: NOW,
            outcome: 'unauthorized',
            message: '401',
            status: 401,
            latencyMs: 1,
            manual: true,
          },
        }),
      ],
    }),
  ],
  ['first run', appState({ keys: [], worstKeyId: null })],
  [
    'demo',
    appState({
      demo: true,
      keys: [key({ demo: true })],
      notices: [{ id: 'n', level: 'warning', text: 'Weak storage' }],
    }),
  ],
];

describe('axe-core (structure and names)', () => {
  for (const [name, state] of screens)
    it(`finds no violations: ${name}`, async () => {
      await renderApp(state);
      expect(await violations()).toEqual([]);
    });

  it('finds no violations with details expanded and the snooze menu open', async () => {
    await renderApp(appState());
    fireEvent.click(screen.getByRole('button', { name: 'Details of Production EU' }));
    fireEvent.click(screen.getByRole('button', { name: 'Snooze alerts' }));
    expect(await violations()).toEqual([]);
  });

  for (const [button, heading] of [
    ['Add a key', 'Add a key'],
    ['Settings', 'Settings'],
    ['Reading', 'Dashboard reading: Production EU'],
  ] as const)
    it(`finds no violations in the ${heading} panel, with errors shown`, async () => {
      await renderApp(appState());
      fireEvent.click(screen.getByRole('button', { name: button }));
      await screen.findByRole('heading', { name: heading });
      const submit = screen.getAllByRole('button').find((b) => b.getAttribute('type') === 'submit')!;
      await act(async () => fireEvent.click(submit));
      expect(await violations()).toEqual([]);
    });
});
