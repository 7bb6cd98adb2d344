// A recording stand-in for Electron's main-process API, for running the BUILT bundle
// (dist-electron/main.js) in plain Node. It records what reaches the tray, the window, the notifier
// and the OS, and it enforces the Electron rules the app must follow, as documented in electron.d.ts
// and Electron's source (shell/browser/api/*.cc), instead of accepting any call:
// - before `ready`: new BrowserWindow / Tray / Notification, `screen`, protocol.handle throw;
//   app.enableSandbox and protocol.registerSchemesAsPrivileged throw AFTER ready; safeStorage reports
//   no encryption and the backend 'unknown';
// - safeStorage on Linux per backend: gnome_libsecret (keyring), basic_text (available only after
//   setUsePlainTextEncryption(true)), unavailable (the keyring cannot be reached); encryptString throws
//   when encryption is not available, as Electron does;
// - Linux: Tray.getBounds is all zeros, setTitle does nothing, and with no tray host the icon is never
//   seen, so it cannot be clicked;
// - Wayland: the pointer position is unknown and windows cannot be placed (recorded as violations);
// - a sandboxed preload must be CommonJS and may require only what sandboxed preloads get
//   (electron's renderer modules, events, timers, url): the preload is really run, and its
//   `window.headroom` is what the test drives;
// - ipcMain.handle twice for one channel throws; IPC results are structured-cloned.
// The scenario comes from HEADROOM_STUB (JSON); the test drives the app through the process's IPC channel.
import { EventEmitter } from 'node:events';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import vm from 'node:vm';

const scenario = JSON.parse(process.env.HEADROOM_STUB ?? '{}');
const platform = process.platform;
const record = {
  events: [],
  violations: [],
  notifications: [],
  windows: [],
  trays: [],
  sent: [],
  errors: [],
};
let ready = false;
let sandboxAll = false;
const privileged = new Set();

const note = (type, detail = {}) => record.events.push({ type, ...detail });
const violate = (text) => record.violations.push(text);
function needReady(what) {
  if (!ready) {
    violate(`${what} before ready`);
    throw new Error(`${what} cannot be used before the app is ready`);
  }
}

// ---------------------------------------------------------------------------------------------- app
class App extends EventEmitter {
  constructor() {
    super();
    this.name = 'Electron';
    this.paths = { appData: scenario.appData, userData: `${scenario.appData}/Electron`, temp: '/tmp' };
    this.loginItem = { openAtLogin: false };
    this.readyPromise = new Promise((resolve) => (this.resolveReady = resolve));
  }
  get isPackaged() {
    return scenario.isPackaged === true;
  }
  setName(name) {
    this.name = name;
  }
  getName() {
    return this.name;
  }
  getVersion() {
    return '0.1.0';
  }
  // Chromium's application locale (l10n_util), which the renderer's Intl uses. Electron's docs:
  // "This API must be called after the ready event is emitted."
  getLocale() {
    needReady('app.getLocale');
    return scenario.locale ?? 'en-US';
  }
  getPath(name) {
    if (!(name in this.paths)) throw new Error(`Failed to get '${name}' path`);
    return this.paths[name];
  }
  setPath(name, path) {
    if (name === 'userData' && ready) violate('app.setPath(userData) after ready');
    this.paths[name] = path;
  }
  setAppUserModelId(id) {
    note('app.setAppUserModelId', { id });
  }
  enableSandbox() {
    if (ready) {
      violate('app.enableSandbox after ready');
      throw new Error('app.enableSandbox() can only be called before app is ready');
    }
    sandboxAll = true;
  }
  requestSingleInstanceLock() {
    return scenario.lock !== false;
  }
  whenReady() {
    return this.readyPromise;
  }
  isReady() {
    return ready;
  }
  quit() {
    note('app.quit');
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    for (const w of BrowserWindow.all) if (!w.destroyed) w.close();
    const willQuit = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('will-quit', willQuit);
    if (willQuit.defaultPrevented) return;
    this.emit('quit', {}, 0);
    finish(0);
  }
  exit(code = 0) {
    note('app.exit', { code });
    finish(code);
  }
  getLoginItemSettings() {
    if (platform === 'linux') violate('app.getLoginItemSettings on Linux (macOS and Windows only)');
    return { ...this.loginItem };
  }
  setLoginItemSettings(settings) {
    if (platform === 'linux') violate('app.setLoginItemSettings on Linux (macOS and Windows only)');
    if ('openAsHidden' in settings) violate('openAsHidden is deprecated');
    note('app.setLoginItemSettings', { settings });
    this.loginItem = { ...this.loginItem, ...settings };
  }
  get dock() {
    return platform === 'darwin' ? { hide: () => note('dock.hide') } : undefined;
  }
}
export const app = new App();

