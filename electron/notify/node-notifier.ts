// Delivery through node-notifier: `notify-send` on Linux (and the BSDs), SnoreToast on Windows with
// Headroom's appID, terminal-notifier on macOS (the Electron adapter is preferred there). No sound,
// no waiting for the user: the outcome is known as soon as the desktop accepted the notification.
// Windows: node-notifier's WindowsToaster reports only SnoreToast's exit code -1 as an error (and then
// calls back twice); a missing or blocked executable, or any other failure, reads as delivered. So
// Headroom runs node-notifier's bundled SnoreToast itself and judges its exit status.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import nodeNotifier from 'node-notifier';
import type { AlertMessage } from '../core/alerts/types';
import { notificationIconPath } from './icon';
import { settleWithin, type Notifier } from './notifier';

/** The Windows AppUserModelID (also the Electron app's). */
export const APP_ID = 'io.headroom.app';
export const APP_NAME = 'Headroom';
export const NO_DAEMON = 'no notification daemon answered: is a desktop session running?';

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_TITLE = 120;
const MAX_BODY = 600;

type Options = Record<string, string | number | boolean>;
type Callback = (err: unknown, response?: unknown) => void;

/** The slice of a node-notifier backend this adapter uses. */
export interface NotifyBackend {
  notify(options: Options, callback: Callback): unknown;
}

export interface NodeNotifierConfig {
  platform?: NodeJS.Platform;
  /** Give up and report failure when the backend has not answered by then. */
  timeoutMs?: number;
  /** Only for tests of the adapter's own logic; the app uses node-notifier's backend for the platform. */
  backend?: NotifyBackend;
  /** Headroom's icon (a PNG on disk); found by notificationIconPath() when not given, null for none. */
  icon?: string | null;
}

/** SnoreToast's exit statuses that mean the toast was shown (Success, Hidden, Dismissed, TimedOut, ButtonPressed, TextEntered). */
const SNORETOAST_SHOWN = new Set([0, 1, 2, 3, 4, 5]);

/** node-notifier's bundled SnoreToast; inside a packaged app it runs from app.asar.unpacked. */
export function snoreToastPath(arch: string = process.arch): string {
  const dir = dirname(createRequire(import.meta.url).resolve('node-notifier/package.json'));
  const exe = join(dir, 'vendor', 'snoreToast', `snoretoast-${arch === 'ia32' ? 'x86' : 'x64'}.exe`);
  return exe.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
}

/** SnoreToast's command line for node-notifier-style options (title, message, appID, sound). */
export function snoreToastArgs(options: Options): string[] {
  const args = ['-t', String(options.title), '-m', String(options.message)];
  if (options.appID) args.push('-appID', String(options.appID));
  if (options.icon) args.push('-p', String(options.icon));
  if (options.sound === false) args.push('-silent');
  return args;
}

/** Runs SnoreToast and reports anything but a shown toast as an error (exit status, spawn failure). */
export function snoreToastBackend(exe: string, run: typeof execFile = execFile): NotifyBackend {
  return {
    notify(options, callback) {
      return run(exe, snoreToastArgs(options), { windowsHide: true }, (error, _stdout, stderr) => {
        const code = (error as { code?: unknown } | null)?.code;
        if (!error || (typeof code === 'number' && SNORETOAST_SHOWN.has(code))) return callback(null);
        const detail = String(stderr ?? '').trim();
        const reason =
          typeof code === 'number' ? `SnoreToast exit status ${code}` : String(code ?? error.message);
        callback(new Error(detail ? `${reason}: ${detail}` : reason));
      });
    },
  };
}

