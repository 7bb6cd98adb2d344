// The IPC handlers as registered with a mocked ipcMain: a foreign sender and a bad payload never
// reach the service; a good call does, with the parsed payload; a failure comes back as one line
// with the token masked.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppState } from '../../electron/ipc/contract';
import { CHANNELS, IpcRequestError } from '../../electron/ipc/contract';
import type { HeadroomService } from '../../electron/service/service-types';

const ipc = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, payload?: unknown) => Promise<unknown>>(),
}));
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (event: unknown, payload?: unknown) => Promise<unknown>) => {
      if (ipc.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
      ipc.handlers.set(channel, fn);
    },
    removeHandler: (channel: string) => ipc.handlers.delete(channel),
  },
}));

const { registerIpc } = await import('../../electron/shell/ipc');

const TOKEN = 'tok_live_9f8e7d6c5b4a';
const keyInput = {
  name: 'Production',
  connection: { provider: 'voucherify', region: 'eu', appId: 'app-123' },
  secrets: { token: TOKEN },
  plan: { provider: 'voucherify', plan: 'startup' },
  cycle: { renewalDay: 1, timeZone: 'UTC' },
  thresholds: [80, 90, 100],
};

function recordingService() {
  const calls: [string, unknown[]][] = [];
  const rec =
    (name: string, result: unknown = undefined) =>
    async (...args: unknown[]) => {
      calls.push([name, args]);
      return result;
    };
  const service = {
    start: rec('start'),
    stop: rec('stop'),
    getState: () => ({ revision: 7 }) as unknown as AppState,
    subscribe: () => () => undefined,
    probeNow: rec('probeNow'),
    saveKey: rec('saveKey', { ok: true, keyId: 'production' }),
    testKey: async () => {
      throw new Error(`upstream said: bad token ${TOKEN}\nstack line`);
    },
    deleteKey: rec('deleteKey'),
    updateSettings: rec('updateSettings'),
    calibrate: rec('calibrate'),
    snooze: rec('snooze'),
  } as unknown as HeadroomService;
  return { service, calls };
}

const appFrame = { senderFrame: { url: 'app://headroom/index.html', parent: null } };
const call = (channel: string, event: unknown, payload?: unknown) => {
  const fn = ipc.handlers.get(channel);
  if (!fn) throw new Error(`no handler for ${channel}`);
  return fn(event, payload);
};

describe('registerIpc', () => {
  let calls: [string, unknown[]][];
  let pinned: boolean[];
  let unregister: () => void;

  beforeEach(() => {
    ipc.handlers.clear();
    const s = recordingService();
    calls = s.calls;
    pinned = [];
    unregister = registerIpc({
      service: s.service,
      expectedOrigin: 'app://headroom',
      setPinned: (p) => pinned.push(p),
    });
  });

  it('registers a handler for every invoke channel, and removes them again', () => {
    const invoke = Object.entries(CHANNELS)
      .filter(([name]) => !['state', 'focusKey', 'openSettings'].includes(name))
      .map(([, ch]) => ch)
      .sort();
    expect([...ipc.handlers.keys()].sort()).toEqual(invoke);
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('passes a trusted, valid call to the service with the parsed payload', async () => {
    await expect(call(CHANNELS.getState, appFrame)).resolves.toEqual({ revision: 7 });
    await expect(call(CHANNELS.saveKey, appFrame, keyInput)).resolves.toEqual({
      ok: true,
      keyId: 'production',
    });
    await call(CHANNELS.calibrate, appFrame, { keyId: 'prod-eu', used: 4200 });
    await call(CHANNELS.probeNow, appFrame, { keyId: null });
    await call(CHANNELS.snooze, appFrame, { duration: '1h' });
    await call(CHANNELS.setPinned, appFrame, { pinned: true });
    expect(calls.map(([name]) => name)).toEqual(['saveKey', 'calibrate', 'probeNow', 'snooze']);
    expect(calls[0]![1][0]).toMatchObject({ name: 'Production', connection: { clientSide: false } });
    expect(calls[1]![1]).toEqual(['prod-eu', 4200, undefined]);
    expect(calls[2]![1]).toEqual([null]);
    expect(pinned).toEqual([true]);
  });

  it.each([
    ['a foreign page', { senderFrame: { url: 'https://evil.example/', parent: null } }],
    ['a file: page', { senderFrame: { url: 'file:///tmp/x.html', parent: null } }],
    ['a subframe of the app', { senderFrame: { url: 'app://headroom/index.html', parent: {} } }],
    ['a destroyed frame', { senderFrame: null }],
  ])('refuses %s before the service sees anything', async (_name, event) => {
    await expect(call(CHANNELS.deleteKey, event, { keyId: 'prod-eu' })).rejects.toBeInstanceOf(
      IpcRequestError,
    );
    await expect(call(CHANNELS.saveKey, event, keyInput)).rejects.toThrow(/not from the Headroom window/);
    expect(calls).toEqual([]);
  });

  it('refuses a bad payload from the app itself, naming the field', async () => {
    await expect(call(CHANNELS.deleteKey, appFrame, { keyId: 'DROP TABLE' })).rejects.toThrow(
      /deleteKey: keyId/,
    );
    await expect(call(CHANNELS.snooze, appFrame, { duration: '5y' })).rejects.toBeInstanceOf(IpcRequestError);
    await expect(call(CHANNELS.saveKey, appFrame, { ...keyInput, secrets: { token: '' } })).rejects.toThrow(
      /saveKey: secrets.token: is not a valid token/,
    );
    expect(calls).toEqual([]);
  });

  it('reports a service failure as one line with the token masked', async () => {
    const err = (await call(CHANNELS.testKey, appFrame, keyInput).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toBe('upstream said: bad token ••••');
    expect(err.message).not.toContain(TOKEN);
  });
});
