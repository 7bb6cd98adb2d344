// REAL delivery: a private X server (Xvfb), session bus (dbus-launch) and notification daemon
// (dunst) receive Headroom's own threshold and breach alerts through node-notifier's notify-send
// path, and `notify-test` through the real CLI; `dunstctl history` reads them back. Every process
// started here is stopped in afterAll, even when a step fails, and the suite checks none is left.
import { spawn, spawnSync, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluate, recordDelivery } from '../../electron/core/alerts/engine';
import { DEFAULT_PREFS } from '../../electron/core/alerts/prefs';
import { emptyAlertState } from '../../electron/core/alerts/state';
import type { AlertMessage } from '../../electron/core/alerts/types';
import { createNodeNotifier } from '../../electron/notify/node-notifier';
import { requireSystem } from '../support/system';
import { cycle, CYCLE_END, hourly, key, T0, ZONE } from '../alerts/support';

const req = requireSystem(
  'notify/dunst',
  ['Xvfb', 'dbus-launch', 'dbus-send', 'dunst', 'dunstctl', 'notify-send'],
  'sudo apt-get install xvfb dbus dbus-x11 libnotify-bin dunst',
);

interface Started {
  name: string;
  pid: number;
  child: ChildProcess | null;
}

const DUNSTRC = `[global]
    monitor = 0
    follow = none
    history_length = 50
    markup = full
    format = "<b>%s</b>\\n%b"
    idle_threshold = 0
    sticky_history = yes
[urgency_low]
    timeout = 60
[urgency_normal]
    timeout = 60
[urgency_critical]
    timeout = 0
`;

