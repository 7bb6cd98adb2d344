// Windows toasts: SnoreToast's exit status decides whether a notification counts as shown. node-notifier's
// WindowsToaster passed most failures off as delivered, so a failed alert was never retried and Electron's
// Notification fallback never ran. Real child processes stand in for SnoreToast here.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../electron/core/alerts/types';
import {
  createNodeNotifier,
  snoreToastArgs,
  snoreToastBackend,
  snoreToastPath,
} from '../../electron/notify/node-notifier';
import { fallbackNotifier, type Notifier } from '../../electron/notify/notifier';

const dir = mkdtempSync(join(tmpdir(), 'headroom-snoretoast-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in SnoreToast that records its arguments and exits with `code` (after printing `stderr`). */
function fakeToast(name: string, code: number, stderr = ''): string {
  const file = join(dir, name);
  writeFileSync(
    file,
    `#!/bin/sh\nprintf '%s\\n' "$@" > "${file}.args"\n${stderr ? `echo '${stderr}' >&2\n` : ''}exit ${code}\n`,
  );
  chmodSync(file, 0o755);
  return file;
}

const msg = {
  id: 'a1',
  keyId: 'prod',
  title: 'Production is blocked',
  body: 'Quota used up',
  urgency: 'critical',
} as AlertMessage;
const viaToast = (exe: string) => createNodeNotifier({ platform: 'win32', backend: snoreToastBackend(exe) });

describe('SnoreToast delivery on Windows', () => {
  it('counts a shown toast as delivered, with the app id and no sound', async () => {
    const exe = fakeToast('ok', 0);
    expect(await viaToast(exe).deliver(msg)).toEqual({ ok: true });
    expect(snoreToastArgs({ title: 'T', message: 'M', appID: 'io.headroom.app', sound: false })).toEqual([
      '-t',
      'T',
      '-m',
      'M',
      '-appID',
      'io.headroom.app',
      '-silent',
    ]);
  });

  it('reports SnoreToast failing (exit status -1, notifications disabled) instead of calling it delivered', async () => {
    const exe = fakeToast('failed', 255, 'Notifications are disabled');
    const out = await viaToast(exe).deliver(msg);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.reason).toMatch(
      /Windows did not show the notification: .*Notifications are disabled/,
    );
  });

  it('reports a missing or blocked SnoreToast, so the Electron fallback shows the alert', async () => {
    const shown: string[] = [];
    const electron: Notifier = {
      name: 'electron',
      deliver: async (m) => (shown.push(m.title), { ok: true }),
    };
    const chain = fallbackNotifier([viaToast(join(dir, 'does-not-exist.exe')), electron]);
    expect((await chain.deliver(msg)).ok).toBe(true);
    expect(shown).toEqual(['Production is blocked']);
  });

  it('runs the bundled SnoreToast, from app.asar.unpacked inside a packaged app', () => {
    expect(snoreToastPath('x64')).toMatch(/node-notifier[/\\]vendor[/\\]snoreToast[/\\]snoretoast-x64\.exe$/);
    expect(snoreToastPath('ia32')).toMatch(/snoretoast-x86\.exe$/);
  });
});