function finish(code) {
  note('exit', { code });
  send({ kind: 'exit', code, record });
  // Electron ends the process when the app quits, whatever handles are still open.
  setImmediate(() => process.exit(code));
}

// -------------------------------------------------------------------------------------- safeStorage
// gnome_libsecret: a keyring answered; basic_text: no keyring (Electron's hard-coded key);
// unavailable: gnome_libsecret was chosen but the keyring could not be reached.
const backend = scenario.backend ?? 'gnome_libsecret';
let plainText = false;
const keyringOk = backend === 'gnome_libsecret';
function encryptionAvailable() {
  if (!ready) return false;
  if (platform !== 'linux') return true;
  return keyringOk || (plainText && backend === 'basic_text');
}
export const safeStorage = {
  isEncryptionAvailable: () => encryptionAvailable(),
  setUsePlainTextEncryption(v) {
    note('safeStorage.setUsePlainTextEncryption', { v });
    plainText = v;
  },
  getSelectedStorageBackend() {
    if (!ready) return 'unknown';
    return backend === 'unavailable' ? 'gnome_libsecret' : backend;
  },
  encryptString(text) {
    if (!encryptionAvailable())
      throw new Error(
        'Error while encrypting the text provided to safeStorage.encryptString. Encryption is not available.',
      );
    return Buffer.concat([Buffer.from('v11'), Buffer.from(text, 'utf8').map((b) => b ^ 0x5c)]);
  },
  decryptString(buf) {
    if (!encryptionAvailable())
      throw new Error(
        'Error while decrypting the ciphertext provided to safeStorage.decryptString. Decryption is not available.',
      );
    if (buf.subarray(0, 3).toString() !== 'v11')
      throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(buf.subarray(3).map((b) => b ^ 0x5c)).toString('utf8');
  },
};

// ------------------------------------------------------------------------------------------- screen
const wayland = scenario.wayland === true;
const DISPLAY = {
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 32, width: 1920, height: 1048 },
  scaleFactor: 1,
};
export const screen = {
  getCursorScreenPoint() {
    needReady("The 'screen' module");
    if (wayland) violate('screen.getCursorScreenPoint on Wayland (the pointer position is not known there)');
    return { x: 1800, y: 10 };
  },
  getDisplayNearestPoint() {
    needReady("The 'screen' module");
    return DISPLAY;
  },
  getPrimaryDisplay() {
    needReady("The 'screen' module");
    return DISPLAY;
  },
  getDisplayMatching() {
    needReady("The 'screen' module");
    return DISPLAY;
  },
};

// -------------------------------------------------------------------------------------- nativeImage
class NativeImage {
  constructor(buffer, scale) {
    this.reps = [{ scale, size: buffer.length, png: buffer.subarray(1, 4).toString() === 'PNG' }];
    this.template = false;
  }
  addRepresentation({ scaleFactor, buffer }) {
    this.reps.push({
      scale: scaleFactor,
      size: buffer.length,
      png: buffer.subarray(1, 4).toString() === 'PNG',
    });
  }
  setTemplateImage(v) {
    this.template = v;
  }
  isEmpty() {
    return this.reps.length === 0;
  }
}
export const nativeImage = {
  createFromBuffer: (buffer, options = {}) => new NativeImage(buffer, options.scaleFactor ?? 1),
  createEmpty: () => new NativeImage(Buffer.alloc(0), 1),
};