function backendFor(platform: NodeJS.Platform): { name: string; backend: NotifyBackend } {
  // withFallback: on Windows older than 8, node-notifier falls back to balloons by itself.
  const options = { withFallback: true };
  const cast = (b: unknown) => b as NotifyBackend;
  if (platform === 'win32') return { name: 'windows-toaster', backend: snoreToastBackend(snoreToastPath()) };
  if (platform === 'darwin')
    return { name: 'notification-center', backend: cast(new nodeNotifier.NotificationCenter(options)) };
  return { name: 'notify-send', backend: cast(new nodeNotifier.NotifySend(options)) };
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g;

/** Text fit for a command line argument: no control characters, bounded, never read as an option. */
function clean(text: string, max: number): string {
  let t = text.replace(CONTROL, ' ').trim();
  if (t.length > max) t = `${t.slice(0, max - 1)}…`;
  // notify-send would take a leading "-" as an option; a Unicode hyphen reads the same.
  return t.replace(/^-/, '\u2010');
}

/** The node-notifier options for a message on a platform. Exported for tests. */
export function notifierOptions(
  msg: AlertMessage,
  platform: NodeJS.Platform,
  icon: string | null = null,
): Options {
  const title = clean(msg.title, MAX_TITLE) || APP_NAME;
  let body = clean(msg.body, MAX_BODY) || ' ';
  if (platform === 'win32') {
    return { title, message: body, appID: APP_ID, wait: false, sound: false, ...(icon ? { icon } : {}) };
  }
  if (platform === 'darwin') {
    return { title, message: body, wait: false, sound: false };
  }
  // notify-send reads backslash escapes in the body, and most daemons read body markup:
  // keep both literal.
  body = body.replace(/\\/g, '\\\\').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return {
    title,
    message: body,
    urgency: msg.urgency,
    // Seconds on screen; 0 keeps a breach up until dismissed.
    timeout: msg.urgency === 'critical' ? 0 : 10,
    'app-name': APP_NAME,
    wait: false,
    ...(icon ? { icon } : {}),
  };
}

/** Turns a backend error into one line a user can act on. Never echoes the command line. */
export function explainFailure(err: unknown, platform: NodeJS.Platform): string {
  const raw = err instanceof Error ? err.message : typeof err === 'string' ? err : 'unknown error';
  // exec errors read "Command failed: <the command line>\n<stderr>": keep only stderr.
  const lines = raw.split('\n').map((l) => l.trim());
  const detail = (raw.startsWith('Command failed') ? lines.slice(1) : lines)
    .filter(Boolean)
    .join(' ')
    .slice(0, 160);
  const code = (err as { code?: unknown } | null)?.code;
  if (platform !== 'win32' && platform !== 'darwin') {
    if (/must be installed|not found|ENOENT/i.test(raw) || code === 127 || code === 'ENOENT') {
      return 'notify-send is not installed: install libnotify-bin (Debian, Ubuntu) or libnotify (Fedora, Arch)';
    }
    if (
      /autolaunch|could not connect|failed to connect|ServiceUnknown|org\.freedesktop\.Notifications|NoReply|Timeout/i.test(
        raw,
      )
    ) {
      return detail ? `${NO_DAEMON} (${detail})` : NO_DAEMON;
    }
    return `notify-send failed${detail ? `: ${detail}` : ''}`;
  }
  if (platform === 'win32') return `Windows did not show the notification${detail ? `: ${detail}` : ''}`;
  return `macOS did not show the notification${detail ? `: ${detail}` : ''}`;
}

export function createNodeNotifier(config: NodeNotifierConfig = {}): Notifier {
  const platform = config.platform ?? process.platform;
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const chosen = config.backend ? { name: 'custom', backend: config.backend } : backendFor(platform);
  const icon = config.icon === undefined ? notificationIconPath() : config.icon;
  return {
    name: chosen.name,
    deliver(msg) {
      const options = notifierOptions(msg, platform, icon);
      return settleWithin(
        timeoutMs,
        `${NO_DAEMON} (no answer within ${Math.round(timeoutMs / 1000)} s)`,
        (err) => explainFailure(err, platform),
        (finish) =>
          chosen.backend.notify(options, (err) => {
            // node-notifier passes notify-send's (empty) stderr as `err` on success: only an Error is a failure.
            finish(
              err instanceof Error ? { ok: false, reason: explainFailure(err, platform) } : { ok: true },
            );
          }),
      );
    },
  };
}
