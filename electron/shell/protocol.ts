// The renderer in production: served from dist/ through the privileged `app://headroom` scheme
// (not file://, so the page has a real origin the IPC guard can check and a CSP header can apply).
// Only GET/HEAD of files inside dist/ are answered; a path that escapes it (../, encoded or not,
// or through a symlink) is refused.
import { protocol } from 'electron';
import { readFile, realpath } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

export const APP_SCHEME = 'app';
export const APP_HOST = 'headroom';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** The production Content-Security-Policy: nothing but the app's own files; no inline script, no network. */
export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json',
};

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/** Call once the app is ready: answers app://headroom/... from `root` (the built renderer). */
export function serveApp(root: string): void {
  protocol.handle(APP_SCHEME, (request) => handleAppRequest(request, root));
}

function refuse(status: number, text: string): Response {
  return new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** Resolves a request path inside `root`; null when it is not a plain path under it. */
export function resolveInside(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/');
  if (segments.some((s) => s === '..')) return null;
  const base = resolve(root);
  const file = resolve(base, `.${decoded === '/' || decoded === '' ? '/index.html' : decoded}`);
  return file.startsWith(base + sep) ? file : null;
}

export async function handleAppRequest(
  request: { url: string; method: string },
  root: string,
): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(405, 'method not allowed');
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    return refuse(400, 'bad request');
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.hostname !== APP_HOST) return refuse(404, 'not found');
  const file = resolveInside(root, url.pathname);
  if (!file) return refuse(403, 'forbidden');
  try {
    // A symlink inside dist/ must not lead outside it.
    const [real, realRoot] = await Promise.all([realpath(file), realpath(resolve(root))]);
    if (!real.startsWith(realRoot + sep)) return refuse(403, 'forbidden');
    const body = await readFile(real);
    return new Response(request.method === 'HEAD' ? null : body, {
      status: 200,
      headers: {
        'content-type': TYPES[extname(real).toLowerCase()] ?? 'application/octet-stream',
        'content-security-policy': APP_CSP,
        'x-content-type-options': 'nosniff',
        'cross-origin-opener-policy': 'same-origin',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-cache',
      },
    });
  } catch {
    return refuse(404, 'not found');
  }
}
