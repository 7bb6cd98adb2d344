// IPC channel names, in a module of their own so that the preload can import them without the
// contract's zod schemas (which would triple its size). The contract re-exports them.
export const CHANNELS = {
  getState: 'headroom:get-state',
  probeNow: 'headroom:probe-now',
  saveKey: 'headroom:save-key',
  testKey: 'headroom:test-key',
  deleteKey: 'headroom:delete-key',
  updateSettings: 'headroom:update-settings',
  calibrate: 'headroom:calibrate',
  snooze: 'headroom:snooze',
  setPinned: 'headroom:set-pinned',
  getHistory: 'headroom:get-history',
  exportData: 'headroom:export-data',
  sendTestNotification: 'headroom:send-test-notification',
  /** main -> renderer: a new AppState */
  state: 'headroom:state',
  /** main -> renderer: show this key (a notification or tray item was clicked) */
  focusKey: 'headroom:focus-key',
  /** main -> renderer: show the settings (the tray menu's Settings…) */
  openSettings: 'headroom:open-settings',
} as const;
