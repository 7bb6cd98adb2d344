// `window.headroom` for the page under test: HeadroomApi over the bridge's HTTP API and event stream,
// with the same payload shapes as the preload (electron/preload.ts). Injected with page.addInitScript
// as plain JavaScript: it runs in the page, so it is a string, not a compiled module.
export const SHIM_SOURCE = String.raw`
(() => {
  const call = async (method, payload) => {
    const res = await fetch('/api/' + method, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: payload === undefined ? '' : JSON.stringify(payload),
    });
    const body = await res.json();
    if (!res.ok) throw new Error(body.error || ('HTTP ' + res.status));
    return body.result === null ? undefined : body.result;
  };
  const stateListeners = new Set();
  const focusListeners = new Set();
  const settingsListeners = new Set();
  const events = new EventSource('/events');
  events.addEventListener('state', (e) => {
    const state = JSON.parse(e.data);
    for (const l of stateListeners) l(state);
  });
  events.addEventListener('focus', (e) => {
    const keyId = JSON.parse(e.data);
    for (const l of focusListeners) l(keyId);
  });
  events.addEventListener('open-settings', () => {
    for (const l of settingsListeners) l();
  });
  const on = (set) => (listener) => {
    set.add(listener);
    return () => set.delete(listener);
  };
  window.headroom = Object.freeze({
    getState: () => call('getState'),
    onState: on(stateListeners),
    onFocusKey: on(focusListeners),
    onOpenSettings: on(settingsListeners),
    probeNow: (keyId) => call('probeNow', { keyId }),
    saveKey: (input) => call('saveKey', input),
    testKey: (input) => call('testKey', input),
    deleteKey: (keyId) => call('deleteKey', { keyId }),
    updateSettings: (patch) => call('updateSettings', patch),
    calibrate: (keyId, used, at) => call('calibrate', at === undefined ? { keyId, used } : { keyId, used, at }),
    snooze: (duration) => call('snooze', { duration }),
    setPinned: (pinned) => call('setPinned', { pinned }),
    getHistory: (keyId) => call('getHistory', { keyId }),
    exportData: (request) => call('exportData', request),
  });
})();
`;
