// The preload: the renderer's only door to main. It exposes `window.headroom` with named functions
// (never ipcRenderer itself, never the IPC event), implementing HeadroomApi exactly. Built as
// CommonJS (preload.cjs): sandboxed preloads cannot be ES modules.
// The channel names are repeated here rather than imported, so that the contract's zod schemas are
// not bundled into the preload; `satisfies` makes the compiler hold them equal to the contract's.
import { contextBridge, ipcRenderer } from 'electron';
import type { AppState, CHANNELS as ContractChannels, HeadroomApi } from './ipc/contract';

const CHANNELS = {
  getState: 'headroom:get-state',
  probeNow: 'headroom:probe-now',
  saveKey: 'headroom:save-key',
  testKey: 'headroom:test-key',
  deleteKey: 'headroom:delete-key',
  updateSettings: 'headroom:update-settings',
  calibrate: 'headroom:calibrate',
  snooze: 'headroom:snooze',
  setPinned: 'headroom:set-pinned',
  state: 'headroom:state',
  focusKey: 'headroom:focus-key',
} as const satisfies typeof ContractChannels;

function listen<T>(channel: string, listener: (value: T) => void): () => void {
  const handler = (_event: unknown, value: T) => listener(value);
  ipcRenderer.on(channel, handler);
  return () => {
    ipcRenderer.removeListener(channel, handler);
  };
}

const api: HeadroomApi = {
  getState: () => ipcRenderer.invoke(CHANNELS.getState),
  onState: (listener) => listen<AppState>(CHANNELS.state, listener),
  onFocusKey: (listener) => listen<string>(CHANNELS.focusKey, listener),
  probeNow: (keyId) => ipcRenderer.invoke(CHANNELS.probeNow, { keyId }),
  saveKey: (input) => ipcRenderer.invoke(CHANNELS.saveKey, input),
  testKey: (input) => ipcRenderer.invoke(CHANNELS.testKey, input),
  deleteKey: (keyId) => ipcRenderer.invoke(CHANNELS.deleteKey, { keyId }),
  updateSettings: (patch) => ipcRenderer.invoke(CHANNELS.updateSettings, patch),
  calibrate: (keyId, used, at) =>
    ipcRenderer.invoke(CHANNELS.calibrate, at === undefined ? { keyId, used } : { keyId, used, at }),
  snooze: (duration) => ipcRenderer.invoke(CHANNELS.snooze, { duration }),
  setPinned: (pinned) => ipcRenderer.invoke(CHANNELS.setPinned, { pinned }),
};

contextBridge.exposeInMainWorld('headroom', api);
