// A fake preload API for component tests: records every call with its payload, answers with what the
// test sets, and pushes new states to the renderer the way main does.
import type {
  AppState,
  HeadroomApi,
  KeyInput,
  SaveKeyResult,
  SettingsPatch,
  SnoozeChoice,
  TestKeyResult,
  TestNotificationResult,
} from '../../../electron/ipc/contract';

export interface Calls {
  probeNow: (string | null)[];
  saveKey: KeyInput[];
  testKey: KeyInput[];
  deleteKey: string[];
  updateSettings: SettingsPatch[];
  calibrate: { keyId: string; used: number; at: number | undefined }[];
  snooze: SnoozeChoice[];
  setPinned: boolean[];
  sendTestNotification: number;
}

export interface FakeApi extends HeadroomApi {
  calls: Calls;
  /** Pushes a state as main would (through onState). */
  push(state: AppState): void;
  focus(keyId: string): void;
  /** As the tray menu's Settings… does. */
  openSettings(): void;
  saveResult: SaveKeyResult;
  testResult: TestKeyResult;
  testNotificationResult: TestNotificationResult;
  /** When set, the next probeNow waits for this promise. */
  probeGate: Promise<void> | null;
}

export function fakeApi(initial: AppState): FakeApi {
  const stateListeners = new Set<(s: AppState) => void>();
  const focusListeners = new Set<(id: string) => void>();
  const settingsListeners = new Set<() => void>();
  let current = initial;
  const calls: Calls = {
    probeNow: [],
    saveKey: [],
    testKey: [],
    deleteKey: [],
    updateSettings: [],
    calibrate: [],
    snooze: [],
    setPinned: [],
    sendTestNotification: 0,
  };
  const api: FakeApi = {
    calls,
    saveResult: { ok: true, keyId: 'new-key' },
    testResult: {
      ok: true,
      outcome: 'ok',
      message: 'HTTP 200 in 120 ms',
      provider: 'Voucherify',
      status: 200,
      latencyMs: 120,
      windows: [],
      warnings: [],
    },
    probeGate: null,
    testNotificationResult: {
      sent: true,
      message: 'Sent: look for “Headroom test notification” on your desktop.',
    },
    push(state) {
      current = state;
      for (const l of stateListeners) l(state);
    },
    focus(keyId) {
      for (const l of focusListeners) l(keyId);
    },
    openSettings() {
      for (const l of settingsListeners) l();
    },
    getState: async () => current,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onFocusKey(listener) {
      focusListeners.add(listener);
      return () => focusListeners.delete(listener);
    },
    onOpenSettings(listener) {
      settingsListeners.add(listener);
      return () => settingsListeners.delete(listener);
    },
    async probeNow(keyId) {
      calls.probeNow.push(keyId);
      if (api.probeGate) await api.probeGate;
    },
    async saveKey(input) {
      calls.saveKey.push(input);
      return api.saveResult;
    },
    async testKey(input) {
      calls.testKey.push(input);
      return api.testResult;
    },
    async deleteKey(keyId) {
      calls.deleteKey.push(keyId);
    },
    async updateSettings(patch) {
      calls.updateSettings.push(patch);
    },
    async calibrate(keyId, used, at) {
      calls.calibrate.push({ keyId, used, at });
    },
    async snooze(duration) {
      calls.snooze.push(duration);
    },
    async setPinned(pinned) {
      calls.setPinned.push(pinned);
    },
    async getHistory() {
      return null;
    },
    async exportData() {
      return { status: 'cancelled' };
    },
    async sendTestNotification() {
      calls.sendTestNotification += 1;
      return api.testNotificationResult;
    },
  };
  return api;
}
