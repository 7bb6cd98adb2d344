// Runs a built Headroom (dist-electron/main.js from the project, or from the packaged tree) in plain
// Node with `electron` resolved to the recording stub (stub/electron.mjs), and drives it as a user
// would: tray clicks, menu items, the popover's own preload API, app:// requests, notification clicks,
// quit. Commands go over the child's IPC channel; every run is bounded in time and killed if it hangs.
import { fork, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REGISTER = fileURLToPath(new URL('./stub/register.mjs', import.meta.url));

export interface Scenario {
  /** Linux safeStorage backend: a keyring, none (basic_text), or a keyring that cannot be reached. */
  backend?: 'gnome_libsecret' | 'basic_text' | 'unavailable';
  /** Linux: whether a StatusNotifierWatcher owns its name on the session bus. */
  trayHost?: boolean;
  wayland?: boolean;
  isPackaged?: boolean;
  /** Another OS for process.platform (the app's code paths for it; the programs it runs are still Linux's). */
  platform?: 'win32';
  /** notify-send's exit status (0: shown; 1: no daemon answered). */
  notifySend?: number;
  /** Chromium's application locale, as app.getLocale() gives it (default en-US). */
  locale?: string;
  env?: Record<string, string>;
  argv?: string[];
}

export interface Recording {
  events: { type: string; [k: string]: unknown }[];
  violations: string[];
  notifications: { title: string; body: string; urgency: string | null }[];
  windows: {
    options: Record<string, unknown>;
    webPreferences: Record<string, unknown>;
    url: string | null;
    load: { status: number | string; headers?: Record<string, string>; length?: number } | null;
    shows: number;
    positions: [number, number][];
    skipTaskbar: boolean;
    visible: boolean;
    closed?: boolean;
  }[];
  trays: {
    tooltip: string;
    tooltips: string[];
    visible: boolean;
    destroyed: boolean;
    image: { scale: number; png: boolean }[];
    menu: MenuEntry[] | null;
  }[];
  sent: { channel: string; revision: number | null; payload: unknown }[];
  errors: { title: string; content: string }[];
}
export interface MenuEntry {
  id?: string;
  type: string;
  label?: string;
  enabled: boolean;
  submenu?: MenuEntry[];
}

export interface RunningApp {
  home: string;
  /** The arguments notify-send was called with, one call per array. */
  notifySendCalls(): string[][];
  command<T = unknown>(cmd: string, args?: Record<string, unknown>): Promise<T>;
  record(): Promise<Recording>;
  /** Waits until `test` passes on a fresh recording (polling; bounded by `ms`). */
  until(test: (r: Recording) => boolean, what: string, ms?: number): Promise<Recording>;
  quit(): Promise<{ code: number | null; record: Recording | null }>;
  kill(): void;
  output(): string;
}

/** Writes small executables that stand in for notify-send and dbus-send, recording their arguments. */
function fakeBin(dir: string, s: Scenario): string {
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  const script = (name: string, body: string) => {
    writeFileSync(join(bin, name), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, name), 0o755);
  };
  script(
    'notify-send',
    `printf '%s\\036' "$@" >> "${join(dir, 'notify-send.log')}"; printf '\\n' >> "${join(dir, 'notify-send.log')}"\n` +
      (s.notifySend
        ? `echo 'GDBus.Error: Could not connect: No such file or directory' >&2; exit ${s.notifySend}`
        : 'exit 0'),
  );
  script('dbus-send', `echo '   boolean ${s.trayHost === false ? 'false' : 'true'}'`);
  return bin;
}

export async function launch(mainJs: string, s: Scenario = {}, timeoutMs = 60_000): Promise<RunningApp> {
  const home = mkdtempSync(join(tmpdir(), 'headroom-launch-'));
  const bin = fakeBin(home, s);
  const appData = join(home, 'config');
  mkdirSync(appData, { recursive: true });
  const env: Record<string, string> = {
    PATH: `${bin}:${process.env.PATH ?? '/usr/bin:/bin'}`,
    HOME: home,
    XDG_CONFIG_HOME: appData,
    TMPDIR: process.env.TMPDIR ?? tmpdir(),
    LANG: 'C.UTF-8',
    HEADROOM_STUB: JSON.stringify({
      appData,
      backend: s.backend ?? 'gnome_libsecret',
      trayHost: s.trayHost !== false,
      wayland: s.wayland === true,
      isPackaged: s.isPackaged === true,
      ...(s.platform ? { platform: s.platform } : {}),
      ...(s.locale ? { locale: s.locale } : {}),
    }),
    ...(s.wayland
      ? { XDG_SESSION_TYPE: 'wayland', WAYLAND_DISPLAY: 'wayland-0' }
      : { XDG_SESSION_TYPE: 'x11', DISPLAY: ':0' }),
    ...s.env,
  };
  let out = '';
  const child: ChildProcess = fork(mainJs, s.argv ?? [], {
    execArgv: ['--import', REGISTER],
    cwd: home,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.stdout?.on('data', (d) => (out += String(d)));
  child.stderr?.on('data', (d) => (out += String(d)));
  const guard = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  let nextId = 0;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let exitInfo: { code: number | null; record: Recording | null } | null = null;
  const exited = new Promise<{ code: number | null; record: Recording | null }>((resolve) => {
    child.on(
      'message',
      (m: {
        kind: string;
        id?: number;
        ok?: boolean;
        result?: unknown;
        error?: string;
        code?: number;
        record?: Recording;
      }) => {
        if (m.kind === 'reply' && m.id !== undefined) {
          const p = pending.get(m.id);
          pending.delete(m.id);
          if (m.ok) p?.resolve(m.result);
          else p?.reject(new Error(m.error));
        }
        if (m.kind === 'exit' || m.kind === 'crash')
          exitInfo = { code: m.code ?? 70, record: m.record ?? null };
      },
    );
    child.on('exit', (code) => {
      clearTimeout(guard);
      for (const p of pending.values())
        p.reject(new Error(`the app exited (${code}) before answering:\n${out}`));
      pending.clear();
      resolve({ code, record: exitInfo?.record ?? null });
    });
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (m: { kind: string }) => m.kind === 'ready' && resolve());
    child.on('exit', (code) => reject(new Error(`the app exited (${code}) before ready:\n${out}`)));
  });
  await ready;

  const command = <T>(cmd: string, args: Record<string, unknown> = {}) =>
    new Promise<T>((resolve, reject) => {
      if (!child.connected) return reject(new Error(`the app is gone:\n${out}`));
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.send({ id, cmd, ...args });
    });
  const record = () => command<Recording>('record');
  return {
    home,
    notifySendCalls: () => {
      try {
        return readFileSync(join(home, 'notify-send.log'), 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => l.split('\u001e').filter(Boolean));
      } catch {
        return [];
      }
    },
    command,
    record,
    async until(test, what, ms = 30_000) {
      const end = Date.now() + ms;
      for (;;) {
        const r = await record();
        if (test(r)) return r;
        if (Date.now() > end)
          throw new Error(`timed out waiting for ${what}; violations: ${r.violations.join('; ')}\n${out}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async quit() {
      void command('quit').catch(() => undefined);
      const result = await exited;
      rmSync(home, { recursive: true, force: true });
      return result;
    },
    kill() {
      child.kill('SIGKILL');
      rmSync(home, { recursive: true, force: true });
    },
    output: () => out,
  };
}
