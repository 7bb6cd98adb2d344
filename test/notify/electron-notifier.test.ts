// The Electron adapter's own logic, with Electron's Notification replaced by a stand-in that behaves
// as the real one documents (show / failed / click events): outcomes, clicks, replacement.
import type { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlertMessage } from '../../electron/core/alerts/types';

type Behaviour = 'show' | 'fail' | 'silent' | 'throw';

const fake = vi.hoisted(() => ({
  supported: true,
  behaviour: 'show' as Behaviour,
  created: [] as { options: Record<string, unknown>; closed: boolean; emitter: unknown }[],
}));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class Notification extends Emitter {
    static isSupported() {
      return fake.supported;
    }
    record: { options: Record<string, unknown>; closed: boolean; emitter: unknown };
    constructor(options: Record<string, unknown>) {
      super();
      this.record = { options, closed: false, emitter: this };
      fake.created.push(this.record);
    }
    show() {
      if (fake.behaviour === 'throw') throw new Error('no notification server');
      if (fake.behaviour === 'show') queueMicrotask(() => this.emit('show', {}));
      if (fake.behaviour === 'fail') queueMicrotask(() => this.emit('failed', {}, 'toast blocked by policy'));
    }
    close() {
      this.record.closed = true;
      this.emit('close', {});
    }
  }
  return { Notification };
});

const { createElectronNotifier, chooseNotifier } = await import('../../electron/shell/electron-notifier');

const msg = (over: Partial<AlertMessage> = {}): AlertMessage => ({
  id: 'threshold:shop:api_calls:90:1',
  kind: 'threshold',
  keyId: 'shop',
  title: 'Shop API: 90 % of hourly quota used',
  body: '904 of 1,000 requests used · resets 13:00',
  urgency: 'normal',
  ...over,
});

beforeEach(() => {
  fake.supported = true;
  fake.behaviour = 'show';
  fake.created.length = 0;
});

describe('electron notifier', () => {
  it('reports success once the notification is shown, silently and with the message text', async () => {
    const n = createElectronNotifier();
    await expect(n.deliver(msg())).resolves.toEqual({ ok: true });
    expect(fake.created[0]?.options).toMatchObject({
      title: 'Shop API: 90 % of hourly quota used',
      body: '904 of 1,000 requests used · resets 13:00',
      silent: true,
      urgency: 'normal',
    });
  });

  it('keeps a critical alert on screen', async () => {
    await createElectronNotifier().deliver(msg({ urgency: 'critical' }));
    expect(fake.created[0]?.options).toMatchObject({ urgency: 'critical', timeoutType: 'never' });
  });

  it('calls back with the key when the notification is clicked', async () => {
    const onClick = vi.fn();
    const n = createElectronNotifier({ onClick });
    await n.deliver(msg({ keyId: 'billing' }));
    (fake.created[0]?.emitter as EventEmitter).emit('click', {});
    expect(onClick).toHaveBeenCalledWith('billing');
  });

  it('turns a failure, an exception, no support and no answer into ok:false with a reason', async () => {
    fake.behaviour = 'fail';
    await expect(createElectronNotifier().deliver(msg())).resolves.toEqual({
      ok: false,
      reason: 'the system refused the notification: toast blocked by policy',
    });
    fake.behaviour = 'throw';
    await expect(createElectronNotifier().deliver(msg())).resolves.toEqual({
      ok: false,
      reason: 'could not show the notification: no notification server',
    });
    fake.behaviour = 'silent';
    await expect(createElectronNotifier({ showTimeoutMs: 20 }).deliver(msg())).resolves.toMatchObject({
      ok: false,
      reason: expect.stringMatching(/did not show the notification/),
    });
    fake.supported = false;
    await expect(createElectronNotifier().deliver(msg())).resolves.toEqual({
      ok: false,
      reason: 'this system does not support desktop notifications',
    });
  });

  it('replaces a retried alert instead of stacking it', async () => {
    const n = createElectronNotifier();
    await n.deliver(msg());
    await n.deliver(msg());
    expect(fake.created).toHaveLength(2);
    expect(fake.created[0]?.closed).toBe(true);
    expect(fake.created[1]?.closed).toBe(false);
  });

  it('is the only delivery on macOS; elsewhere it backs up node-notifier', async () => {
    expect(chooseNotifier('darwin').name).toBe('electron');
    expect(chooseNotifier('linux').name).toBe('notify-send > electron');
    expect(chooseNotifier('win32').name).toBe('windows-toaster > electron');
  });
});
