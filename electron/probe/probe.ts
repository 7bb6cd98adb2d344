// One probe: one real HTTP request for a key, with a timeout, parsed by the provider profiles and
// classified into an outcome a user can act on. It never throws and never lets a secret through: the
// key's secrets are removed from the response before parsing, and every message is redacted.
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { parseResponse } from '../core/parse';
import { createFmt, formatDateTime } from '../core/text/format';
import { blockPhrase, sentenceCase } from '../core/view/limit-words';
import type { ProbeOutcome } from '../core/probe-outcomes';
import { findProfile } from '../core/providers/registry';
import type { ParseResult } from '../core/quota/model';
import { redact, redactDeep, removeSecrets, removeSecretsFromValues } from './redact';
import {
  authHeaders,
  displayOrigin,
  PROVIDER_DEFAULTS,
  requestUrl,
  secretsOf,
  type ProbeTarget,
} from './targets';

export { PROBE_OUTCOMES, type ProbeOutcome } from '../core/probe-outcomes';

export interface ProbeResult {
  keyId: string;
  outcome: ProbeOutcome;
  /** Local time the outcome was known (epoch ms); the response was parsed against it. */
  at: number;
  /** Request start to the end of the answer (monotonic clock); null when nothing was sent. */
  latencyMs: number | null;
  /** HTTP status, when an answer came. */
  status: number | null;
  /** The response as quota facts (secrets removed), when an answer came. */
  result: ParseResult | null;
  /** One line for the user, redacted. */
  message: string;
  /** When the key may be probed again, when the provider said (429) or the caller's block stands. */
  retryAt: number | null;
  /** True when a request left this machine (false for deferred and for targets that could not be built). */
  sent: boolean;
}

