// The popover: a frameless window shown at the tray, hidden on blur unless pinned. Locked down per
// Electron's security checklist: sandboxed renderer, context isolation, no Node, web security on,
// no devtools in production, navigation / new windows / webviews / permission requests denied.
import { app, BrowserWindow, screen, shell } from 'electron';
import type { BrowserWindowConstructorOptions, Rectangle, WebContents } from 'electron';
import { popoverPosition } from '../core/tray/position';

export const POPOVER_SIZE = { width: 400, height: 600 } as const;

export interface PopoverWindowConfig {
  /** Absolute path of the built preload (CommonJS: sandboxed preloads cannot be ES modules). */
  preload: string;
  /** Development: devtools allowed. */
  dev: boolean;
  platform: NodeJS.Platform;
  /**
   * Wayland: clients cannot read the pointer position or place windows, so the popover is not
   * positioned (the compositor places it, usually centred on the active output).
   */
  wayland?: boolean;
}

/** The BrowserWindow options, pure so tests can check every security flag. */
export function popoverWindowOptions(c: PopoverWindowConfig): BrowserWindowConstructorOptions {
  return {
    width: POPOVER_SIZE.width,
    height: POPOVER_SIZE.height,
    show: false,
    frame: false,
    resizable: false,
    movable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    skipTaskbar: true,
    alwaysOnTop: true,
    title: 'Headroom',
    webPreferences: {
      preload: c.preload,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: c.dev,
    },
  };
}

/** Hosts the popover may open in the system browser (documentation and the vendors' dashboards). */
const EXTERNAL_HOSTS = [
  'docs.voucherify.io',
  'app.voucherify.io',
  'www.voucherify.io',
  'www.zoho.com',
  'api-console.zoho.com',
  'github.com',
];

/** https links to the allowed hosts, nothing else (no file:, no custom schemes, no credentials). */
export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === 'https:' && u.username === '' && u.password === '' && EXTERNAL_HOSTS.includes(u.hostname)
    );
  } catch {
    return false;
  }
}

/** Applied to every webContents the app creates (see hardenApp). */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const ses = contents.session;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
}

/** Sandbox every renderer and harden every webContents, including any created later. */
export function hardenApp(): void {
  app.enableSandbox();
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

export interface Popover {
  readonly window: BrowserWindow;
  /** Tray click: show at the tray, or hide when showing. */
  toggle(trayBounds: Rectangle | null): void;
  show(trayBounds?: Rectangle | null): void;
  hide(): void;
  setPinned(pinned: boolean): void;
  send(channel: string, payload: unknown): void;
  /** Lets the window close for real (on quit); until then closing only hides it. */
  allowClose(): void;
  /**
   * No tray to open it from (Linux without a tray host): the window stays up when it loses focus and
   * is listed in the taskbar, like an ordinary window.
   */
  standalone(): void;
}

/** A blur right before a tray click is the same click: do not reopen what it just closed. */
const BLUR_CLICK_MS = 300;

export function createPopover(config: PopoverWindowConfig & { url: string }): Popover {
  const win = new BrowserWindow(popoverWindowOptions(config));
  let pinned = false;
  let closing = false;
  let lastTray: Rectangle | null = null;
  let hiddenByBlurAt = 0;

  void win.loadURL(config.url);
  win.on('blur', () => {
    if (pinned || !win.isVisible()) return;
    hiddenByBlurAt = Date.now();
    win.hide();
  });
  win.on('close', (event) => {
    if (!closing) {
      event.preventDefault();
      win.hide();
    }
  });

  function place(trayBounds: Rectangle | null): void {
    if (config.wayland) return;
    const anchor = trayBounds && trayBounds.width > 0 ? trayBounds : null;
    const point = anchor
      ? { x: Math.round(anchor.x + anchor.width / 2), y: Math.round(anchor.y + anchor.height / 2) }
      : screen.getCursorScreenPoint();
    const display = screen.getDisplayNearestPoint(point);
    const [width, height] = win.getSize();
    const { x, y } = popoverPosition({
      platform: config.platform,
      trayBounds: anchor,
      window: { width: width ?? POPOVER_SIZE.width, height: height ?? POPOVER_SIZE.height },
      workArea: display.workArea,
      displayBounds: display.bounds,
    });
    win.setPosition(x, y, false);
  }

  const popover: Popover = {
    window: win,
    toggle(trayBounds) {
      if (win.isVisible()) popover.hide();
      else if (Date.now() - hiddenByBlurAt > BLUR_CLICK_MS) popover.show(trayBounds);
    },
    show(trayBounds) {
      if (trayBounds !== undefined) lastTray = trayBounds;
      place(lastTray);
      win.show();
      win.focus();
    },
    hide() {
      win.hide();
    },
    setPinned(value) {
      pinned = value;
    },
    send(channel, payload) {
      if (!win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(channel, payload);
    },
    allowClose() {
      closing = true;
    },
    standalone() {
      pinned = true;
      win.setSkipTaskbar(false);
    },
  };
  return popover;
}