// --------------------------------------------------------------------------------------------- Menu
export class Menu {
  constructor(items) {
    this.items = items;
  }
  static buildFromTemplate(template) {
    const walk = (items) =>
      items.map((i) => {
        if (i.click !== undefined && typeof i.click !== 'function')
          throw new TypeError('click must be a function');
        return { ...i, submenu: i.submenu ? walk(i.submenu) : undefined };
      });
    return new Menu(walk(template));
  }
}
const describeMenu = (items) =>
  items.map((i) => ({
    id: i.id,
    type: i.type ?? (i.submenu ? 'submenu' : 'normal'),
    label: i.label,
    enabled: i.enabled !== false,
    ...(i.submenu ? { submenu: describeMenu(i.submenu) } : {}),
  }));

// --------------------------------------------------------------------------------------------- Tray
const trayHost = platform !== 'linux' || scenario.trayHost !== false;
export class Tray extends EventEmitter {
  constructor(image) {
    super();
    needReady('new Tray');
    this.index = record.trays.length;
    this.menu = null;
    this.state = {
      image: image.reps,
      tooltip: '',
      title: '',
      menu: null,
      destroyed: false,
      visible: trayHost,
      tooltips: [],
    };
    record.trays.push(this.state);
    note('tray.new', { visible: trayHost });
  }
  setImage(image) {
    this.state.image = image.reps;
  }
  setToolTip(text) {
    this.state.tooltip = text;
    this.state.tooltips.push(text);
  }
  setTitle(title) {
    // macOS only; elsewhere Electron ignores it.
    if (platform === 'darwin') this.state.title = title;
  }
  setContextMenu(menu) {
    this.menu = menu;
    this.state.menu = describeMenu(menu.items);
  }
  popUpContextMenu(menu) {
    note('tray.popUpContextMenu', { menu: describeMenu((menu ?? this.menu).items) });
  }
  setIgnoreDoubleClickEvents() {
    if (platform !== 'darwin') violate('tray.setIgnoreDoubleClickEvents is macOS only');
  }
  getBounds() {
    return platform === 'linux'
      ? { x: 0, y: 0, width: 0, height: 0 }
      : { x: 1800, y: 0, width: 24, height: 24 };
  }
  destroy() {
    this.state.destroyed = true;
  }
  isDestroyed() {
    return this.state.destroyed;
  }
}

// --------------------------------------------------------------------------------------- protocol
const handlers = new Map();
export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    if (ready) {
      violate('protocol.registerSchemesAsPrivileged after ready');
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    }
    for (const s of schemes) privileged.add(s.scheme);
  },
  handle(scheme, handler) {
    needReady('protocol.handle');
    if (handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    handlers.set(scheme, handler);
  },
};
async function fetchThroughProtocol(url) {
  const scheme = new URL(url).protocol.slice(0, -1);
  const handler = handlers.get(scheme);
  if (!handler) return { status: 'unhandled' };
  if (!privileged.has(scheme)) violate(`${scheme}: served without being registered as privileged`);
  const response = await handler(new Request(url));
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    length: body.length,
    text: body.toString('utf8').slice(0, 2000),
  };
}