export interface ProbeOptions {
  /** Wall clock (epoch ms); default Date.now. */
  now?: () => number;
  /** Default 10 s; the target's own timeoutMs wins. */
  timeoutMs?: number;
  /** The key's retry time from its last block: no request goes out before it. */
  retryAt?: number | null;
  /** Redacted log lines (one per probe). */
  log?: (line: string) => void;
  /** Bytes of body read at most (the body only matters for errors and HTML sniffing). */
  maxBodyBytes?: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_MAX_BODY = 64 * 1024;
const USER_AGENT = 'Headroom quota monitor (+https://github.com/headroom)';

interface Answer {
  status: number;
  headers: Record<string, string[]>;
  contentType: string;
  text: string;
  truncated: boolean;
}

class ProbeTimeout extends Error {
  constructor() {
    super('timeout');
    this.name = 'ProbeTimeout';
  }
}

export async function probe(target: ProbeTarget, options: ProbeOptions = {}): Promise<ProbeResult> {
  const now = options.now ?? Date.now;
  const secrets = secretsOf(target.credentials);
  const started = now();
  const finish = (r: Omit<ProbeResult, 'keyId'>): ProbeResult => {
    const result: ProbeResult = { keyId: target.keyId, ...r, message: redact(r.message, secrets) };
    options.log?.(
      redact(
        `probe ${target.keyId} ${target.method} ${displayOrigin(target.baseUrl)}${pathOnly(target.path)} -> ` +
          `${result.outcome}${result.status === null ? '' : ` ${result.status}`}` +
          `${result.latencyMs === null ? '' : ` ${Math.round(result.latencyMs)} ms`}: ${result.message}`,
        secrets,
      ),
    );
    return result;
  };

  if (options.retryAt != null && started < options.retryAt) {
    return finish({
      outcome: 'deferred',
      at: started,
      latencyMs: null,
      status: null,
      result: null,
      message: `Not probed: the provider asked to wait until ${when(options.retryAt)}; an earlier call would be refused and wasted`,
      retryAt: options.retryAt,
      sent: false,
    });
  }

  const timeoutMs = target.timeoutMs ?? options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const t0 = performance.now();
  let answer: Answer;
  try {
    answer = await send(target, timeoutMs, options.maxBodyBytes ?? DEFAULT_MAX_BODY);
  } catch (err) {
    const latencyMs = performance.now() - t0;
    return finish({
      ...classifyError(err, target, timeoutMs),
      at: now(),
      latencyMs,
      status: null,
      result: null,
      retryAt: null,
      sent: true,
    });
  }
  const latencyMs = performance.now() - t0;
  const at = now();
  return finish({
    ...classifyAnswer(answer, target, secrets, at),
    at,
    latencyMs,
    status: answer.status,
    sent: true,
  });
}

/** A 101 or other protocol switch: the server left HTTP, so there is no answer to read. */
class ProtocolSwitch extends Error {
  constructor(readonly status: number) {
    super('upgrade');
    this.name = 'ProtocolSwitch';
  }
}

/** Grace after the timeout before the watchdog settles a probe whose request never reported back. */
const WATCHDOG_GRACE_MS = 1_000;

function send(target: ProbeTarget, timeoutMs: number, maxBody: number): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const url = requestUrl(target);
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const done = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearTimeout(watchdog);
      fn();
    };
    const req = request(url, {
      method: target.method,
      headers: {
        ...authHeaders(target.credentials),
        Accept: 'application/json',
        'User-Agent': USER_AGENT,
        Connection: 'close',
      },
      // A fresh connection per probe: what a monitor polling every few minutes really pays, no idle
      // socket outlives the probe, and no probe can be sent on a keep-alive socket the server has
      // already closed ("other side closed" minutes after the last probe).
      agent: false,
    });
    // The timeout settles the probe itself, then frees the socket: whatever the server does next
    // (101, a stalled body, a socket it never closes), the caller has its answer on time.
    const timer = setTimeout(() => {
      done(() => reject(new ProbeTimeout()));
      req.destroy();
    }, timeoutMs);
    // The watchdog: should the timer's path ever fail to settle (a Node change, a throwing listener),
    // the probe still ends and its pool slot is freed.
    const watchdog = setTimeout(() => {
      done(() => reject(new ProbeTimeout()));
      req.destroy();
    }, timeoutMs + WATCHDOG_GRACE_MS);
    req.on('error', (err) => done(() => reject(err)));
    // 101 Switching Protocols (or any upgrade): Node hands over the raw socket and never emits
    // 'response'. There is no HTTP answer to read; close the socket and say so.
    req.on('upgrade', (res: IncomingMessage, socket) => {
      socket.destroy();
      done(() => reject(new ProtocolSwitch(res.statusCode ?? 101)));
    });
    let answered = false;
    // Closed before any answer and without an error (Node reports some such ends only as 'close').
    // Once an answer has begun its own events decide: 'close' may precede the body's 'end'.
    req.on('close', () => {
      if (!answered) done(() => reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })));
    });
    req.on('response', (res: IncomingMessage) => {
      answered = true;
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const complete = () =>
        done(() =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headersDistinct as Record<string, string[]>,
            contentType: String(res.headers['content-type'] ?? '').toLowerCase(),
            text: Buffer.concat(chunks).toString('utf8'),
            truncated,
          }),
        );
      res.on('data', (chunk: Buffer) => {
        if (truncated) return;
        size += chunk.length;
        if (size > maxBody) {
          truncated = true;
          chunks.push(chunk.subarray(0, chunk.length - (size - maxBody)));
          // Enough to classify; the rest would cost time and memory for nothing.
          complete();
          res.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', complete);
      res.on('error', (err) => done(() => reject(err)));
      res.on('aborted', () =>
        done(() => reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))),
      );
      // The body ended without 'end' (the socket closed mid-body): a dropped connection.
      res.on('close', () => done(() => reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }))));
    });
    req.end();
  });
}

type Classified = Pick<ProbeResult, 'outcome' | 'message'>;

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NODATA', 'EAI_NONAME']);
const UNREACHABLE_CODES = new Set(['EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'EADDRNOTAVAIL']);
const DROPPED_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'UND_ERR_SOCKET']);
const CERT_CODES = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_REVOKED',
  'CERT_UNTRUSTED',
  'HOSTNAME_MISMATCH',
]);

