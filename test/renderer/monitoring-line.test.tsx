// @vitest-environment happy-dom
// The header's monitoring line compares one key's spend with that key's own cycle budget.
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { appState, key } from './support/fixtures';
import { renderApp } from './support/render';

afterEach(cleanup);

describe('monitoring spend line', () => {
  it('names the busiest key when there are several, so the figures are one key’s, one cycle’s', async () => {
    await renderApp(
      appState({
        keys: [key(), key({ id: 'gh', name: 'GitHub' })],
        monitoring: { callsThisCycle: 6, budgetCalls: 100, keyName: 'Production EU' },
      }),
    );
    expect(screen.getByTestId('monitoring').textContent).toMatch(
      /^Monitoring spent 6 of 100 calls this cycle \(Production EU, the most of its budget\)/,
    );
  });

  it('needs no name for a single key', async () => {
    await renderApp(appState());
    expect(screen.getByTestId('monitoring').textContent).toMatch(
      /^Monitoring spent 41 of 100 calls this cycle$/,
    );
  });
});
