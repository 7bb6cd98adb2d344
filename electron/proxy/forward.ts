// A forwarding proxy for one key: the integration calls http://127.0.0.1:PORT instead of the API, and
// every request goes on unchanged to the key's base URL (method, path, query, headers, body streamed
// both ways, never buffered; TLS upstream). Each answer's status and headers are handed to `onAnswer`
// (Headroom counts the call and reads the quota headers); the body never is, and nothing here logs a
// header value, so credentials stay between the integration and the API.
//
// What the integration gets is what the API sent: an upstream error status is passed on as given;
// only when the API cannot be reached at all does the proxy answer itself (502, or 504 after a
// silence). Hop-by-hop fields (RFC 9110 7.6.1) are dropped both ways and a Via is added (7.6.3).
import { Agent as HttpAgent, createServer, request as httpRequest } from 'node:http';
import type { IncomingHttpHeaders, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Logger } from '../service/ports';
import { silentLogger } from '../service/ports';

export interface ProxiedAnswer {
  /** When the request arrived, and when the upstream's answer (its status and headers) came back. */
  sentAt: number;
  at: number;
  status: number;
  headers: IncomingHttpHeaders;
  method: string;
  /** The request's path without the query (the query may carry secrets). */
  path: string;
}

export interface ProxyOptions {
  /** The key's name, for messages. */
  name: string;
  /** The key's base URL (https://api.voucherify.io, or the simulator's http://127.0.0.1:N). */
  upstream: string;
  /** 0: any free port. */
  port: number;
  onAnswer(answer: ProxiedAnswer): void;
  logger?: Logger;
  now?: () => number;
  /** How long the upstream may stay silent before the proxy answers 504 (default 120 s). */
  upstreamTimeoutMs?: number;
}

export interface RunningProxy {
  name: string;
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Hop-by-hop fields: they describe one connection, not the message (RFC 9110 7.6.1, 7.8). */
const HOP_BY_HOP = new Set([
  'connection',
  'proxy-connection',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'proxy-authorization',
  'proxy-authenticate',
]);
const VIA = '1.1 headroom';

export async function startProxy(opts: ProxyOptions): Promise<RunningProxy> {
  const logger = opts.logger ?? silentLogger;
  const now = opts.now ?? Date.now;
  const base = new URL(opts.upstream);
  if (base.protocol !== 'http:' && base.protocol !== 'https:')
    throw new Error(`the base URL of "${opts.name}" is not http(s)`);
  const tls = base.protocol === 'https:';
  const basePath = base.pathname.replace(/\/+$/, '');
  // Connections to the API are kept open between calls: most of the proxy's cost would be a handshake.
  const agent = tls
    ? new HttpsAgent({ keepAlive: true, maxSockets: 64 })
    : new HttpAgent({ keepAlive: true, maxSockets: 64 });
  const send = tls ? httpsRequest : httpRequest;
  const timeoutMs = opts.upstreamTimeoutMs ?? 120_000;
  let port = 0;

  const server: Server = createServer((req, res) => {
    const sentAt = now();
    if (!loopbackHost(req.headers.host, port)) {
      // A web page reaching the proxy through a rebound DNS name is not the integration.
      return answerSelf(res, 421, 'This Headroom proxy answers to 127.0.0.1 and localhost only.');
    }
    const target = req.url ?? '/';
    if (!target.startsWith('/')) return answerSelf(res, 400, 'Send paths, not absolute URLs, to this proxy.');
    const path = target.split('?')[0] ?? '/';
    const upstream = send(
      {
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port || undefined,
        method: req.method,
        path: basePath + target,
        headers: forwardHeaders(req.headers, base.host),
        agent,
        servername: tls ? base.hostname : undefined,
      },
      (up) => {
        try {
          opts.onAnswer({
            sentAt,
            at: now(),
            status: up.statusCode ?? 502,
            headers: up.headers,
            method: req.method ?? 'GET',
            path,
          });
        } catch (err) {
          logger.warn('passive reading not recorded', { key: opts.name, reason: errorName(err) });
        }
        res.writeHead(up.statusCode ?? 502, up.statusMessage, backwardHeaders(up.headers));
        up.pipe(res);
        up.on('error', () => res.destroy());
      },
    );
    upstream.setTimeout(timeoutMs, () =>
      upstream.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    );
    upstream.on('error', (err: NodeJS.ErrnoException) => {
      if (res.headersSent) return void res.destroy();
      const code = err.code ?? 'error';
      // A code only: the message of a TLS or DNS error can echo the URL, never a credential, but stay terse.
      logger.warn('proxy could not reach the API', { key: opts.name, code });
      answerSelf(
        res,
        code === 'ETIMEDOUT' ? 504 : 502,
        `Headroom's proxy for "${opts.name}" could not reach ${base.origin} (${code}).`,
      );
    });
    // The integration hung up: stop the upstream call too.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    req.pipe(upstream);
  });
  server.headersTimeout = 30_000;
  server.keepAliveTimeout = 5_000;
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  return {
    name: opts.name,
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
        agent.destroy();
      }),
  };
}

/** The request's fields minus hop-by-hop ones (and those Connection names), Host set to the API's. */
export function forwardHeaders(headers: IncomingHttpHeaders, host: string): OutgoingHttpHeaders {
  const out = endToEnd(headers);
  out.host = host;
  out.via = headers.via ? `${String(headers.via)}, ${VIA}` : VIA;
  return out;
}

export function backwardHeaders(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const out = endToEnd(headers);
  out.via = headers.via ? `${String(headers.via)}, ${VIA}` : VIA;
  return out;
}

function endToEnd(headers: IncomingHttpHeaders): OutgoingHttpHeaders {
  const named = new Set(
    String(headers.connection ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || named.has(name) || name === 'host') continue;
    out[name] = value;
  }
  return out;
}

function loopbackHost(host: string | undefined, port: number): boolean {
  if (!host) return true; // HTTP/1.0 clients send none; the socket is loopback-only anyway
  const m = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d+))?$/.exec(host.trim().toLowerCase());
  if (!m) return false;
  const name = m[1] ?? m[2] ?? '';
  if (m[3] !== undefined && Number(m[3]) !== port) return false;
  return name === '127.0.0.1' || name === 'localhost' || name === '::1';
}

function answerSelf(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', Via: VIA });
  res.end(JSON.stringify({ code: status, key: 'headroom_proxy', message }));
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : 'error';
}
