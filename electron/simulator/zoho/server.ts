// The Zoho simulator over real HTTP on 127.0.0.1, beside the Voucherify one. One server plays every
// data centre's accounts and API servers, by path prefix:
//   POST /accounts/<dc>/oauth/v2/token   (form body or query: grant_type=refresh_token, client_id, ...)
//   GET  /api/<dc>/crm/v2/org             (Authorization: Zoho-oauthtoken <token>)
// so a key points its accounts URL at `${url}/accounts/<dc>` and its API base URL at `${url}/api/<dc>`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ZOHO_DATA_CENTRES, type ZohoDataCentre } from '../../core/config/settings';
import { ScaledClock, type Clock } from '../clock';
import { ZohoEngine, type ZohoAnswer, type ZohoOrgOptions } from './engine';

export interface ZohoSimulatorOptions {
  port?: number;
  /** A clock of your own (a ManualClock in tests); default real time from `start`. */
  clock?: Clock;
  start?: number;
  orgs?: ZohoOrgOptions[];
}

export interface RunningZohoSimulator {
  url: string;
  clock: Clock;
  orgs: readonly ZohoEngine[];
  accountsUrl(dc: ZohoDataCentre): string;
  apiUrl(dc: ZohoDataCentre): string;
  close(): Promise<void>;
}

const MAX_BODY = 8 * 1024;

export async function startZohoSimulator(opts: ZohoSimulatorOptions = {}): Promise<RunningZohoSimulator> {
  const clock =
    opts.clock ?? new ScaledClock({ speed: 1, ...(opts.start !== undefined ? { start: opts.start } : {}) });
  const orgs = (opts.orgs ?? [{}]).map((o) => new ZohoEngine(clock, o));
  const server = createServer((req, res) => {
    handle(req, res, orgs).catch(() => {
      if (!res.headersSent)
        send(res, {
          status: 500,
          headers: {},
          body: { code: 'INTERNAL_ERROR', details: {}, message: 'simulator error', status: 'error' },
        });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    clock,
    orgs,
    accountsUrl: (dc) => `${url}/accounts/${dc}`,
    apiUrl: (dc) => `${url}/api/${dc}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(req: IncomingMessage, res: ServerResponse, orgs: readonly ZohoEngine[]): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://sim');
  const m = /^\/(accounts|api)\/([a-z.]+)(\/.*)$/.exec(url.pathname);
  const dc = m?.[2] as ZohoDataCentre | undefined;
  if (!m || !dc || !(ZOHO_DATA_CENTRES as readonly string[]).includes(dc))
    return send(res, { status: 404, headers: {}, body: { error: 'not found' } });
  const rest = m[3] as string;
  if (m[1] === 'accounts') {
    if (req.method !== 'POST' || rest !== '/oauth/v2/token')
      return send(res, { status: 404, headers: {}, body: { error: 'not found' } });
    const params = new URLSearchParams(url.search);
    for (const [k, v] of new URLSearchParams(await readBody(req))) params.set(k, v);
    const clientId = params.get('client_id');
    // The org that owns the client id answers; an unknown client gets Zoho's invalid_client.
    const org = orgs.find((o) => o.clientId === clientId) ?? orgs[0];
    if (!org) return send(res, { status: 200, headers: {}, body: { error: 'invalid_client' } });
    return send(res, org.token(params, dc));
  }
  await readBody(req);
  const auth = req.headers.authorization;
  // The org that minted the token answers; an unknown token gets the first org's 401.
  const org = orgs.find((o) => o.owns(auth)) ?? orgs[0];
  if (!org)
    return send(res, {
      status: 401,
      headers: {},
      body: { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' },
    });
  return send(res, org.api(req.method ?? 'GET', rest, auth, dc));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, a: ZohoAnswer): void {
  const body = JSON.stringify(a.body);
  res.writeHead(a.status, {
    'Content-Type': 'application/json;charset=UTF-8',
    ...a.headers,
    'Content-Length': Buffer.byteLength(body),
  });
  res.end(body);
}