/** Alive and not a zombie waiting to be reaped. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2).charAt(0);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor<T>(what: string, probe: () => T | null, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== null) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

function busCall(address: string, method: string, arg: string): string {
  const r = spawnSync(
    'dbus-send',
    [
      `--bus=${address}`,
      '--dest=org.freedesktop.DBus',
      '--type=method_call',
      '--print-reply',
      '/org/freedesktop/DBus',
      `org.freedesktop.DBus.${method}`,
      arg,
    ],
    { encoding: 'utf8', timeout: 5_000 },
  );
  return r.stdout ?? '';
}

interface HistoryEntry {
  summary: string;
  body: string;
  appname: string;
  timeout: number;
  iconPath: string;
}

describe.skipIf(!req.available)('real notifications through notify-send to dunst', () => {
  const started: Started[] = [];
  const savedEnv = {
    DISPLAY: process.env.DISPLAY,
    DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
  };
  let dir = '';
  let env: NodeJS.ProcessEnv = {};
  let dunstPid = 0;
  const killAllSync = () => {
    for (const s of started) if (alive(s.pid)) process.kill(s.pid, 'SIGKILL');
  };

  beforeAll(async () => {
    process.once('exit', killAllSync); // a worker torn down mid-suite still leaves nothing behind
    dir = mkdtempSync(join(tmpdir(), 'headroom-dunst-'));

    // Xvfb picks a free display itself and writes its number to fd 3.
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '640x480x24'], {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    });
    started.push({ name: 'Xvfb', pid: xvfb.pid ?? 0, child: xvfb });
    let displayOut = '';
    xvfb.stdio[3]?.on('data', (d: Buffer) => (displayOut += d.toString()));
    const display = `:${await waitFor('Xvfb display', () => (/^\d+\n/.test(displayOut) ? displayOut.trim() : null))}`;

    // A session bus of our own, not tied to the X display (so nothing else lingers with it).
    const base = { ...process.env };
    delete base.DISPLAY;
    delete base.DBUS_SESSION_BUS_ADDRESS;
    const launched = execFileSync('dbus-launch', [], { env: base, encoding: 'utf8', timeout: 10_000 });
    const address = /^DBUS_SESSION_BUS_ADDRESS=(.+)$/m.exec(launched)?.[1];
    const busPid = Number(/^DBUS_SESSION_BUS_PID=(\d+)$/m.exec(launched)?.[1]);
    if (Number.isInteger(busPid) && busPid > 0)
      started.push({ name: 'dbus-daemon', pid: busPid, child: null });
    if (!address) throw new Error(`dbus-launch gave no address: ${launched}`);
    env = { ...base, DISPLAY: display, DBUS_SESSION_BUS_ADDRESS: address };

    const rc = join(dir, 'dunstrc');
    writeFileSync(rc, DUNSTRC);
    const dunst = spawn('dunst', ['-config', rc], { env, stdio: 'ignore' });
    dunstPid = dunst.pid ?? 0;
    started.push({ name: 'dunst', pid: dunstPid, child: dunst });
    // Ask the bus, not dunstctl: dunstctl would have the bus start a second dunst.
    await waitFor('org.freedesktop.Notifications on the bus', () =>
      busCall(address, 'NameHasOwner', 'string:org.freedesktop.Notifications').includes('boolean true')
        ? true
        : null,
    );

    // node-notifier runs notify-send with this process's environment.
    process.env.DISPLAY = display;
    process.env.DBUS_SESSION_BUS_ADDRESS = address;
  });

  afterAll(async () => {
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    for (const s of [...started].reverse()) {
      if (!alive(s.pid)) continue;
      process.kill(s.pid, 'SIGTERM');
      const gone = await waitFor(`${s.name} to stop`, () => (alive(s.pid) ? null : true), 3_000).catch(
        () => false,
      );
      if (!gone && alive(s.pid)) process.kill(s.pid, 'SIGKILL');
    }
    await waitFor(
      'every started process to stop',
      () => (started.some((s) => alive(s.pid)) ? null : true),
      5_000,
    );
    process.removeListener('exit', killAllSync);
    if (dir) rmSync(dir, { recursive: true, force: true });
    expect(started.filter((s) => alive(s.pid)).map((s) => s.name)).toEqual([]);
    expect(started.map((s) => s.name)).toEqual(['Xvfb', 'dbus-daemon', 'dunst']);
  });

  function history(): HistoryEntry[] {
    execFileSync('dunstctl', ['close-all'], { env, timeout: 5_000 });
    const out = execFileSync('dunstctl', ['history'], { env, encoding: 'utf8', timeout: 5_000 });
    const parsed = JSON.parse(out) as { data: Record<string, { data: unknown }>[][] };
    return (parsed.data[0] ?? []).map((n) => ({
      summary: String(n.summary?.data),
      body: String(n.body?.data),
      appname: String(n.appname?.data),
      timeout: Number(n.timeout?.data),
      iconPath: String(n.icon_path?.data ?? ''),
    }));
  }

  it('is our dunst that owns the notification service', () => {
    const out = busCall(
      env.DBUS_SESSION_BUS_ADDRESS ?? '',
      'GetConnectionUnixProcessID',
      'string:org.freedesktop.Notifications',
    );
    expect(out).toContain(`uint32 ${dunstPid}`);
  });

  it("delivers Headroom's threshold and breach alerts, read back with title and body", async () => {
    const notifier = createNodeNotifier({ platform: 'linux' });
    expect(notifier.name).toBe('notify-send');

    const threshold = evaluate(
      emptyAlertState(),
      [key({ windows: [hourly(904, T0)] })],
      T0,
      DEFAULT_PREFS,
      ZONE,
    );
    const breachInput = key({
      keyId: 'billing',
      keyName: 'Billing API',
      windows: [cycle(10_000, T0, { source: 'breach', exhausted: true, remaining: 0 })],
      blocked: { type: 'api_calls_cycle', windowId: 'api_calls_cycle', retryAt: CYCLE_END },
    });
    const breach = evaluate(emptyAlertState(), [breachInput], T0, DEFAULT_PREFS, ZONE);
    const messages = [...threshold.outgoing, ...breach.outgoing] as AlertMessage[];
    expect(messages.map((m) => m.kind)).toEqual(['threshold', 'breach']);

    for (const m of messages) expect(await notifier.deliver(m)).toEqual({ ok: true });
    // Delivered, so the engine records the alert as fired.
    const fired = recordDelivery(threshold.state, [messages[0]?.id ?? ''], { ok: true }, T0);
    expect(fired.keys.shop?.thresholds['api_calls@90']?.phase).toBe('fired');

    const seen = history();
    const get = (summary: string) => seen.find((n) => n.summary === summary);
    expect(get('Shop API: 90% of hourly quota used')).toMatchObject({
      body: '904 of 1,000 requests used · resets 13:00',
      appname: 'Headroom',
      // dunst loaded Headroom's own icon from disk.
      iconPath: resolve('build', 'notification-icon.png'),
    });
    expect(get('Billing API is blocked: billing-cycle quota reached')).toMatchObject({
      body: 'Lifts 1 Dec, 00:00',
      appname: 'Headroom',
      timeout: 0, // critical: dunst keeps it until dismissed
    });
  });

  it('delivers a digest with one line per alert', async () => {
    const inputs = [1, 2, 3].map((i) =>
      key({ keyId: `k${i}`, keyName: `Key ${i}`, windows: [hourly(900 + i * 10, T0)] }),
    );
    const [digest] = evaluate(emptyAlertState(), inputs, T0, DEFAULT_PREFS, ZONE).outgoing;
    expect(digest?.kind).toBe('digest');
    expect(await createNodeNotifier({ platform: 'linux' }).deliver(digest as AlertMessage)).toEqual({
      ok: true,
    });
    expect(history().find((n) => n.summary === 'Headroom: 3 alerts on 3 keys')?.body).toBe(
      'Key 3: 93% of hourly quota used\nKey 2: 92% of hourly quota used\nKey 1: 91% of hourly quota used',
    );
  });

  it('notify-test sends through the real CLI', () => {
    const r = spawnSync(
      'npm',
      ['run', '--silent', 'cli', '--', 'notify-test', '--title', 'Headroom check', '--body', 'It works'],
      {
        env,
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ delivered: true, via: 'notify-send' });
    expect(history().find((n) => n.summary === 'Headroom check')).toMatchObject({
      body: 'It works',
      appname: 'Headroom',
    });
  });

  it('notify-test fails with one clear line when no daemon answers', () => {
    const r = spawnSync('npm', ['run', '--silent', 'cli', '--', 'notify-test'], {
      env: { ...env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(dir, 'no-such-bus')}` },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^headroom notify-test: no notification daemon answered: is a desktop session running\?/,
    );
  });
});
