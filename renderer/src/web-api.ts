// `window.headroom` for a browser tab: HeadroomApi over the web shell's HTTP surface (electron/web/
// server), chosen at startup when no preload put one there. Same payloads as the preload's IPC; the
// session cookie (set when the printed address was opened) authenticates every call; live states
// arrive as server-sent events. The tab's title and favicon carry the tray's glance.
import type { AppState, HeadroomApi } from '../../electron/ipc/contract';
import type { InvokeChannel } from '../../electron/ipc/contract';
import { faviconPath, pageTitle } from '../../electron/web/glance';

const SESSION_LOST =
  'Headroom no longer recognises this page (it was restarted with a new secret): open the address it printed again.';

async function call(method: InvokeChannel, payload?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(`/api/${method}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: payload === undefined ? {} : { 'Content-Type': 'application/json' },
      body: payload === undefined ? undefined : JSON.stringify(payload),
    });
  } catch {
    throw new Error('Headroom is not reachable: is it still running?');
  }
  if (res.status === 401) throw new Error(SESSION_LOST);
  let body: { result?: unknown; error?: string };
  try {
    body = (await res.json()) as { result?: unknown; error?: string };
  } catch {
    throw new Error(`Headroom answered HTTP ${res.status}`);
  }
  if (!res.ok) throw new Error(body.error ?? `Headroom answered HTTP ${res.status}`);
  return body.result === null ? undefined : body.result;
}

/** Keeps the tab's title and favicon on the latest state. */
export function showGlance(doc: Document, state: AppState | null): void {
  doc.title = pageTitle(state);
  let link = doc.querySelector<HTMLLinkElement>('link[rel="icon"]');
  if (!link) {
    link = doc.createElement('link');
    link.rel = 'icon';
    link.type = 'image/png';
    doc.head.appendChild(link);
  }
  const href = faviconPath(state);
  if (link.getAttribute('href') !== href) link.setAttribute('href', href);
}

export function createWebApi(): HeadroomApi {
  dropTokenFromAddress(window.location, window.history);
  const stateListeners = new Set<(s: AppState) => void>();
  const focusListeners = new Set<(keyId: string) => void>();
  const settingsListeners = new Set<() => void>();
  let latest = -1;
  const events = new EventSource('/api/events');
  const deliver = (state: AppState) => {
    if (state.revision < latest) return;
    latest = state.revision;
    showGlance(document, state);
    for (const l of stateListeners) l(state);
  };
  events.addEventListener('state', (e) => deliver(JSON.parse((e as MessageEvent<string>).data) as AppState));
  events.addEventListener('focus', (e) => {
    const keyId = JSON.parse((e as MessageEvent<string>).data) as unknown;
    if (typeof keyId === 'string') for (const l of focusListeners) l(keyId);
  });
  events.addEventListener('open-settings', () => {
    for (const l of settingsListeners) l();
  });
  const on =
    <T>(set: Set<T>) =>
    (listener: T) => {
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    };
  const api: HeadroomApi = {
    getState: async () => {
      const state = (await call('getState')) as AppState;
      showGlance(document, state);
      return state;
    },
    onState: on(stateListeners),
    onFocusKey: on(focusListeners),
    onOpenSettings: on(settingsListeners),
    probeNow: async (keyId) => void (await call('probeNow', { keyId })),
    saveKey: async (input) => (await call('saveKey', input)) as Awaited<ReturnType<HeadroomApi['saveKey']>>,
    testKey: async (input) => (await call('testKey', input)) as Awaited<ReturnType<HeadroomApi['testKey']>>,
    deleteKey: async (keyId) => void (await call('deleteKey', { keyId })),
    updateSettings: async (patch) => void (await call('updateSettings', patch)),
    calibrate: async (keyId, used, at) =>
      void (await call('calibrate', at === undefined ? { keyId, used } : { keyId, used, at })),
    snooze: async (duration) => void (await call('snooze', { duration })),
    setPinned: async (pinned) => void (await call('setPinned', { pinned })),
    getHistory: async (keyId) =>
      (await call('getHistory', { keyId })) as Awaited<ReturnType<HeadroomApi['getHistory']>>,
    exportData: async (request) =>
      (await call('exportData', request)) as Awaited<ReturnType<HeadroomApi['exportData']>>,
    sendTestNotification: async () =>
      (await call('sendTestNotification')) as Awaited<ReturnType<HeadroomApi['sendTestNotification']>>,
  };
  return Object.freeze(api);
}

/** In a tab served over HTTP without the Electron preload: the web shell's page. */
export function isWebShellPage(loc: Location): boolean {
  return loc.protocol === 'http:' || loc.protocol === 'https:';
}

/** The session cookie now stands for the secret: keep the token out of the address bar and history. */
export function dropTokenFromAddress(loc: Location, history: History): void {
  const url = new URL(loc.href);
  if (!url.searchParams.has('token')) return;
  url.searchParams.delete('token');
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
}
