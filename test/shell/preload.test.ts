// The preload through a mocked Electron: it exposes exactly the HeadroomApi as named functions under
// `headroom` (never ipcRenderer), sends each call on its contract channel with the payload the
// guard expects, and hands listeners the value only, never the IPC event.
import { describe, expect, it, vi } from 'vitest';
import type { REQUEST_SCHEMAS } from '../../electron/ipc/contract';
import { CHANNELS, type HeadroomApi } from '../../electron/ipc/contract';
import { validateRequest } from '../../electron/ipc/guard';

const m = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invokes: [] as [string, unknown[]][],
  listeners: new Map<string, Set<(...args: unknown[]) => void>>(),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (name: string, api: unknown) => m.exposed.set(name, api) },
  ipcRenderer: {
    invoke: async (channel: string, ...args: unknown[]) => {
      m.invokes.push([channel, args]);
      return { channel };
    },
    on: (channel: string, fn: (...args: unknown[]) => void) => {
      if (!m.listeners.has(channel)) m.listeners.set(channel, new Set());
      m.listeners.get(channel)!.add(fn);
    },
    removeListener: (channel: string, fn: (...args: unknown[]) => void) =>
      m.listeners.get(channel)?.delete(fn),
  },
}));

await import('../../electron/preload');
const api = m.exposed.get('headroom') as HeadroomApi;

const input = {
  name: 'Production',
  connection: { provider: 'voucherify' as const, region: 'eu' as const, appId: 'a-1' },
  secrets: { token: 'tok_live_1' },
  plan: { provider: 'voucherify' as const, plan: 'free' as const },
  cycle: { renewalDay: 1, timeZone: 'UTC' },
  thresholds: [80],
};

describe('preload', () => {
  it('exposes only `headroom`, with exactly the HeadroomApi functions', () => {
    expect([...m.exposed.keys()]).toEqual(['headroom']);
    const expected: (keyof HeadroomApi)[] = [
      'getState',
      'onState',
      'onFocusKey',
      'onOpenSettings',
      'probeNow',
      'saveKey',
      'testKey',
      'deleteKey',
      'updateSettings',
      'calibrate',
      'snooze',
      'setPinned',
      'getHistory',
      'exportData',
      'sendTestNotification',
    ];
    expect(Object.keys(api).sort()).toEqual([...expected].sort());
    for (const fn of Object.values(api)) expect(typeof fn).toBe('function');
    expect(api).not.toHaveProperty('ipcRenderer');
    expect(api).not.toHaveProperty('invoke');
  });

  it('sends every call on its contract channel with a payload the guard accepts', async () => {
    m.invokes.length = 0;
    await api.getState();
    await api.probeNow(null);
    await api.probeNow('prod-eu');
    await api.saveKey(input);
    await api.testKey(input);
    await api.deleteKey('prod-eu');
    await api.updateSettings({ theme: 'dark' });
    await api.calibrate('prod-eu', 4200);
    await api.calibrate('prod-eu', 4200, 1_700_000_000_000);
    await api.snooze('2h');
    await api.setPinned(true);
    await api.getHistory('prod-eu');
    await api.exportData({ format: 'csv' });
    await api.exportData({ format: 'json', keyId: 'prod-eu' });
    await api.sendTestNotification();
    const byChannel = Object.fromEntries(Object.entries(CHANNELS).map(([k, v]) => [v, k]));
    for (const [channel, args] of m.invokes) {
      const name = byChannel[channel] as keyof typeof REQUEST_SCHEMAS;
      expect(name, channel).toBeDefined();
      expect(args.length).toBeLessThanOrEqual(1);
      expect(() => validateRequest(name, args[0])).not.toThrow();
    }
    expect(m.invokes.map(([c]) => byChannel[c])).toEqual([
      'getState',
      'probeNow',
      'probeNow',
      'saveKey',
      'testKey',
      'deleteKey',
      'updateSettings',
      'calibrate',
      'calibrate',
      'snooze',
      'setPinned',
      'getHistory',
      'exportData',
      'exportData',
      'sendTestNotification',
    ]);
    expect(m.invokes[7]![1]).toEqual([{ keyId: 'prod-eu', used: 4200 }]);
  });

  it('gives listeners the value only, and unsubscribes', () => {
    const got: unknown[] = [];
    const off = api.onState((s) => got.push(s));
    const focus = api.onFocusKey((k) => got.push(k));
    const settings = api.onOpenSettings(() => got.push('settings'));
    const fire = (channel: string, value: unknown) =>
      m.listeners
        .get(channel)
        ?.forEach((fn) => fn({ sender: 'the IPC event, with ipcRenderer on it' }, value));
    fire(CHANNELS.state, { revision: 3 });
    fire(CHANNELS.focusKey, 'prod-eu');
    fire(CHANNELS.openSettings, null);
    off();
    focus();
    settings();
    fire(CHANNELS.openSettings, null);
    fire(CHANNELS.state, { revision: 4 });
    expect(got).toEqual([{ revision: 3 }, 'prod-eu', 'settings']);
  });
});
