// The popover window through a mocked Electron: constructed with the security flags, navigation,
// new windows, webviews and permissions denied, hidden on blur unless pinned, placed at the tray.
import type { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const m = vi.hoisted(() => {
  class FakeWebContents {
    events = new Map<string, (...args: unknown[]) => void>();
    openHandler: ((d: { url: string }) => { action: string }) | null = null;
    sent: [string, unknown][] = [];
    permission: ((wc: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
    check: (() => boolean) | null = null;
    device: (() => boolean) | null = null;
    session = {
      setPermissionRequestHandler: (h: FakeWebContents['permission']) => (this.permission = h),
      setPermissionCheckHandler: (h: () => boolean) => (this.check = h),
      setDevicePermissionHandler: (h: () => boolean) => (this.device = h),
    };
    on(event: string, fn: (...args: unknown[]) => void) {
      this.events.set(event, fn);
    }
    setWindowOpenHandler(h: FakeWebContents['openHandler']) {
      this.openHandler = h;
    }
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
    isDestroyed() {
      return false;
    }
  }
  const windows: unknown[] = [];
  const appEvents = new Map<string, (...args: unknown[]) => void>();
  const opened: string[] = [];
  const state = { sandbox: false };
  return { FakeWebContents, windows, appEvents, opened, state };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class BrowserWindow extends Emitter {
    webContents = new m.FakeWebContents();
    visible = false;
    position: [number, number] = [0, 0];
    url = '';
    constructor(public options: Record<string, unknown>) {
      super();
      m.windows.push(this);
    }
    loadURL(url: string) {
      this.url = url;
      return Promise.resolve();
    }
    isVisible() {
      return this.visible;
    }
    show() {
      this.visible = true;
    }
    hide() {
      this.visible = false;
    }
    focus() {}
    isDestroyed() {
      return false;
    }
    getSize() {
      return [400, 600];
    }
    setPosition(x: number, y: number) {
      this.position = [x, y];
    }
  }
  return {
    BrowserWindow,
    app: {
      enableSandbox: () => (m.state.sandbox = true),
      on: (event: string, fn: (...args: unknown[]) => void) => m.appEvents.set(event, fn),
    },
    screen: {
      getCursorScreenPoint: () => ({ x: 1800, y: 10 }),
      getDisplayNearestPoint: () => ({
        bounds: { x: 0, y: 0, width: 1920, height: 1080 },
        workArea: { x: 0, y: 32, width: 1920, height: 1048 },
      }),
    },
    shell: { openExternal: async (url: string) => void m.opened.push(url) },
  };
});

const { createPopover, hardenApp, hardenWebContents, isAllowedExternal, popoverWindowOptions } =
  await import('../../electron/shell/window');

type FakeWindow = EventEmitter & {
  options: { webPreferences: Record<string, unknown> } & Record<string, unknown>;
  webContents: InstanceType<typeof m.FakeWebContents>;
  visible: boolean;
  position: [number, number];
  url: string;
};

beforeEach(() => {
  m.windows.length = 0;
  m.opened.length = 0;
});

describe('popoverWindowOptions', () => {
  it.each([
    [false, 'linux'],
    [true, 'darwin'],
  ] as const)('carries the security flags (dev %s, %s)', (dev, platform) => {
    const o = popoverWindowOptions({ preload: '/app/dist-electron/preload.cjs', dev, platform });
    expect(o.webPreferences).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: dev,
    });
    expect(o.show).toBe(false);
    expect(o.frame).toBe(false);
  });
});

describe('createPopover', () => {
  it('builds the BrowserWindow with those options and loads the app URL', () => {
    createPopover({ preload: '/p.cjs', dev: false, platform: 'linux', url: 'app://headroom/index.html' });
    const win = m.windows[0] as FakeWindow;
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: false,
    });
    expect(win.url).toBe('app://headroom/index.html');
  });

  it('hides on blur unless pinned', () => {
    const pop = createPopover({
      preload: '/p.cjs',
      dev: false,
      platform: 'linux',
      url: 'app://headroom/index.html',
    });
    const win = m.windows[0] as FakeWindow;
    pop.show(null);
    win.emit('blur');
    expect(win.visible).toBe(false);
    pop.setPinned(true);
    pop.show(null);
    win.emit('blur');
    expect(win.visible).toBe(true);
  });

  it('opens at the panel corner when the tray has no bounds, and at the tray when it has', () => {
    const pop = createPopover({
      preload: '/p.cjs',
      dev: false,
      platform: 'linux',
      url: 'app://headroom/index.html',
    });
    const win = m.windows[0] as FakeWindow;
    pop.show(null);
    expect(win.position).toEqual([1920 - 400 - 6, 38]);
    pop.hide();
    pop.show({ x: 1000, y: 0, width: 24, height: 24 });
    expect(win.position).toEqual([1012 - 200, 38]);
  });

  it('toggles, and a tray click right after a blur-hide does not reopen it', () => {
    const pop = createPopover({
      preload: '/p.cjs',
      dev: false,
      platform: 'win32',
      url: 'app://headroom/index.html',
    });
    const win = m.windows[0] as FakeWindow;
    pop.toggle(null);
    expect(win.visible).toBe(true);
    win.emit('blur'); // the click on the tray icon blurs the window first
    pop.toggle(null);
    expect(win.visible).toBe(false);
  });

  it('closing only hides it until quit allows the close', () => {
    const pop = createPopover({
      preload: '/p.cjs',
      dev: false,
      platform: 'linux',
      url: 'app://headroom/index.html',
    });
    const win = m.windows[0] as FakeWindow;
    pop.show(null);
    const event = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    win.emit('close', event);
    expect(event.prevented).toBe(true);
    expect(win.visible).toBe(false);
    pop.allowClose();
    const second = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    win.emit('close', second);
    expect(second.prevented).toBe(false);
  });
});

describe('hardening', () => {
  it('enables the sandbox for all renderers and hardens every webContents created later', () => {
    hardenApp();
    expect(m.state.sandbox).toBe(true);
    const contents = new m.FakeWebContents();
    m.appEvents.get('web-contents-created')?.({}, contents);
    expect(contents.openHandler).not.toBeNull();
  });

  it('denies navigation, redirects, webviews, new windows and every permission', () => {
    const contents = new m.FakeWebContents();
    hardenWebContents(contents as never);
    for (const event of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = {
        prevented: false,
        preventDefault() {
          this.prevented = true;
        },
      };
      contents.events.get(event)?.(e, 'https://evil.example/');
      expect(e.prevented, event).toBe(true);
    }
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read'])
      contents.permission?.({}, p, (ok) => answers.push(ok));
    expect(answers).toEqual([false, false, false, false]);
    expect(contents.check?.()).toBe(false);
    expect(contents.device?.()).toBe(false);
  });

  it('opens only allowed https documentation links in the system browser, still denying the window', () => {
    const contents = new m.FakeWebContents();
    hardenWebContents(contents as never);
    expect(contents.openHandler?.({ url: 'https://docs.voucherify.io/docs/limits' })).toEqual({
      action: 'deny',
    });
    contents.openHandler?.({ url: 'http://docs.voucherify.io/' });
    contents.openHandler?.({ url: 'file:///etc/passwd' });
    contents.openHandler?.({ url: 'https://docs.voucherify.io.evil.example/' });
    expect(m.opened).toEqual(['https://docs.voucherify.io/docs/limits']);
    expect(isAllowedExternal('https://user:pw@github.com/')).toBe(false);
  });
});
