// The composition root (electron/main.ts) under a fake Electron: it takes the single-instance lock,
// on ready builds the stores, the vault, the service (which starts the demo simulator in-process),
// the popover, the IPC handlers and the tray; a second launch opens the popover; quitting stops the
// service, flushes state to state.json and lets the window close. Only Electron itself is faked;
// the service, stores (conf), vault file, simulator and tray models are the real ones.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { AppState } from '../../electron/ipc/contract';

const f = vi.hoisted(() => {
  const userData = `${process.env.TMPDIR ?? '/tmp'}/headroom-main-${process.pid}-${Date.now()}`;
  return {
    userData,
    appEvents: new Map<string, ((...args: unknown[]) => void)[]>(),
    readyResolve: null as null | (() => void),
    quitCalls: 0,
    exitCalls: [] as number[],
    errorBoxes: [] as string[],
    sandbox: false,
    schemes: [] as unknown[],
    handlers: new Map<string, (event: unknown, payload?: unknown) => Promise<unknown>>(),
    trays: [] as {
      tooltip: string;
      tooltips: string[];
      menus: { template: { id?: string; label?: string }[] }[];
      destroyed: boolean;
    }[],
    windows: [] as {
      visible: boolean;
      url: string;
      options: Record<string, unknown>;
      sent: [string, unknown][];
      emit(e: string, ...a: unknown[]): boolean;
    }[],
    lock: true,
  };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const on = (event: string, fn: (...args: unknown[]) => void) => {
    const list = f.appEvents.get(event) ?? [];
    list.push(fn);
    f.appEvents.set(event, list);
  };
  const ready = new Promise<void>((resolve) => (f.readyResolve = resolve));
  const app = {
    setName: () => undefined,
    setPath: (_name: string, _path: string) => undefined,
    getPath: (name: string) => (name === 'appData' ? f.userData : f.userData),
    getVersion: () => '0.1.0-test',
    getLocale: () => 'en-US',
    setAppUserModelId: () => undefined,
    enableSandbox: () => (f.sandbox = true),
    requestSingleInstanceLock: () => f.lock,
    on,
    whenReady: () => ready,
    quit: () => {
      f.quitCalls++;
      const event = {
        defaultPrevented: false,
        preventDefault() {
          this.defaultPrevented = true;
        },
      };
      for (const fn of f.appEvents.get('before-quit') ?? []) fn(event);
    },
    exit: (code: number) => f.exitCalls.push(code),
    setLoginItemSettings: () => undefined,
    dock: undefined,
  };
  class WebContents extends Emitter {
    sent: [string, unknown][] = [];
    session = {
      setPermissionRequestHandler() {},
      setPermissionCheckHandler() {},
      setDevicePermissionHandler() {},
    };
    setWindowOpenHandler() {}
    send(channel: string, payload: unknown) {
      this.sent.push([channel, payload]);
    }
    isDestroyed() {
      return false;
    }
  }
  class BrowserWindow extends Emitter {
    webContents = new WebContents();
    visible = false;
    url = '';
    get sent() {
      return this.webContents.sent;
    }
    constructor(public options: Record<string, unknown>) {
      super();
      f.windows.push(this);
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
    setPosition() {}
    setSkipTaskbar() {}
  }
  class Tray {
    tooltip = '';
    tooltips: string[] = [];
    menus: { template: { id?: string; label?: string }[] }[] = [];
    destroyed = false;
    constructor() {
      f.trays.push(this);
    }
    setImage() {}
    setToolTip(t: string) {
      this.tooltip = t;
      this.tooltips.push(t);
    }
    setTitle() {}
    setContextMenu(m: { template: { id?: string; label?: string }[] }) {
      this.menus.push(m);
    }
    setIgnoreDoubleClickEvents() {}
    popUpContextMenu() {}
    on() {}
    getBounds() {
      return { x: 0, y: 0, width: 0, height: 0 };
    }
    destroy() {
      this.destroyed = true;
    }
  }
  const image = () => ({ addRepresentation() {}, setTemplateImage() {} });
  return {
    app,
    BrowserWindow,
    Tray,
    Menu: { buildFromTemplate: (template: unknown[]) => ({ template }) },
    nativeImage: { createFromBuffer: image },
    dialog: { showErrorBox: (_t: string, m: string) => f.errorBoxes.push(m) },
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (s: string) => Buffer.from(s, 'utf8').map((b) => b ^ 0x33),
      decryptString: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x33)).toString('utf8'),
      getSelectedStorageBackend: () => 'gnome_libsecret',
    },
    screen: {
      getCursorScreenPoint: () => ({ x: 0, y: 0 }),
      getDisplayNearestPoint: () => ({
        bounds: { x: 0, y: 0, width: 1920, height: 1080 },
        workArea: { x: 0, y: 32, width: 1920, height: 1048 },
      }),
    },
    shell: { openExternal: async () => undefined },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => f.schemes.push(...s),
      handle: () => undefined,
    },
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, payload?: unknown) => Promise<unknown>) =>
        f.handlers.set(channel, fn),
      removeHandler: (channel: string) => f.handlers.delete(channel),
    },
    Notification: Object.assign(class {}, { isSupported: () => false }),
  };
});

