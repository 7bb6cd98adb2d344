// The Electron adapter's own logic, with Electron's Notification replaced by a stand-in that behaves
// as the real one documents (show / failed / click events): outcomes, clicks, replacement, the icon.
import type { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
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
  const { readFileSync } = await import('node:fs');
  const { PNG } = await import('pngjs');
  // Like Electron's image converter (NativeImage::TryConvertNativeImage): a string icon must be a path
  // to an image that loads, else "Failed to load image from path '…'" is thrown (a missing or damaged
  // file). Stricter than Electron, a relative path is refused too: a packaged app's cwd is not its folder.
  function loadIcon(path: string): void {
    try {
      if (!path.startsWith('/')) throw new Error('not absolute');
      PNG.sync.read(readFileSync(path));
    } catch {
      throw new Error(`Failed to load image from path '${path}'`);
    }
  }
  class Notification extends Emitter {
    static isSupported() {
      return fake.supported;
    }
    record: { options: Record<string, unknown>; closed: boolean; emitter: unknown };
    constructor(options: Record<string, unknown>) {
      if (typeof options.icon === 'string') loadIcon(options.icon);
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

  it('shows Headroom’s icon, the PNG in build/ that node-notifier uses too', async () => {
    await expect(createElectronNotifier().deliver(msg())).resolves.toEqual({ ok: true });
    const icon = fake.created[0]?.options.icon;
    expect(icon).toBe(resolve('build', 'notification-icon.png'));
    expect(typeof icon === 'string' && existsSync(icon)).toBe(true);
  });

  it('still delivers, without an icon, when the icon file is missing or damaged', async () => {
    const missing = resolve('build', 'no-such-icon.png');
    await expect(createElectronNotifier({ icon: missing }).deliver(msg())).resolves.toEqual({ ok: true });
    expect(fake.created).toHaveLength(1);
    expect(fake.created[0]?.options.icon).toBeUndefined();
    expect(fake.created[0]?.options.title).toBe('Shop API: 90 % of hourly quota used');
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
