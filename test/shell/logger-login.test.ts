// The file log redacts secrets by field and in text; launch at login writes or removes the XDG
// autostart entry on Linux and uses the OS login items elsewhere.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileLogger, scrub } from '../../electron/shell/logger';
import { autostartEntry, quoteExecArg, setLaunchAtLogin } from '../../electron/shell/login-item';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'headroom-log-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('file logger', () => {
  it('writes JSON lines to logs/headroom.log with secrets redacted', () => {
    const log = createFileLogger(join(dir, 'logs'), { sync: true });
    log.info('probe sent with Authorization: Bearer tok_live_abcdef123456', {
      keyId: 'prod-eu',
      token: 'tok_field_999',
    });
    log.warn('failed', {
      request: { headers: { 'x-app-token': 'tok_hdr_777', accept: 'json' } },
      url: 'https://x/?token=tok_q_555',
    });
    log.error('nested', { key: { secrets: { token: 'tok_nested_333' } } });
    log.flush();
    const text = readFileSync(log.file, 'utf8');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ level: 30, keyId: 'prod-eu', token: '[redacted]' });
    for (const secret of [
      'tok_live_abcdef123456',
      'tok_field_999',
      'tok_hdr_777',
      'tok_q_555',
      'tok_nested_333',
    ])
      expect(text).not.toContain(secret);
    expect(lines[1].request.headers.accept).toBe('json');
  });

  it('masks inline credentials but leaves ordinary text alone', () => {
    expect(scrub('Zoho-oauthtoken 1000.abc.def failed')).toBe('Zoho-oauthtoken [redacted] failed');
    expect(scrub('X-App-Token: abc123 sent')).toBe('X-App-Token: [redacted] sent');
    expect(scrub('hourly window 42% left')).toBe('hourly window 42% left');
  });
});

describe('launch at login', () => {
  it('Linux: writes an XDG autostart entry, and removes it', async () => {
    const app = {
      setLoginItemSettings: () => expect.unreachable('no login items on Linux'),
      getLoginItemSettings: () => expect.unreachable('no login items on Linux'),
    };
    const on = { platform: 'linux' as const, app, exec: '/opt/Headroom/headroom', configHome: dir };
    expect(await setLaunchAtLogin(true, on)).toBe(true);
    const file = join(dir, 'autostart', 'headroom.desktop');
    expect(readFileSync(file, 'utf8')).toBe(autostartEntry('/opt/Headroom/headroom'));
    expect(readFileSync(file, 'utf8')).toMatch(/^\[Desktop Entry\]\nType=Application\nName=Headroom\n/);
    // A login start says so, so it can be told from a manual launch.
    expect(readFileSync(file, 'utf8')).toContain('Exec=/opt/Headroom/headroom --autostart\n');
    // The next start finds the entry as wanted and leaves the file alone.
    expect(await setLaunchAtLogin(true, on)).toBe(false);
    await setLaunchAtLogin(false, {
      platform: 'linux',
      app,
      exec: '/opt/Headroom/headroom',
      configHome: dir,
    });
    expect(existsSync(file)).toBe(false);
    // Turning it off twice is not an error.
    await setLaunchAtLogin(false, { platform: 'linux', app, exec: '/x', configHome: dir });
  });

  it('macOS and Windows: the OS login item, written only when it changes, without the deprecated openAsHidden', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const calls: unknown[] = [];
      let openAtLogin = false;
      const app = {
        setLoginItemSettings: (s: { openAtLogin: boolean }) => {
          calls.push(s);
          openAtLogin = s.openAtLogin;
        },
        getLoginItemSettings: () => ({ openAtLogin }),
      };
      expect(await setLaunchAtLogin(true, { platform, app, exec: '/x' })).toBe(true);
      expect(await setLaunchAtLogin(true, { platform, app, exec: '/x' })).toBe(false);
      expect(calls).toEqual([{ openAtLogin: true }]);
    }
  });

  it('quotes an AppImage path with spaces and specials for the Exec line', () => {
    expect(quoteExecArg('/home/me/Apps/Headroom.AppImage')).toBe('/home/me/Apps/Headroom.AppImage');
    expect(quoteExecArg('/home/me/My Apps/Head$room "1".AppImage')).toBe(
      '"/home/me/My Apps/Head\\$room \\"1\\".AppImage"',
    );
    expect(quoteExecArg('/a/100%/b')).toBe('"/a/100%%/b"');
  });
});
