// Opens the page in the user's browser when there is one to open: not with BROWSER=none, not on a
// Linux box without a display (a server, SSH, CI). BROWSER may also name the browser to use.
import { spawn } from 'node:child_process';

export function browserCommand(
  url: string,
  platform: NodeJS.Platform,
  env: Readonly<Record<string, string | undefined>>,
): { command: string; args: string[] } | null {
  const chosen = env.BROWSER?.trim();
  if (chosen === 'none') return null;
  const hasDisplay =
    platform === 'darwin' || platform === 'win32' || Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
  if (!hasDisplay) return null;
  if (chosen) return { command: chosen, args: [url] };
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // `start` is a cmd built-in; the empty title keeps a quoted URL from being read as one.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  return { command: 'xdg-open', args: [url] };
}

/** Best effort: a missing opener is not an error, the address is printed anyway. */
export function openBrowser(url: string, platform = process.platform, env = process.env): boolean {
  const cmd = browserCommand(url, platform, env);
  if (!cmd) return false;
  try {
    const child = spawn(cmd.command, cmd.args, { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
}
