// The popover: the header, notices, the demo banner or the empty state, and a card per key; forms and
// settings open over the list (which stays mounted, hidden, so focus can return to what opened them).
import {
  lazy,
  startTransition,
  Suspense,
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type KeyboardEvent,
} from 'react';
import type { HeadroomApi } from '../../../electron/ipc/contract';
import { ApiContext } from '../api';
import { DemoBanner } from '../components/DemoBanner';
import { EmptyState } from '../components/EmptyState';
import { Header } from '../components/Header';
import { KeyCard } from '../components/KeyCard';
import { Notices } from '../components/Notices';
import { worstKey } from '../select/keys';
import { Announcer } from './announcer';
import { createFmt, type Fmt } from '../format/locale';
import { FmtContext, useFmt } from './fmt';
import { NowContext, NowStore } from './now';
import { useTheme } from './theme';
import { useAppState } from './useAppState';
import { useProbeAnnouncements } from './useProbeAnnouncements';

// Forms carry the validation schemas (zod): loaded after the list has painted, so it paints sooner.
// Panels open in a transition: the list stays until the form is ready, with no fallback flash (and
// none of React's 300 ms throttle on revealing suspended content).
const loadKeyForm = () => import('../forms/KeyForm');
const loadReadingForm = () => import('../forms/ReadingForm');
const loadSettings = () => import('../forms/SettingsView');
const KeyForm = lazy(() => loadKeyForm().then((m) => ({ default: m.KeyForm })));
const ReadingForm = lazy(() => loadReadingForm().then((m) => ({ default: m.ReadingForm })));
const SettingsView = lazy(() => loadSettings().then((m) => ({ default: m.SettingsView })));
const HistoryView = lazy(() => import('../components/HistoryView').then((m) => ({ default: m.HistoryView })));
const PREFETCH_AFTER_MS = 1_500;

export type View =
  | { name: 'list' }
  | { name: 'add' }
  | { name: 'edit'; keyId: string }
  | { name: 'reading'; keyId: string }
  | { name: 'history'; keyId: string }
  | { name: 'settings' };

interface Props {
  api: HeadroomApi;
  /** Injected by tests to drive the clock; the app makes its own. */
  nowStore?: NowStore;
  /** Injected by tests for a fixed locale and zone; the app uses the OS's. */
  fmt?: Fmt;
}

export function App({ api, nowStore, fmt }: Props) {
  const [store] = useState(() => nowStore ?? new NowStore());
  const [formats] = useState(() => fmt ?? createFmt());
  return (
    <ApiContext.Provider value={api}>
      <FmtContext.Provider value={formats}>
        <NowContext.Provider value={store}>
          <Announcer>
            <Popover api={api} />
          </Announcer>
        </NowContext.Provider>
      </FmtContext.Provider>
    </ApiContext.Provider>
  );
}