const xdg = mkdtempSync(join(tmpdir(), 'headroom-xdg-'));
process.env.XDG_CONFIG_HOME = xdg;
delete process.env.VITE_DEV_SERVER_URL;
afterAll(() => {
  rmSync(f.userData, { recursive: true, force: true });
  rmSync(xdg, { recursive: true, force: true });
});

async function until<T>(fn: () => T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('electron/main.ts', () => {
  it('wires the app: demo in the tray, IPC answering the app window, clean quit', async () => {
    await import('../../electron/main');
    // Before ready: scheme registered, sandbox on, single-instance lock taken.
    expect(f.schemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(f.sandbox).toBe(true);
    expect(f.appEvents.has('second-instance')).toBe(true);

    f.readyResolve?.();
    // The tray shows at once, in a loading look, while the service starts and the demo replays.
    const tray = await until(() => ((f.trays[0]?.menus.length ?? 0) > 1 ? f.trays[0] : undefined));
    expect(tray.tooltips[0]).toBe('Headroom: loading…');
    expect(tray.menus[0]?.template.map((i) => i.id)).toEqual(['loading', undefined, 'open', 'quit']);
    expect(f.errorBoxes).toEqual([]);
    // The demo projects show, clearly labelled (Voucherify and Zoho; the worst goes first).
    expect(tray.tooltip).toMatch(/^Headroom \(demo data\)\n/);
    expect(tray.tooltip).toMatch(/\nDemo project \(demo\): /);
    expect(tray.tooltip).toMatch(/\nDemo Zoho CRM org \(demo\): /);
    const menu = tray.menus.at(-1)!.template;
    expect(menu[0]?.label).toMatch(/^Headroom demo \(simulated data\)/);
    expect(menu.some((i) => i.id === 'open')).toBe(true);

    // The popover loads the app over app:// with the security flags.
    const win = f.windows[0]!;
    expect(win.url).toBe('app://headroom/index.html');
    expect(win.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(String((win.options.webPreferences as { preload: string }).preload)).toMatch(/preload\.cjs$/);

    // States reach the window as they are published.
    expect(win.sent.some(([channel, s]) => channel === 'headroom:state' && (s as AppState).demo)).toBe(true);

    // IPC answers the app's own frame, refuses others.
    const trusted = { senderFrame: { url: 'app://headroom/index.html', parent: null } };
    const state = (await f.handlers.get('headroom:get-state')!(trusted)) as AppState;
    expect(state.demo).toBe(true);
    expect(state.keys[0]?.maskedCredentials).not.toMatch(/[A-Za-z0-9]{16,}/); // no token in the view
    await expect(
      f.handlers.get('headroom:get-state')!({ senderFrame: { url: 'https://evil.example/', parent: null } }),
    ).rejects.toThrow(/not from the Headroom window/);

    // A second launch opens the popover.
    f.appEvents.get('second-instance')?.[0]?.();
    expect(win.visible).toBe(true);

    // Quit: service stopped and state flushed, tray removed, window allowed to close, app quits.
    const quitsBefore = f.quitCalls;
    f.appEvents.get('before-quit')?.[0]?.({ preventDefault() {} });
    await until(() => (f.quitCalls > quitsBefore ? true : undefined));
    expect(tray.destroyed).toBe(true);
    expect(existsSync(join(f.userData, 'state.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(f.userData, 'state.json'), 'utf8'))).toMatchObject({
      schemaVersion: 1,
    });
    const closing = {
      prevented: false,
      preventDefault() {
        this.prevented = true;
      },
    };
    win.emit('close', closing);
    expect(closing.prevented).toBe(false);
    expect(f.exitCalls).toEqual([]);
    // The log is written, and holds no token value.
    const log = readFileSync(join(f.userData, 'logs', 'headroom.log'), 'utf8');
    expect(log).toMatch(/"msg":"started"/);
    expect(log).not.toMatch(/"token":"(?!\[redacted\])/);
  }, 60_000);
});