function classifyError(err: unknown, target: ProbeTarget, timeoutMs: number): Classified {
  const origin = displayOrigin(target.baseUrl);
  if (err instanceof ProbeTimeout)
    return { outcome: 'timeout', message: `Timed out after ${duration(timeoutMs)}` };
  if (err instanceof ProtocolSwitch)
    return {
      outcome: 'unexpected',
      message: `${origin} switched protocols (${err.status}) instead of answering: it is not the API; check the base URL`,
    };
  const e = err as NodeJS.ErrnoException & { reason?: string };
  const code = typeof e.code === 'string' ? e.code : '';
  const host = hostOf(target.baseUrl);
  if (DNS_CODES.has(code))
    return {
      outcome: 'dns',
      message:
        code === 'EAI_AGAIN'
          ? `Cannot resolve ${host} (DNS lookup failed: ${code}, no answer): check the network connection`
          : `Cannot resolve ${host} (DNS lookup failed: ${code}): check the base URL, or the network connection`,
    };
  if (code === 'ECONNREFUSED')
    return { outcome: 'connection', message: `Nothing is listening at ${origin} (connection refused)` };
  if (UNREACHABLE_CODES.has(code))
    return { outcome: 'connection', message: `Cannot reach ${origin} (${code}): check the network` };
  if (code === 'ETIMEDOUT')
    return { outcome: 'timeout', message: `Connecting to ${origin} timed out (ETIMEDOUT)` };
  if (code.startsWith('HPE_'))
    return {
      outcome: 'unexpected',
      message: `The answer from ${origin} is not valid HTTP (${code}): check the base URL`,
    };
  if (
    code.startsWith('ERR_SSL_') ||
    code.startsWith('ERR_TLS_') ||
    code === 'EPROTO' ||
    CERT_CODES.has(code)
  ) {
    const reason = (e.reason ?? code).slice(0, 80);
    const plain = /wrong version number|packet length too long|http request/i.test(`${reason} ${e.message}`);
    return {
      outcome: 'tls',
      message: `TLS with ${origin} failed (${reason})${plain ? ': the server speaks plain HTTP there; check https:// vs http://' : ''}`,
    };
  }
  if (DROPPED_CODES.has(code) || /socket hang up/i.test(e.message ?? ''))
    return {
      outcome: 'connection',
      message: `The connection to ${origin} was dropped before a complete answer (${code || 'socket hang up'})`,
    };
  return { outcome: 'connection', message: `The request to ${origin} failed (${code || 'network error'})` };
}