function Popover({ api }: { api: HeadroomApi }) {
  const loaded = useAppState(api);
  const state = loaded.state;
  const fmt = useFmt();
  const [chosenView, setView] = useState<View>({ name: 'list' });
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [pinned, setPinnedState] = useState(false);
  const opener = useRef<Opener | null>(null);
  // A key deleted (or replaced) while its form is open: back to the list.
  const view: View =
    (chosenView.name === 'edit' || chosenView.name === 'reading') &&
    state !== null &&
    !state.keys.some((k) => k.id === chosenView.keyId)
      ? { name: 'list' }
      : chosenView;
  const focusAfter = useRef<string | null>(null);
  useTheme(state?.settings.theme);
  useProbeAnnouncements(state);

  const open = useCallback((next: View) => {
    opener.current = openerOf(document.activeElement);
    startTransition(() => setView(next));
  }, []);

  useEffect(() => {
    const t = setTimeout(() => {
      void Promise.all([loadKeyForm(), loadReadingForm(), loadSettings()]).catch(() => {});
    }, PREFETCH_AFTER_MS);
    return () => clearTimeout(t);
  }, []);
  const close = useCallback(() => setView({ name: 'list' }), []);

  /** Back to the list with focus on a key's card (expanded when a notification asked for it). */
  const showKey = useCallback((keyId: string, expand = true) => {
    setView({ name: 'list' });
    if (expand) setExpanded((cur) => new Set(cur).add(keyId));
    focusAfter.current = keyId;
  }, []);
  const onSaved = useCallback((keyId: string) => showKey(keyId, false), [showKey]);

  // Back on the list: focus the card asked for, else whatever opened the form (if it still exists).
  useLayoutEffect(() => {
    if (view.name !== 'list') return;
    const keyId = focusAfter.current;
    if (keyId) {
      const card = document.getElementById(`key-${keyId}`);
      if (card) {
        focusAfter.current = null;
        card.focus();
        void card.scrollIntoView?.({ block: 'nearest' });
        return;
      }
    }
    const back = returnTarget(opener.current);
    if (back) back.focus();
    opener.current = null;
  }, [view.name, state, expanded]);

  useEffect(() => api.onFocusKey((keyId) => showKey(keyId)), [api, showKey]);
  useEffect(() => api.onOpenSettings(() => setView({ name: 'settings' })), [api]);

  // Escape on the list hands focus back to the top so a keyboard user is never stranded.
  const onListKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !e.defaultPrevented)
      (document.querySelector('.top-title') as HTMLElement | null)?.focus();
  };

  if (!state)
    return (
      <main className="popover loading">
        <p role={loaded.error ? 'alert' : undefined}>
          {loaded.error ? `Headroom could not load its state: ${loaded.error}` : 'Loading…'}
        </p>
      </main>
    );

  const worst = worstKey(state);
  const find = (id: string) => state.keys.find((k) => k.id === id) ?? null;
  const toggle = (keyId: string) =>
    setExpanded((cur) => {
      const next = new Set(cur);
      if (next.has(keyId)) next.delete(keyId);
      else next.add(keyId);
      return next;
    });
  const setPinned = (p: boolean) => {
    setPinnedState(p);
    void api.setPinned(p);
  };
  const editing =
    view.name === 'edit' || view.name === 'reading' || view.name === 'history' ? find(view.keyId) : null;

  return (
    <main className="popover" data-view={view.name}>
      <div className="list" hidden={view.name !== 'list'} onKeyDown={onListKey}>
        <Header
          state={state}
          pinned={pinned}
          onPin={setPinned}
          onAdd={() => open({ name: 'add' })}
          onSettings={() => open({ name: 'settings' })}
          onShowKey={(keyId) => showKey(keyId)}
        />
        <div className="scroll">
          <Notices notices={state.notices} />
          {state.demo && <DemoBanner onAdd={() => open({ name: 'add' })} />}
          {state.keys.length === 0 ? (
            <EmptyState onAdd={() => open({ name: 'add' })} />
          ) : (
            state.keys.map((k) => (
              <KeyCard
                key={k.id}
                k={k}
                worst={state.keys.length > 1 && worst?.id === k.id && k.status !== 'ok'}
                expanded={expanded.has(k.id)}
                onToggle={toggle}
                onEdit={(id) => open({ name: 'edit', keyId: id })}
                onReading={(id) => open({ name: 'reading', keyId: id })}
                onHistory={(id) => open({ name: 'history', keyId: id })}
              />
            ))
          )}
        </div>
      </div>
      <Suspense fallback={<p className="loading-panel">Loading…</p>}>
        {view.name === 'add' && (
          <KeyForm existing={null} timeZone={fmt.timeZone} onClose={close} onSaved={onSaved} />
        )}
        {view.name === 'edit' && editing && (
          <KeyForm existing={editing} timeZone={fmt.timeZone} onClose={close} onSaved={onSaved} />
        )}
        {view.name === 'reading' && editing && <ReadingForm k={editing} onClose={close} />}
        {view.name === 'history' && editing && <HistoryView k={editing} onClose={close} />}
        {view.name === 'settings' && <SettingsView settings={state.settings} onClose={close} />}
      </Suspense>
    </main>
  );
}

/** What opened a panel: the control, and enough to find its successor if it is re-rendered. */
interface Opener {
  el: HTMLElement;
  cardId: string | null;
  label: string | null;
}

function openerOf(active: Element | null): Opener | null {
  if (!(active instanceof HTMLElement)) return null;
  return {
    el: active,
    cardId: active.closest('[id^="key-"]')?.id ?? null,
    label: active.getAttribute('aria-label') ?? active.textContent,
  };
}

/**
 * Where focus goes back to when a panel closes: the control that opened it, or, when a state update
 * re-rendered its card meanwhile (a probe finished while the form was open), the control with the
 * same name in the same card, else the card itself.
 */
function returnTarget(opener: Opener | null): HTMLElement | null {
  if (!opener) return null;
  if (opener.el.isConnected) return opener.el;
  const card = opener.cardId ? document.getElementById(opener.cardId) : null;
  if (!card) return null;
  const same = [...card.querySelectorAll<HTMLElement>('button, a[href]')].find(
    (el) => (el.getAttribute('aria-label') ?? el.textContent) === opener.label,
  );
  return same ?? card;
}
