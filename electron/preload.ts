// The preload: the renderer's only door to main. It exposes `window.headroom` with named functions
// (never ipcRenderer itself, never the IPC event), implementing HeadroomApi exactly. Built as
// CommonJS (preload.cjs): sandboxed preloads cannot be ES modules.
// Channel names come from ipc/channels (no zod in the preload bundle); types from the contract.
import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS } from './ipc/channels';
import type { AppState, HeadroomApi } from './ipc/contract';

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
  onOpenSettings: (listener) => listen<void>(CHANNELS.openSettings, () => listener()),
  probeNow: (keyId) => ipcRenderer.invoke(CHANNELS.probeNow, { keyId }),
  saveKey: (input) => ipcRenderer.invoke(CHANNELS.saveKey, input),
  testKey: (input) => ipcRenderer.invoke(CHANNELS.testKey, input),
  deleteKey: (keyId) => ipcRenderer.invoke(CHANNELS.deleteKey, { keyId }),
  updateSettings: (patch) => ipcRenderer.invoke(CHANNELS.updateSettings, patch),
  calibrate: (keyId, used, at) =>
    ipcRenderer.invoke(CHANNELS.calibrate, at === undefined ? { keyId, used } : { keyId, used, at }),
  snooze: (duration) => ipcRenderer.invoke(CHANNELS.snooze, { duration }),
  setPinned: (pinned) => ipcRenderer.invoke(CHANNELS.setPinned, { pinned }),
  getHistory: (keyId) => ipcRenderer.invoke(CHANNELS.getHistory, { keyId }),
  exportData: (request) => ipcRenderer.invoke(CHANNELS.exportData, request),
  sendTestNotification: () => ipcRenderer.invoke(CHANNELS.sendTestNotification),
};

contextBridge.exposeInMainWorld('headroom', api);
