// The node-notifier adapter's own logic: the options each platform gets, how failures read, and
// that a backend that never answers or throws still yields an outcome. The real delivery through
// notify-send to a real daemon is in dunst.test.ts.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlertMessage } from '../../electron/core/alerts/types';
import {
  APP_ID,
  createNodeNotifier,
  explainFailure,
  NO_DAEMON,
  notifierOptions,
  snoreToastArgs,
  type NotifyBackend,
} from '../../electron/notify/node-notifier';
import { iconCandidates, notificationIconPath } from '../../electron/notify/icon';
import { fallbackNotifier, type Notifier } from '../../electron/notify/notifier';

const msg = (over: Partial<AlertMessage> = {}): AlertMessage => ({
  id: 'm1',
  kind: 'breach',
  keyId: 'shop',
  title: 'Shop API is blocked: billing-cycle quota reached',
  body: 'Lifts 1 Dec 00:00',
  urgency: 'critical',
  ...over,
});

describe('node-notifier options', () => {
  it('gives Windows the app ID, no sound and no waiting', () => {
    expect(notifierOptions(msg(), 'win32')).toEqual({
      title: 'Shop API is blocked: billing-cycle quota reached',
      message: 'Lifts 1 Dec 00:00',
      appID: APP_ID,
      wait: false,
      sound: false,
    });
  });

  it('gives notify-send the urgency and app name, with the body kept literal', () => {
    const o = notifierOptions(msg({ body: 'A & B <b>x</b> C:\\new' }), 'linux');
    expect(o).toMatchObject({ urgency: 'critical', timeout: 0, 'app-name': 'Headroom', wait: false });
    expect(notifierOptions(msg({ urgency: 'normal' }), 'linux')).toMatchObject({
      urgency: 'normal',
      timeout: 10,
    });
    expect(o.message).toBe('A &amp; B &lt;b&gt;x&lt;/b&gt; C:\\\\new');
  });

  it('never lets a key name read as a command-line option, and strips control characters', () => {
    const o = notifierOptions(msg({ title: '--help\u0007 me', body: '-u low' }), 'linux');
    expect(o.title).toBe('\u2010-help  me');
    expect(o.message).toBe('\u2010u low');
  });
});

describe('failure reasons', () => {
  it('says what to do, without echoing the command line', () => {
    const exec = Object.assign(
      new Error('Command failed: notify-send "Shop API" "x"\nCould not connect: No such file or directory\n'),
      {
        code: 1,
      },
    );
    expect(explainFailure(exec, 'linux')).toBe(`${NO_DAEMON} (Could not connect: No such file or directory)`);
    expect(explainFailure(exec, 'linux')).not.toContain('Shop API');
    expect(explainFailure(new Error('notify-send must be installed on the system.'), 'linux')).toMatch(
      /notify-send is not installed: install libnotify-bin/,
    );
    expect(
      explainFailure(new Error('Command failed: x\nCannot autolaunch D-Bus without X11 $DISPLAY'), 'linux'),
    ).toMatch(/^no notification daemon answered/);
    expect(explainFailure(new Error('Command failed: snoretoast\nHRESULT 0x80070490'), 'win32')).toBe(
      'Windows did not show the notification: HRESULT 0x80070490',
    );
  });
});

describe('adapter outcomes', () => {
  const backend = (fn: NotifyBackend['notify']): NotifyBackend => ({ notify: fn });

  it('treats an empty stderr as success and an Error as failure', async () => {
    const ok = createNodeNotifier({ platform: 'linux', backend: backend((_o, cb) => cb('', '')) });
    await expect(ok.deliver(msg())).resolves.toEqual({ ok: true });
    const bad = createNodeNotifier({
      platform: 'linux',
      backend: backend((_o, cb) =>
        cb(new Error('Command failed: notify-send\nGDBus.Error:org.freedesktop.DBus.Error.ServiceUnknown')),
      ),
    });
    await expect(bad.deliver(msg())).resolves.toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^no notification daemon/),
    });
  });

  it('gives up on a backend that never answers, and survives one that throws', async () => {
    const hang = createNodeNotifier({ platform: 'linux', timeoutMs: 30, backend: backend(() => undefined) });
    await expect(hang.deliver(msg())).resolves.toEqual({
      ok: false,
      reason: `${NO_DAEMON} (no answer within 0 s)`,
    });
    const boom = createNodeNotifier({
      platform: 'linux',
      backend: backend(() => {
        throw new Error('spawn notify-send ENOENT');
      }),
    });
    await expect(boom.deliver(msg())).resolves.toMatchObject({
      ok: false,
      reason: expect.stringMatching(/not installed/),
    });
  });

  it('falls back to the next notifier, and joins the reasons when all fail', async () => {
    const failing = (name: string): Notifier => ({
      name,
      deliver: async () => ({ ok: false, reason: `${name} down` }),
    });
    const throwing: Notifier = { name: 'thrower', deliver: () => Promise.reject(new Error('kaput\nstack')) };
    const working: Notifier = { name: 'works', deliver: async () => ({ ok: true }) };
    await expect(fallbackNotifier([failing('a'), working]).deliver(msg())).resolves.toEqual({ ok: true });
    await expect(fallbackNotifier([failing('a'), throwing]).deliver(msg())).resolves.toEqual({
      ok: false,
      reason: 'a: a down; thrower: kaput',
    });
  });
});

describe('the Headroom icon on notifications', () => {
  it('is a file that exists from the sources, and the built bundle finds it in build/ too', () => {
    const fromSources = notificationIconPath();
    expect(fromSources).toBe(resolve('build', 'notification-icon.png'));
    expect(existsSync(fromSources!)).toBe(true);
    // dist-electron/main.js sits one level below the project root.
    expect(notificationIconPath(existsSync, resolve('dist-electron'), undefined)).toBe(fromSources);
    // Packaged: resources/notification-icon.png wins over anything inside app.asar.
    const packaged = iconCandidates(
      '/opt/Headroom/resources/app.asar/dist-electron',
      '/opt/Headroom/resources',
    );
    expect(packaged[0]).toBe(join('/opt/Headroom/resources', 'notification-icon.png'));
  });

  it('is sent to notify-send and SnoreToast', async () => {
    const icon = resolve('build', 'notification-icon.png');
    expect(notifierOptions(msg(), 'linux', icon)).toMatchObject({ icon });
    expect(snoreToastArgs(notifierOptions(msg(), 'win32', icon))).toEqual(
      expect.arrayContaining(['-p', icon]),
    );
    const sent: Record<string, unknown>[] = [];
    const n = createNodeNotifier({
      platform: 'linux',
      backend: { notify: (o, cb) => (sent.push(o), cb(null)) },
    });
    expect(await n.deliver(msg())).toEqual({ ok: true });
    expect(sent[0]?.icon).toBe(icon);
  });
});
