// The web shell's HTTP surface: the same popover and the same service as the Electron shell, over
// HTTP on one port. Every route but GET /healthz needs the secret (web/security); the Host header is
// checked on every request, the Origin on every POST, and every answer carries a strict CSP.
//   GET  /               the popover (GET /?token=… also sets the session cookie)
//   GET  /assets/*       its scripts and styles
//   GET  /api/state      the AppState as JSON
//   GET  /api/events     server-sent events: `state` (each AppState), `focus`, `open-settings`
//   POST /api/<action>   the preload's actions (web/actions), JSON in and out
//   GET  /favicon.png    the tray icon for ?status=&level= (web/glance)
//   GET  /healthz        {"ok": true}, open
// More routes (metrics, exports) are mounted with `routes`; see WebRoute.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppState } from '../core/view/app-state';
import { renderTrayIcon } from '../core/tray/icon';
import { encodePng } from '../core/tray/png';
import type { Logger } from '../service/ports';
import { silentLogger } from '../service/ports';
import type { HeadroomService } from '../service/service-types';
import { actionTable, isAction, runAction } from './actions';
import { parseFaviconQuery } from './glance';
import {
  allowedHostNames,
  authenticate,
  hostAllowed,
  originAllowed,
  sameSecret,
  sessionCookie,
  type AuthVia,
} from './security';
import { readStatic } from './static-files';

/** The page's policy: its own scripts and styles only, images from itself or data:, no frames. */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const BASE_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cache-Control': 'no-store',
};

/** Largest POST body accepted (a key with a custom header spec is a few kB). */
export const MAX_BODY_BYTES = 256 * 1024;
/** Live pages at once; more are refused rather than letting streams pile up. */
const MAX_STREAMS = 64;
const HEARTBEAT_MS = 25_000;

export interface RouteContext {
  url: URL;
  /** How the request proved it has the secret; null on a public route reached without it. */
  auth: AuthVia;
  service: HeadroomService;
}

/**
 * An extra route. `public: true` skips the secret (the Host check still applies); POST routes also
 * get the Origin check. The handler writes the whole answer; `sendJson` helps.
 */
export interface WebRoute {
  method: 'GET' | 'POST';
  path: string;
  public?: boolean;
  handle(req: IncomingMessage, res: ServerResponse, ctx: RouteContext): void | Promise<void>;
}

export interface WebServerOptions {
  service: HeadroomService;
  /** The built renderer (index.html + assets). */
  root: string;
  token: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Host names accepted in the Host header besides this machine's own (a DNS name, a proxy's). */
  allowedHosts?: readonly string[];
  routes?: readonly WebRoute[];
  onPinned?(pinned: boolean): void;
  logger?: Logger;
}

export interface WebServer {
  /** http://HOST:PORT, without the secret. */
  url: string;
  host: string;
  port: number;
  /** Sends an event to every open page (`focus` a key, `open-settings`). */
  push(event: 'focus' | 'open-settings', data: unknown): void;
  close(): Promise<void>;
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const { service, token } = opts;
  const logger = opts.logger ?? silentLogger;
  const bindHost = opts.host ?? '127.0.0.1';
  const actions = actionTable(service, opts.onPinned ?? (() => undefined));
  const extra = opts.routes ?? [];
  const streams = new Set<ServerResponse>();
  let port = 0;
  let hostNames = new Set<string>();

