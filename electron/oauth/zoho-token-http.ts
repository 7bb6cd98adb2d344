// One refresh-token grant over HTTP(S) to a Zoho accounts server. The secrets go in the form body
// (Zoho accepts them as query parameters too, but a query string ends up in proxy logs). It never
// throws and never returns a secret: every failure is a RefreshFailure with redacted words.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { removeSecrets } from '../probe/redact';
import { networkFailure, readTokenAnswer, type RefreshFailure, type TokenGrant } from './zoho-token-answer';

export interface RefreshRequest {
  /** e.g. https://accounts.zoho.eu (the data centre's accounts server). */
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export type RefreshOutcome = { ok: true; grant: TokenGrant } | { ok: false; failure: RefreshFailure };

/** How the token provider asks for a token; tests and the demo may answer without HTTP. */
export type RequestToken = (req: RefreshRequest, now: () => number) => Promise<RefreshOutcome>;

const TIMEOUT_MS = 10_000;
const MAX_BODY = 16 * 1024;

export const requestZohoToken: RequestToken = async (req, now) => {
  const secrets = [req.clientSecret, req.refreshToken];
  let url: URL;
  try {
    url = new URL(`${req.accountsUrl.replace(/\/+$/, '')}/oauth/v2/token`);
  } catch {
    return { ok: false, failure: networkFailure('the accounts server URL is not valid', 'Zoho') };
  }
  const form = new URLSearchParams({
    grant_type: 'refresh_token',
    client_id: req.clientId,
    client_secret: req.clientSecret,
    refresh_token: req.refreshToken,
  }).toString();
  try {
    const { status, text } = await post(url, form);
    let body: unknown;
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = undefined;
    }
    const outcome = readTokenAnswer(status, body, now(), { accountsHost: url.host });
    if (outcome.ok) return outcome;
    return {
      ok: false,
      failure: { ...outcome.failure, message: removeSecrets(outcome.failure.message, secrets) },
    };
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const detail = e.code ?? (e.message === 'timeout' ? 'no answer in 10 s' : 'network error');
    return { ok: false, failure: networkFailure(removeSecrets(String(detail), secrets), url.host) };
  }
};

function post(url: URL, form: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const req = send(url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'Content-Length': Buffer.byteLength(form),
        Accept: 'application/json',
        Connection: 'close',
      },
      agent: false,
    });
    const timer = setTimeout(() => req.destroy(new Error('timeout')), TIMEOUT_MS);
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    req.on('error', (err) => done(() => reject(err)));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_BODY) chunks.push(c);
      });
      res.on('end', () =>
        done(() => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') })),
      );
      res.on('error', (err) => done(() => reject(err)));
    });
    req.end(form);
  });
}
