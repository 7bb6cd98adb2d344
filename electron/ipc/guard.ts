// Main's side of the IPC contract: who may call, and what they may send.
// - isTrustedSender: only the app's own top-level frame (app://headroom in production, the Vite dev
//   server's origin in development). file:, other hosts, about:blank and subframes are refused.
// - validateRequest: every payload is parsed with the channel's zod schema; a refusal is an
//   IpcRequestError with a short message naming the field, never the value (it may be a token).
import type { z } from 'zod';
import { IpcRequestError, REQUEST_SCHEMAS, type InvokeChannel } from './contract';

export const APP_ORIGIN = 'app://headroom';

/** What main knows about the frame that sent a message (Electron's WebFrameMain, reduced). */
export interface SenderFrame {
  url: string;
  /** False for iframes: only the top-level document speaks for the app. */
  isMainFrame: boolean;
}

/**
 * True when the frame is the app's own top-level page. `expected` is an origin such as
 * "app://headroom" or "http://localhost:5173". Compared by scheme, host and port: `new URL().origin`
 * is "null" for custom schemes, so it cannot be used for app://.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, expected: string): boolean {
  if (!frame || !frame.isMainFrame || typeof frame.url !== 'string') return false;
  const got = parse(frame.url);
  const want = parse(expected);
  if (!got || !want) return false;
  if (got.username !== '' || got.password !== '') return false;
  return (
    got.protocol === want.protocol &&
    got.hostname === want.hostname &&
    effectivePort(got) === effectivePort(want)
  );
}

function parse(url: string): URL | null {
  try {
    const u = new URL(url);
    // Only the app's scheme and the dev server's; never file:, data:, blob: or about:.
    return ['app:', 'http:', 'https:'].includes(u.protocol) && u.hostname !== '' ? u : null;
  } catch {
    return null;
  }
}

function effectivePort(u: URL): string {
  if (u.port !== '') return u.port;
  return u.protocol === 'https:' ? '443' : u.protocol === 'http:' ? '80' : '';
}

export type RequestOf<C extends InvokeChannel> = z.output<(typeof REQUEST_SCHEMAS)[C]>;

const MAX_MESSAGE = 160;

/** Parses a renderer payload for `channel`; throws IpcRequestError when it does not fit the contract. */
export function validateRequest<C extends InvokeChannel>(channel: C, payload: unknown): RequestOf<C> {
  const schema = REQUEST_SCHEMAS[channel] as z.ZodType;
  if (!schema) throw new IpcRequestError('unknown request');
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data as RequestOf<C>;
  const issue = parsed.error.issues[0];
  // Path segments can be user-chosen object keys (a record's keys): only plain names are shown.
  const path =
    issue && issue.path.length > 0
      ? issue.path
          .map((p) =>
            typeof p === 'number' || /^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(String(p)) ? String(p) : '…',
          )
          .join('.')
      : 'request';
  // Zod's messages describe the expectation, not the received value, except that unknown keys are
  // listed by name; those, and anything about secrets, get a fixed text. Every message is cut short.
  const detail = path.startsWith('secrets')
    ? 'is not a valid token'
    : issue?.code === 'unrecognized_keys'
      ? 'has fields the contract does not know'
      : (issue?.message ?? 'is invalid');
  throw new IpcRequestError(`${channel}: ${path}: ${detail}`.slice(0, MAX_MESSAGE));
}
