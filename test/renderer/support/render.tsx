// Renders the popover with a fake API, a clock the test drives, and a fixed locale (en-GB, UTC).
import { act, configure, render, screen } from '@testing-library/react';
import { App } from '../../../renderer/src/app/App';
import { NowStore } from '../../../renderer/src/app/now';
import { createFmt } from '../../../renderer/src/format/locale';
import type { AppState } from '../../../electron/ipc/contract';
import { fakeApi } from './fake-api';
import { NOW } from './fixtures';

// Forms load lazily (they carry zod); the first import is transformed on demand and can take a
// while on a shared two-core machine.
configure({ asyncUtilTimeout: 5_000 });

// Transform the lazy forms once, before any test waits on them, so no test depends on how fast a
// cold transform runs while other suites share the CPU (they still load through React.lazy).
const lazyModules = Promise.all([
  import('../../../renderer/src/forms/KeyForm'),
  import('../../../renderer/src/forms/ReadingForm'),
  import('../../../renderer/src/forms/SettingsView'),
]);

export async function renderApp(state: AppState) {
  await lazyModules;
  let t = NOW;
  const store = new NowStore(() => t);
  const api = fakeApi(state);
  // The first state arrives through a promise. Resolving it inside act means its render's effects
  // (the countdowns subscribing to the clock) have run when this returns; awaiting the banner alone
  // returned before them in 1 to 4 renders of 100, and a tick right away then reached no countdown.
  let view!: ReturnType<typeof render>;
  await act(async () => {
    view = render(<App api={api} nowStore={store} fmt={createFmt('en-GB', 'UTC')} />);
  });
  await screen.findByRole('banner');
  return {
    api,
    view,
    /** Moves the clock on and lets the 1 s ticker re-render. */
    advance(ms: number) {
      t += ms;
      act(() => store.tick());
    },
    push(next: AppState) {
      act(() => api.push(next));
    },
    announced: () => screen.getByTestId('announcer').textContent ?? '',
  };
}
