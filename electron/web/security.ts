// The web shell's gatekeeping, as pure functions (no sockets here, so each rule is tested alone):
// - the secret: a per-launch random token (or HEADROOM_TOKEN), accepted as `Authorization: Bearer`
//   or as a cookie the page gets once from `?token=`. The cookie holds a digest of the token, never
//   the token, so no response ever carries the secret back.
// - the Host header must name this server (a DNS-rebinding page arrives with its own host name);
// - a POST must come from this server's own origin (a foreign page's form or fetch is refused).
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';

/** 32 random bytes, URL-safe: what `npm start` and `serve` generate when HEADROOM_TOKEN is not set. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** HEADROOM_TOKEN must be long enough not to be guessed; it travels in URLs, so URL-safe. */
export function tokenProblem(token: string): string | null {
  if (token.length < 16) return 'HEADROOM_TOKEN is shorter than 16 characters';
  if (token.length > 512) return 'HEADROOM_TOKEN is longer than 512 characters';
  if (!/^[A-Za-z0-9._~-]+$/.test(token)) return 'HEADROOM_TOKEN may hold only A-Z a-z 0-9 . _ ~ -';
  return null;
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Constant-time comparison (by digest, so unequal lengths take the same path). */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/** The cookie's value: a digest bound to the token, useless anywhere else and never the token. */
export function sessionValue(token: string): string {
  return createHash('sha256').update(`headroom-session\0${token}`).digest('base64url');
}

/** One cookie name per port: two Headroom servers on one host must not overwrite each other's. */
export function cookieName(port: number): string {
  return `headroom_session_${port}`;
}

export function sessionCookie(token: string, port: number): string {
  return `${cookieName(port)}=${sessionValue(token)}; Path=/; HttpOnly; SameSite=Strict`;
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export type AuthVia = 'bearer' | 'cookie' | null;

/** Which credential, if any, the request carries correctly. */
export function authenticate(
  headers: { authorization?: string; cookie?: string },
  token: string,
  port: number,
): AuthVia {
  const auth = headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return m?.[1] !== undefined && sameSecret(m[1], token) ? 'bearer' : null;
  }
  const cookie = readCookie(headers.cookie, cookieName(port));
  return cookie !== null && sameSecret(cookie, sessionValue(token)) ? 'cookie' : null;
}

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '[::1]'];

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/**
 * The host names a request may carry in its Host header. Loopback binds accept the loopback names;
 * a specific address accepts itself; a wildcard bind accepts this machine's addresses and name.
 * `extra` are names the operator added (a DNS name or a reverse proxy's).
 */
export function allowedHostNames(bindHost: string, extra: readonly string[] = []): Set<string> {
  const names = new Set<string>(LOOPBACK_NAMES);
  const bracket = (a: string) => (a.includes(':') ? `[${a}]` : a);
  if (isWildcard(bindHost)) {
    for (const list of Object.values(networkInterfaces()))
      for (const a of list ?? []) names.add(bracket(a.address).toLowerCase());
    names.add(hostname().toLowerCase());
  } else names.add(bracket(bindHost.replace(/^\[|\]$/g, '')).toLowerCase());
  for (const e of extra) names.add(e.toLowerCase());
  return names;
}

/** True when the Host header is one of `names` with this server's port. */
export function hostAllowed(
  hostHeader: string | undefined,
  names: ReadonlySet<string>,
  port: number,
): boolean {
  if (!hostHeader) return false;
  const m = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?$/.exec(hostHeader.trim());
  if (!m || !m[1]) return false;
  const p = m[2] === undefined ? 80 : Number(m[2]);
  return p === port && names.has(m[1].toLowerCase());
}

/**
 * A POST's Origin must be this server as the browser reached it (same scheme, Host header and
 * port). Without an Origin header only a bearer-authenticated client (curl, a script) may POST:
 * browsers always send one on a POST.
 */
export function originAllowed(
  origin: string | undefined,
  hostHeader: string | undefined,
  via: AuthVia,
): boolean {
  if (origin === undefined) return via === 'bearer';
  if (!hostHeader) return false;
  return origin.toLowerCase() === `http://${hostHeader.trim().toLowerCase()}`;
}