  const frame = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  const broadcast = (text: string) => {
    for (const res of streams) res.write(text);
  };
  const unsubscribe = service.subscribe((state: AppState) => broadcast(frame('state', state)));
  const heartbeat = setInterval(() => broadcast(': keep-alive\n\n'), HEARTBEAT_MS);
  heartbeat.unref();

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      logger.error('web request failed', {
        error: err instanceof Error ? err.message.split('\n')[0] : 'error',
      });
      if (!res.headersSent) sendJson(res, 500, { error: 'Headroom could not answer this request' });
      else res.end();
    });
  });
  // Slow or idle clients cannot hold sockets for long (live pages use one long response, not a slow request).
  server.headersTimeout = 15_000;
  server.requestTimeout = 30_000;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!hostAllowed(req.headers.host, hostNames, port)) {
      logger.warn('web request refused: unknown Host header', {
        host: (req.headers.host ?? '').slice(0, 80),
      });
      return sendText(res, 421, 'This Headroom server does not answer to that host name.');
    }
    const url = new URL(req.url ?? '/', 'http://headroom.invalid');
    const method = req.method ?? 'GET';
    const path = url.pathname;

    if (path === '/healthz' && (method === 'GET' || method === 'HEAD'))
      return sendJson(res, 200, { ok: true });

    const route = extra.find((r) => r.path === path && r.method === method);
    let auth = authenticate(req.headers, token, port);

    // The printed address: the token in the URL buys a session cookie (a digest, not the token); the
    // page then drops the token from the address bar (renderer/src/web-api.ts).
    let setCookie: string | null = null;
    if (method === 'GET' && path === '/' && url.searchParams.has('token')) {
      if (!sameSecret(url.searchParams.get('token') ?? '', token)) return unauthorized(res, true);
      setCookie = sessionCookie(token, port);
      auth = 'cookie';
    }

    if (method === 'POST' && !originAllowed(header(req.headers.origin), req.headers.host, auth)) {
      logger.warn('web request refused: foreign Origin', { path });
      return sendJson(res, 403, { error: 'This request did not come from the Headroom page.' });
    }
    if (!route?.public && auth === null)
      return unauthorized(res, method === 'GET' && !path.startsWith('/api/'));

    if (route) return route.handle(req, res, { url, auth, service });

    if (path === '/api/state' && method === 'GET') return sendJson(res, 200, service.getState());
    if (path === '/api/events' && method === 'GET') return openStream(req, res);
    if (path.startsWith('/api/')) {
      const name = path.slice('/api/'.length);
      if (!isAction(actions, name)) return sendJson(res, 404, { error: 'unknown action' });
      if (method !== 'POST') return sendJson(res, 405, { error: 'use POST' });
      const body = await readJsonBody(req);
      if ('error' in body) return sendJson(res, body.status, { error: body.error });
      const answer = await runAction(actions, name, body.value);
      if (answer.status === 500)
        logger.warn('web action failed', {
          action: name,
          error: 'error' in answer.body ? answer.body.error : '',
        });
      return sendJson(res, answer.status, answer.body);
    }
    if (method !== 'GET' && method !== 'HEAD') return sendJson(res, 405, { error: 'method not allowed' });
    if (path === '/favicon.png') return favicon(res, url.searchParams);
    if (path === '/favicon.ico') {
      res.writeHead(204, BASE_HEADERS);
      return void res.end();
    }
    const file = await readStatic(opts.root, path);
    if (!file) return sendJson(res, 404, { error: 'not found' });
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': file.type,
      ...(setCookie ? { 'Set-Cookie': setCookie } : {}),
    });
    res.end(method === 'HEAD' ? undefined : file.body);
  }

  function openStream(req: IncomingMessage, res: ServerResponse): void {
    if (streams.size >= MAX_STREAMS) return sendJson(res, 503, { error: 'too many open pages' });
    res.writeHead(200, {
      ...BASE_HEADERS,
      'Content-Type': 'text/event-stream; charset=utf-8',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write(frame('state', service.getState()));
    streams.add(res);
    req.on('close', () => streams.delete(res));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  hostNames = allowedHostNames(bindHost, opts.allowedHosts);
  const shownHost = bindHost.includes(':') ? `[${bindHost}]` : bindHost;

  return {
    url: `http://${shownHost}:${port}`,
    host: bindHost,
    port,
    push: (event, data) => broadcast(frame(event, data)),
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        clearInterval(heartbeat);
        for (const s of streams) s.end();
        streams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function header(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

function favicon(res: ServerResponse, query: URLSearchParams): void {
  const parsed = parseFaviconQuery(query);
  if (!parsed) return sendJson(res, 400, { error: 'status and level expected' });
  const png = encodePng(renderTrayIcon({ status: parsed.status, level: parsed.level, size: 32 }));
  // The address names the picture exactly, so the browser may keep it.
  res.writeHead(200, {
    ...BASE_HEADERS,
    'Content-Type': 'image/png',
    'Cache-Control': 'private, max-age=86400',
  });
  res.end(png);
}

function unauthorized(res: ServerResponse, page: boolean): void {
  if (!page) return sendJson(res, 401, { error: 'The Headroom secret is missing or wrong.' });
  res.writeHead(401, { ...BASE_HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
  res.end(
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Headroom: secret needed</title></head>' +
      '<body><h1>Headroom needs its secret</h1><p>Open the full address Headroom printed when it started ' +
      '(it ends with <code>?token=…</code>), or send <code>Authorization: Bearer …</code>.</p></body></html>',
  );
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(text);
}

type Body = { value: unknown } | { error: string; status: number };

/** A JSON body of at most MAX_BODY_BYTES; empty means no payload (getState). */
function readJsonBody(req: IncomingMessage): Promise<Body> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.resolve({ error: 'request body too large', status: 413 });
  return new Promise((resolve) => {
    let size = 0;
    let done = false;
    const chunks: Buffer[] = [];
    const finish = (b: Body) => {
      if (!done) {
        done = true;
        resolve(b);
      }
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        finish({ error: 'request body too large', status: 413 });
        req.resume();
      } else chunks.push(c);
    });
    req.on('error', () => finish({ error: 'request body not received', status: 400 }));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (text === '') return finish({ value: undefined });
      // A cross-site form can only send form or text types; JSON needs a same-origin fetch.
      if (type !== 'application/json') return finish({ error: 'send application/json', status: 415 });
      try {
        finish({ value: JSON.parse(text) as unknown });
      } catch {
        finish({ error: 'request body is not JSON', status: 400 });
      }
    });
  });
}