function classifyAnswer(
  a: Answer,
  target: ProbeTarget,
  secrets: readonly string[],
  at: number,
): Pick<ProbeResult, 'outcome' | 'message' | 'result' | 'retryAt'> {
  const name = PROVIDER_DEFAULTS[target.provider].name;
  const origin = displayOrigin(target.baseUrl);
  // Secrets are removed before parsing, so no warning can quote one (a server may echo the token).
  const headers = Object.fromEntries(
    Object.entries(a.headers).map(([k, vs]) => [k, removeSecretsFromValues(vs, secrets)]),
  );
  const text = removeSecrets(a.text, secrets);
  const body = a.truncated ? undefined : parseJson(text);
  const html = isHtml(a.contentType, text);
  const profile = target.custom ? 'custom' : findProfile(target.profile) ? target.profile : 'auto';
  const result = redactDeep(
    parseResponse(
      { status: a.status, headers, ...(body !== undefined ? { body } : {}) },
      {
        provider: profile,
        now: at,
        ...(target.hints ? { hints: target.hints } : {}),
        ...(target.custom ? { custom: target.custom } : {}),
      },
    ),
    secrets,
  );
  const apiSays = describeBody(body);
  const s = a.status;

  if (s === 401 || s === 403)
    return {
      outcome: 'unauthorized',
      message: `${name} rejected the key (${s}): ${PROVIDER_DEFAULTS[target.provider].rejectedHint}`,
      result,
      retryAt: null,
    };
  if (s === 429) {
    const retryAt = result.blocked?.retryAt ?? null;
    const type = result.blocked?.type ?? 'rate_limit';
    return {
      outcome: 'blocked',
      message: `${sentenceCase(blockPhrase(type))} ${retryAt === null ? '(the provider did not say until when)' : `until ${when(retryAt)}`}`,
      result,
      retryAt,
    };
  }
  if (s === 402)
    return {
      outcome: 'plan-exceeded',
      message: `${name} answered 402: the plan is exceeded or the subscription has ended${apiSays}`,
      result,
      retryAt: null,
    };
  if (s >= 500)
    return {
      outcome: 'server-error',
      message: `${name} had a server error (${s}): try again later${html ? '' : apiSays}`,
      result,
      retryAt: null,
    };
  if (html)
    return {
      outcome: 'unexpected',
      message: 'The server answered with an HTML page, not the API: check the base URL',
      result,
      retryAt: null,
    };
  if (s >= 300 && s < 400)
    return {
      outcome: 'unexpected',
      message: `${origin} redirected (${s}) instead of answering: check the base URL`,
      result,
      retryAt: null,
    };
  if (s >= 400)
    return {
      outcome: 'unexpected',
      message: `${name} answered ${s}${apiSays}: check the base URL and path`,
      result,
      retryAt: null,
    };
  if (s < 200) return { outcome: 'unexpected', message: `Unexpected status ${s}`, result, retryAt: null };
  if (target.provider === 'voucherify' && result.windows.length === 0)
    return {
      outcome: 'unexpected',
      message: `The server answered ${s} without Voucherify's rate-limit headers: check the base URL`,
      result,
      retryAt: null,
    };
  return { outcome: 'ok', message: okMessage(s, result), result, retryAt: null };
}

function okMessage(status: number, r: ParseResult): string {
  const parts = r.windows.map((w) => {
    const left = w.remaining === null ? '?' : String(w.remaining);
    const of = w.limit === null ? '' : ` of ${w.limit}`;
    const reset = w.resetAt === null ? '' : `, resets ${when(w.resetAt)}`;
    return `${w.label}: ${left}${of} left${reset}`;
  });
  const warn =
    r.warnings.length > 0 ? ` (${r.warnings.length} warning${r.warnings.length === 1 ? '' : 's'})` : '';
  return `OK (${status})${parts.length ? `: ${parts.join('; ')}` : ': no quota headers'}${warn}`;
}

/** The API's own words from a Voucherify-style error body, short. */
function describeBody(body: unknown): string {
  if (!body || typeof body !== 'object') return '';
  const b = body as Record<string, unknown>;
  const words = [b.key, b.message].filter((v): v is string => typeof v === 'string' && v.length > 0);
  if (words.length === 0) return '';
  return ` (${words.join(': ').slice(0, 120)})`;
}

function parseJson(text: string): unknown {
  const t = text.trim();
  if (!t.startsWith('{') && !t.startsWith('[')) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

function isHtml(contentType: string, text: string): boolean {
  if (contentType.includes('text/html')) return true;
  return /^\s*<(!doctype html|html|head|body)\b/i.test(text.slice(0, 512));
}

function pathOnly(path: string): string {
  return path.split('?', 1)[0] ?? '';
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).hostname;
  } catch {
    return 'the host';
  }
}

function duration(ms: number): string {
  return ms >= 1000 ? `${Math.round(ms / 100) / 10} s` : `${ms} ms`;
}

/**
 * "1 Dec, 13:00" in the machine's own zone and locale (the user's, in the app and the CLI): a
 * message is kept and read later, so it carries the day; never UTC unless the user lives there.
 */
export function when(ms: number): string {
  return formatDateTime(createFmt(), ms);
}
