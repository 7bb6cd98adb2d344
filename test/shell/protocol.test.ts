// The app:// protocol over a real dist/ folder: files inside are served with a strict CSP; paths
// that escape it (../, encoded, backslashes, symlinks) are refused and nothing outside is read.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const m = vi.hoisted(() => ({
  schemes: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
}));
vi.mock('electron', () => ({
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => m.schemes.push(...schemes),
    handle: (scheme: string, fn: (request: Request) => Promise<Response>) => m.handlers.set(scheme, fn),
  },
}));

const { APP_CSP, registerAppScheme, serveApp } = await import('../../electron/shell/protocol');

const base = mkdtempSync(join(tmpdir(), 'headroom-protocol-'));
const dist = join(base, 'dist');
mkdirSync(join(dist, 'assets'), { recursive: true });
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Headroom</title>');
writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
writeFileSync(join(base, 'secrets.json'), '{"token":"SHOULD-NEVER-BE-SERVED"}');
symlinkSync(join(base, 'secrets.json'), join(dist, 'assets', 'link.json'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

registerAppScheme();
serveApp(dist);
const fetchApp = (url: string, method = 'GET') => m.handlers.get('app')!(new Request(url, { method }));

describe('app:// protocol', () => {
  it('registers app as a standard, secure scheme', () => {
    expect(m.schemes).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });

  it('serves index.html at / and assets with their type, a strict CSP and nosniff', async () => {
    const index = await fetchApp('app://headroom/');
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>Headroom</title>');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(APP_CSP);
    expect(APP_CSP).toContain("default-src 'none'");
    expect(APP_CSP).not.toContain('unsafe');
    const js = await fetchApp('app://headroom/assets/app.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it.each([
    'app://headroom/../secrets.json',
    'app://headroom/assets/../../secrets.json',
    'app://headroom/%2e%2e/secrets.json',
    'app://headroom/assets/..%2F..%2Fsecrets.json',
    'app://headroom/assets%2F..%2F..%2Fsecrets.json',
    'app://headroom/..%5csecrets.json',
    'app://headroom/assets/link.json',
    'app://headroom/%00index.html',
    `app://headroom/${encodeURIComponent(join(base, 'secrets.json'))}`,
  ])('refuses %s without reading outside dist/', async (url) => {
    const r = await fetchApp(url);
    expect([403, 404]).toContain(r.status);
    expect(await r.text()).not.toContain('SHOULD-NEVER-BE-SERVED');
  });

  it('answers 404 for another host or a missing file, 405 for a POST, 403 for a malformed escape', async () => {
    expect((await fetchApp('app://elsewhere/index.html')).status).toBe(404);
    expect((await fetchApp('app://headroom/missing.js')).status).toBe(404);
    expect((await fetchApp('app://headroom/index.html', 'POST')).status).toBe(405);
    expect((await fetchApp('app://headroom/%E0%A4%A.js')).status).toBe(403);
  });
});