// ---------------------------------------------------------------------------------------- ipcMain
const invokeHandlers = new Map();
export const ipcMain = Object.assign(new EventEmitter(), {
  handle(channel, fn) {
    if (invokeHandlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    invokeHandlers.set(channel, fn);
  },
  removeHandler(channel) {
    invokeHandlers.delete(channel);
  },
});

// ------------------------------------------------------------------------------------ BrowserWindow
class Session {
  setPermissionRequestHandler(fn) {
    this.permissionRequest = fn;
  }
  setPermissionCheckHandler(fn) {
    this.permissionCheck = fn;
  }
  setDevicePermissionHandler(fn) {
    this.devicePermission = fn;
  }
}
const SANDBOX_MODULES = new Set(['electron', 'events', 'timers', 'url']);
class WebContents extends EventEmitter {
  constructor(win) {
    super();
    this.win = win;
    this.session = new Session();
    this.url = '';
    this.listeners = new Map();
    this.world = {};
  }
  setWindowOpenHandler(fn) {
    this.windowOpenHandler = fn;
  }
  send(channel, payload) {
    structuredClone(payload);
    record.sent.push({
      channel,
      revision: payload?.revision ?? null,
      payload: channel === 'headroom:state' ? null : payload,
    });
    for (const l of this.listeners.get(channel) ?? []) l({ sender: null }, payload);
  }
  isDestroyed() {
    return this.win.destroyed;
  }
  getURL() {
    return this.url;
  }
  runPreload(file) {
    loadPreload(this, file);
  }
}
/** Runs the preload as Electron's sandboxed renderer would, giving it the renderer's electron API. */
function loadPreload(contents, file) {
  const sandboxed = contents.win.state.webPreferences.sandbox !== false || sandboxAll;
  if (sandboxed && extname(file) === '.mjs') {
    violate(`sandboxed preload ${file} is an ES module; Electron cannot load it`);
    return;
  }
  const source = readFileSync(file, 'utf8');
  if (sandboxed && /^\s*(import\s|export\s)/m.test(source)) {
    violate(`sandboxed preload ${file} uses ES module syntax; Electron cannot load it`);
    return;
  }
  const ipcRenderer = {
    invoke(channel, payload) {
      const handler = invokeHandlers.get(channel);
      if (!handler)
        return Promise.reject(
          new Error(
            `Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`,
          ),
        );
      const event = {
        sender: contents,
        senderFrame: { url: contents.url, parent: null, origin: new URL(contents.url).origin },
      };
      return Promise.resolve()
        .then(() => handler(event, structuredClone(payload)))
        .then((r) => structuredClone(r))
        .catch((err) => {
          throw new Error(`Error invoking remote method '${channel}': ${err}`);
        });
    },
    on(channel, fn) {
      const list = contents.listeners.get(channel) ?? [];
      list.push(fn);
      contents.listeners.set(channel, list);
    },
    removeListener(channel, fn) {
      contents.listeners.set(
        channel,
        (contents.listeners.get(channel) ?? []).filter((f) => f !== fn),
      );
    },
  };
  const electronRenderer = {
    contextBridge: {
      exposeInMainWorld(key, api) {
        contents.world[key] = api;
      },
    },
    ipcRenderer,
  };
  const requireInSandbox = (name) => {
    if (!sandboxed) return name === 'electron' ? electronRenderer : undefined;
    if (!SANDBOX_MODULES.has(name)) {
      violate(`sandboxed preload requires '${name}', which sandboxed preloads cannot load`);
      throw new Error(`module not found: ${name}`);
    }
    return name === 'electron' ? electronRenderer : undefined;
  };
  const module = { exports: {} };
  vm.runInNewContext(
    source,
    { require: requireInSandbox, module, exports: module.exports, console },
    { filename: file },
  );
  contents.win.state.exposed = Object.keys(contents.world);
}

export class BrowserWindow extends EventEmitter {
  static all = [];
  constructor(options = {}) {
    super();
    needReady('new BrowserWindow');
    this.destroyed = false;
    this.visible = options.show !== false;
    this.size = [options.width ?? 800, options.height ?? 600];
    this.state = {
      options: { ...options, webPreferences: undefined },
      webPreferences: { ...options.webPreferences },
      url: null,
      load: null,
      shows: 0,
      positions: [],
      skipTaskbar: options.skipTaskbar === true,
      visible: this.visible,
    };
    record.windows.push(this.state);
    this.webContents = new WebContents(this);
    BrowserWindow.all.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  async loadURL(url) {
    this.state.url = url;
    this.webContents.url = url;
    if (url.startsWith('http')) this.state.load = { status: 'remote' };
    else this.state.load = await fetchThroughProtocol(url);
    const preload = this.state.webPreferences.preload;
    if (preload) this.webContents.runPreload(preload);
  }
  isVisible() {
    return this.visible;
  }
  show() {
    this.visible = true;
    this.state.visible = true;
    this.state.shows++;
  }
  hide() {
    this.visible = false;
    this.state.visible = false;
  }
  focus() {}
  close() {
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.destroyed = true;
    this.state.closed = true;
    this.emit('closed');
  }
  isDestroyed() {
    return this.destroyed;
  }
  getSize() {
    return [...this.size];
  }
  setPosition(x, y) {
    if (wayland) violate('BrowserWindow.setPosition on Wayland (clients cannot place windows)');
    this.state.positions.push([x, y]);
  }
  setSkipTaskbar(v) {
    this.state.skipTaskbar = v;
  }
}

// ------------------------------------------------------------------------------------- Notification
export class Notification extends EventEmitter {
  static isSupported() {
    return true;
  }
  constructor(options) {
    super();
    needReady('new Notification');
    this.options = options;
  }
  show() {
    this.index = record.notifications.length;
    record.notifications.push({
      title: this.options.title,
      body: this.options.body,
      urgency: this.options.urgency ?? null,
    });
    live.set(this.index, this);
    setImmediate(() => this.emit('show', {}));
  }
  close() {
    this.emit('close', {});
  }
}
const live = new Map();

// -------------------------------------------------------------------------------------- the rest
export const dialog = {
  showErrorBox(title, content) {
    record.errors.push({ title, content });
  },
};
export const shell = {
  openExternal: async (url) => note('shell.openExternal', { url }),
};

const electron = {
  app,
  BrowserWindow,
  Menu,
  Notification,
  Tray,
  dialog,
  ipcMain,
  nativeImage,
  protocol,
  safeStorage,
  screen,
  shell,
};
export default electron;

// ------------------------------------------------------------------------- the test's remote control
function send(message) {
  if (process.send && process.connected) process.send(JSON.parse(JSON.stringify(message)));
}
function menuItem(items, path) {
  let list = items;
  let item;
  for (const id of path) {
    item = list.find((i) => i.id === id);
    if (!item) return null;
    list = item.submenu ?? [];
  }
  return item;
}
const commands = {
  record: () => record,
  trayClick: () => {
    const tray = Tray.last;
    if (!tray) throw new Error('no tray');
    if (!tray.state.visible) throw new Error('the tray icon is not visible: there is no tray host to click');
    tray.emit('click', {}, tray.getBounds());
  },
  menu: ({ path }) => {
    const tray = Tray.last;
    if (!tray?.menu) throw new Error('no tray menu');
    const item = menuItem(tray.menu.items, path);
    if (!item) throw new Error(`no menu item ${path.join(' > ')}`);
    if (item.enabled === false) throw new Error(`menu item ${path.join(' > ')} is disabled`);
    item.click?.(item, undefined, {});
  },
  invoke: async ({ method, args = [] }) => {
    const win = BrowserWindow.all[0];
    const api = win?.webContents.world.headroom;
    if (!api) throw new Error('window.headroom is missing: the preload did not run');
    return api[method](...args);
  },
  fetch: ({ url }) => fetchThroughProtocol(url),
  notificationClick: ({ index }) => {
    const n = live.get(index);
    if (!n) throw new Error(`no notification ${index}`);
    n.emit('click', {});
  },
  secondInstance: () => app.emit('second-instance', {}, [], process.cwd()),
  quit: () => app.quit(),
};
const trayInit = Tray.prototype.setToolTip;
Tray.prototype.setToolTip = function (text) {
  Tray.last = this;
  trayInit.call(this, text);
};
process.on('message', async ({ id, cmd, ...args }) => {
  try {
    const result = await commands[cmd](args);
    send({ kind: 'reply', id, ok: true, result: result ?? null });
  } catch (err) {
    send({ kind: 'reply', id, ok: false, error: err instanceof Error ? err.message : String(err) });
  }
});
process.on('uncaughtException', (err) => {
  record.violations.push(`uncaught exception: ${err.stack ?? err}`);
  send({ kind: 'crash', error: String(err.stack ?? err), record });
  process.exit(70);
});
process.on('unhandledRejection', (err) => {
  record.violations.push(`unhandled rejection: ${err instanceof Error ? err.stack : String(err)}`);
});

// `ready` comes after the app's module has run its top level, as in Electron.
setTimeout(() => {
  app.emit('will-finish-launching');
  ready = true;
  app.resolveReady();
  app.emit('ready', {}, {});
  send({ kind: 'ready' });
}, 0);
