// The end-to-end test bridge: a Node HTTP server on 127.0.0.1 that serves the built renderer and
// exposes the REAL Headroom service the way the preload does, over HTTP instead of IPC:
//   POST /api/<method>  JSON payload shaped like the preload's IPC payload, validated by main's own
//                       guard (electron/ipc/guard) before the service sees it;
//   GET  /events        server-sent events: `state` (every AppState) and `focus` (a key to show).
// The page gets `window.headroom` from SHIM_SOURCE (shim.ts), which implements HeadroomApi on top.
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { IpcRequestError, type AppState, type InvokeChannel } from '../../electron/ipc/contract';
import { validateRequest } from '../../electron/ipc/guard';
import type { HeadroomService } from '../../electron/service/service-types';

export interface Bridge {
  url: string;
  /** Every setPinned the page sent. */
  pinned: boolean[];
  /** Pushes a focus request, as a click on a delivered notification does in the app. */
  focus(keyId: string): void;
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

const MAX_BODY = 1_000_000;

export async function startBridge(opts: { root: string; service: HeadroomService }): Promise<Bridge> {
  const { service } = opts;
  const streams = new Set<ServerResponse>();
  const pinned: boolean[] = [];

  const handlers: { [C in InvokeChannel]: (payload: unknown) => Promise<unknown> | unknown } = {
    getState: (p) => {
      validateRequest('getState', p);
      return service.getState();
    },
    probeNow: (p) => service.probeNow(validateRequest('probeNow', p).keyId),
    saveKey: (p) => service.saveKey(validateRequest('saveKey', p)),
    testKey: (p) => service.testKey(validateRequest('testKey', p)),
    deleteKey: (p) => service.deleteKey(validateRequest('deleteKey', p).keyId),
    updateSettings: (p) => service.updateSettings(validateRequest('updateSettings', p)),
    calibrate: (p) => {
      const r = validateRequest('calibrate', p);
      return service.calibrate(r.keyId, r.used, r.at);
    },
    snooze: (p) => service.snooze(validateRequest('snooze', p).duration),
    setPinned: (p) => {
      pinned.push(validateRequest('setPinned', p).pinned);
    },
    getHistory: (p) => service.getHistory(validateRequest('getHistory', p).keyId),
    // The browser shell has no save dialog: the content comes back and the page downloads it.
    exportData: (p) => service.exportData(validateRequest('exportData', p)),
  };

  const send = (event: 'state' | 'focus' | 'open-settings', data: unknown) => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of streams) res.write(frame);
  };
  const unsubscribe = service.subscribe((state: AppState) => send('state', state));

  const server = createServer((req, res) => {
    route(req, res).catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { error: err instanceof Error ? err.message : String(err) });
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://bridge').pathname;
    if (path === '/events' && req.method === 'GET') {
      res.writeHead(200, {
        'Content-Type': 'text/event-stream',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
      });
      res.write(`event: state\ndata: ${JSON.stringify(service.getState())}\n\n`);
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (path.startsWith('/api/')) {
      if (req.method !== 'POST') return json(res, 405, { error: 'POST only' });
      const method = path.slice('/api/'.length) as InvokeChannel;
      const handler = Object.hasOwn(handlers, method) ? handlers[method] : undefined;
      if (!handler) return json(res, 404, { error: 'unknown method' });
      const body = await readBody(req);
      let payload: unknown;
      try {
        payload = body === '' ? undefined : JSON.parse(body);
      } catch {
        return json(res, 400, { error: 'request body is not JSON' });
      }
      try {
        const result = await handler(payload);
        return json(res, 200, { result: result ?? null });
      } catch (err) {
        // Refusals (a payload off the contract, a request the service refuses) are the renderer's
        // to show, as over IPC; anything else is a bug and fails the test loudly.
        const status = err instanceof IpcRequestError ? 400 : 500;
        return json(res, status, { error: err instanceof Error ? err.message : String(err) });
      }
    }
    // Chromium asks for one on its own; the app has none (the tray carries the icon).
    if (path === '/favicon.ico') {
      res.writeHead(204);
      return void res.end();
    }
    return serveFile(opts.root, path, res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    pinned,
    focus: (keyId) => send('focus', keyId),
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const s of streams) s.end();
        streams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(payload);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Serves the built renderer, with the CSP of its index.html also sent as a header (as app:// does). */
async function serveFile(root: string, path: string, res: ServerResponse): Promise<void> {
  const rel = path === '/' ? 'index.html' : decodeURIComponent(path).replace(/^\/+/, '');
  const file = normalize(join(root, rel));
  if (!file.startsWith(normalize(root) + sep)) return json(res, 403, { error: 'outside the renderer' });
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return json(res, 404, { error: 'not found' });
  }
  const headers: Record<string, string> = {
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': 'no-store',
  };
  if (extname(file) === '.html') {
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(body.toString('utf8'))?.[1];
    if (csp) headers['Content-Security-Policy'] = csp;
  }
  res.writeHead(200, headers);
  res.end(body);
}
