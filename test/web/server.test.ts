// The web shell's HTTP surface against the real service: who gets in, what is refused, and that the
// secret never comes back out. Plain HTTP from Node (no browser): each request is built by hand, so
// the refusals are tested as an attacker would send them.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng } from '../../electron/core/tray/png';
import type { HeadroomService } from '../../electron/service/service-types';
import { generateToken } from '../../electron/web/security';
import { CSP, MAX_BODY_BYTES, sendJson, startWebServer, type WebServer } from '../../electron/web/server';
import { startMemoryService } from '../support/memory-service';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request with exactly these headers (Node adds nothing but Host unless told). */
function send(
  port: number,
  path: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string; untilFirstChunk?: boolean } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: opts.method ?? 'GET', headers: opts.headers ?? {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          body += c;
          if (opts.untilFirstChunk) {
            req.destroy();
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
          }
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', (e) => (opts.untilFirstChunk ? undefined : reject(e)));
    req.end(opts.body);
  });
}

describe('web server', () => {
  let root: string;
  let service: HeadroomService;
  let server: WebServer;
  let token: string;
  let host: string;
  const answers: Answer[] = [];
  const pinned: boolean[] = [];
  const ask = async (...args: Parameters<typeof send>) => {
    const a = await send(...args);
    answers.push(a);
    return a;
  };
  const bearer = () => ({ Host: host, Authorization: `Bearer ${token}` });

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'headroom-web-root-'));
    await mkdir(join(root, 'assets'));
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Headroom</title><div id="root"></div>');
    await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
    service = await startMemoryService();
    token = generateToken();
    server = await startWebServer({
      service,
      root,
      token,
      onPinned: (p) => pinned.push(p),
      routes: [
        {
          method: 'GET',
          path: '/metrics',
          public: true,
          handle: (_q, res) => sendJson(res, 200, { open: true }),
        },
        {
          method: 'GET',
          path: '/api/export',
          handle: (_q, res, ctx) => sendJson(res, 200, { via: ctx.auth }),
        },
      ],
    });
    host = `127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server?.close();
    await service?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('answers /healthz without the secret', async () => {
    const a = await ask(server.port, '/healthz', { headers: { Host: host } });
    expect(a.status).toBe(200);
    expect(JSON.parse(a.body)).toEqual({ ok: true });
  });

  it('refuses the state, the page, its assets and the event stream without the secret (401)', async () => {
    for (const path of [
      '/api/state',
      '/',
      '/assets/app.js',
      '/api/events',
      '/favicon.png?status=ok&level=32',
    ]) {
      const a = await ask(server.port, path, { headers: { Host: host } });
      expect(a.status, path).toBe(401);
    }
    const wrong = await ask(server.port, '/api/state', {
      headers: { Host: host, Authorization: 'Bearer nope' },
    });
    expect(wrong.status).toBe(401);
    const wrongUrl = await ask(server.port, '/?token=not-the-token', { headers: { Host: host } });
    expect(wrongUrl.status).toBe(401);
    expect(wrongUrl.headers['set-cookie']).toBeUndefined();
  });

  it('serves the state to a bearer of the secret', async () => {
    const a = await ask(server.port, '/api/state', { headers: bearer() });
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(a.body)).toMatchObject({ keys: [], demo: false });
  });

  it('refuses a foreign Host header (DNS rebinding), even with the secret', async () => {
    for (const h of [
      'evil.example',
      `evil.example:${server.port}`,
      '127.0.0.1:1',
      `localhost.evil.example:${server.port}`,
    ]) {
      const a = await ask(server.port, '/api/state', { headers: { ...bearer(), Host: h } });
      expect(a.status, h).toBe(421);
    }
    const local = await ask(server.port, '/api/state', {
      headers: { ...bearer(), Host: `localhost:${server.port}` },
    });
    expect(local.status).toBe(200);
  });

  it('trades ?token= for an HttpOnly, SameSite=Strict session cookie that is not the token', async () => {
    const a = await ask(server.port, `/?token=${token}`, { headers: { Host: host } });
    expect(a.status).toBe(200);
    expect(a.body).toContain('<div id="root">');
    const cookie = String(a.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).not.toContain(token);
    const session = cookie.split(';')[0] ?? '';
    const page = await ask(server.port, '/assets/app.js', { headers: { Host: host, Cookie: session } });
    expect(page.status).toBe(200);
    const state = await ask(server.port, '/api/state', { headers: { Host: host, Cookie: session } });
    expect(state.status).toBe(200);
  });

  it('refuses a POST from a foreign Origin, and a cookie POST with no Origin', async () => {
    const session =
      String(
        (await ask(server.port, `/?token=${token}`, { headers: { Host: host } })).headers['set-cookie'],
      ).split(';')[0] ?? '';
    const body = JSON.stringify({ pinned: true });
    const json = { 'Content-Type': 'application/json' };
    const foreign = await ask(server.port, '/api/setPinned', {
      method: 'POST',
      headers: { ...bearer(), ...json, Origin: 'http://evil.example' },
      body,
    });
    expect(foreign.status).toBe(403);
    const noOrigin = await ask(server.port, '/api/setPinned', {
      method: 'POST',
      headers: { Host: host, Cookie: session, ...json },
      body,
    });
    expect(noOrigin.status).toBe(403);
    expect(pinned).toEqual([]);
    const own = await ask(server.port, '/api/setPinned', {
      method: 'POST',
      headers: { Host: host, Cookie: session, ...json, Origin: `http://${host}` },
      body,
    });
    expect(own.status).toBe(200);
    const script = await ask(server.port, '/api/setPinned', {
      method: 'POST',
      headers: { ...bearer(), ...json },
      body,
    });
    expect(script.status).toBe(200);
    expect(pinned).toEqual([true, true]);
  });

  it('checks every action payload with the IPC guard, and bounds bodies and their type', async () => {
    const post = (path: string, body: string, type = 'application/json') =>
      ask(server.port, path, { method: 'POST', headers: { ...bearer(), 'Content-Type': type }, body });
    const bad = await post('/api/snooze', JSON.stringify({ duration: 'forever-and-ever' }));
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error).toMatch(/^snooze: duration/);
    expect((await post('/api/snooze', '{"duration":', 'application/json')).status).toBe(400);
    expect((await post('/api/snooze', JSON.stringify({ duration: '1h' }), 'text/plain')).status).toBe(415);
    expect((await post('/api/snooze', 'x'.repeat(MAX_BODY_BYTES + 1))).status).toBe(413);
    expect((await post('/api/notAnAction', '{}')).status).toBe(404);
    const ok = await post('/api/snooze', JSON.stringify({ duration: '1h' }));
    expect(ok.status).toBe(200);
    expect(service.getState().snooze.until).toBeGreaterThan(Date.now());
    const get = await ask(server.port, '/api/snooze', { headers: bearer() });
    expect(get.status).toBe(405);
  });

  it('never echoes a token typed into a key, and masks it in errors', async () => {
    const secret = 'sk_live_never_echo_9f8e7d6c5b4a';
    const input = {
      name: 'Echo',
      connection: { provider: 'generic', baseUrl: 'http://127.0.0.1:9', path: '/', method: 'GET' },
      secrets: { token: secret },
      plan: { provider: 'other' },
      cycle: { renewalDay: 1, timeZone: 'UTC' },
      thresholds: [80],
    };
    const a = await ask(server.port, '/api/testKey', {
      method: 'POST',
      headers: { ...bearer(), 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    });
    expect(a.body).not.toContain(secret);
  });

  it('streams states as server-sent events', async () => {
    const a = await ask(server.port, '/api/events', { headers: bearer(), untilFirstChunk: true });
    expect(a.status).toBe(200);
    expect(a.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(a.body).toMatch(/^event: state\ndata: \{"revision":\d+/);
  });

  it('draws the favicon as the tray icon for the state it names', async () => {
    const a = await new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
      request(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/favicon.png?status=critical&level=8',
          headers: bearer(),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        },
      )
        .on('error', reject)
        .end();
    });
    expect(a.status).toBe(200);
    const img = decodePng(a.body);
    expect([img.width, img.height]).toEqual([32, 32]);
    const bad = await ask(server.port, '/favicon.png?status=<script>&level=8', { headers: bearer() });
    expect(bad.status).toBe(400);
  });

  it('mounts extra routes, public or behind the secret', async () => {
    expect((await ask(server.port, '/metrics', { headers: { Host: host } })).status).toBe(200);
    expect((await ask(server.port, '/metrics', { headers: { Host: 'evil.example' } })).status).toBe(421);
    expect((await ask(server.port, '/api/export', { headers: { Host: host } })).status).toBe(401);
    const a = await ask(server.port, '/api/export', { headers: bearer() });
    expect(JSON.parse(a.body)).toEqual({ via: 'bearer' });
  });

  it('does not serve files outside the renderer', async () => {
    for (const p of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/%00', '/%E0%A4%A'])
      expect((await ask(server.port, p, { headers: bearer() })).status, p).toBe(404);
  });

  it('sent the strict CSP on every answer and the token in none', () => {
    expect(answers.length).toBeGreaterThan(20);
    for (const a of answers) {
      expect(a.headers['content-security-policy']).toBe(CSP);
      expect(JSON.stringify(a.headers) + a.body).not.toContain(token);
    }
    expect(CSP).toMatch(/script-src 'self'/);
    expect(CSP).toMatch(/frame-ancestors 'none'/);
    expect(CSP).not.toMatch(/unsafe/);
  });
});
