// The app's log: pino to `logs/headroom.log` in userData, one rotated generation (headroom.1.log)
// kept when the file passes 5 MB. Secret-looking fields are redacted by path, and token-looking text
// in messages is masked, as a second line of defence (the service never hands a secret to the log).
import { mkdirSync, openSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import { redact } from '../probe/redact';
import type { Logger } from '../service/ports';

const SECRET_FIELDS = [
  'token',
  'secret',
  'password',
  'authorization',
  'apiKey',
  'appToken',
  'clientToken',
  'cookie',
];

export const REDACT_PATHS = [
  ...SECRET_FIELDS,
  ...SECRET_FIELDS.map((f) => `*.${f}`),
  ...SECRET_FIELDS.map((f) => `*.*.${f}`),
  'headers["x-app-token"]',
  'headers["x-client-token"]',
  '*.headers["x-app-token"]',
  '*.headers["x-client-token"]',
];

const MAX_BYTES = 5 * 1024 * 1024;

/** Field names whose value is a secret at any depth (appToken, credentials.value, access_token, …). */
const SECRET_KEY =
  /^(?:[\w-]*(?:token|secret|password|passwd|api[_-]?key|apikey|authorization|cookie|credential)[\w-]*|value)$/i;

/**
 * Masks credentials written inline: "Bearer abc…", "Zoho-oauthtoken abc…", "token=abc…",
 * "?access_token=abc…" in a URL, "X-App-Token: abc…", long opaque runs and their base64 forms.
 */
export function scrub(text: string): string {
  return redact(
    text
      .replace(/\b(Bearer|Zoho-oauthtoken|Basic)\s+[^\s,;"']+/gi, '$1 [redacted]')
      .replace(
        /\b([\w-]*(?:token|secret|password|api[_-]?key))(["']?\s*[:=]\s*["']?)(?!\[redacted\])[^\s,;"'&]+/gi,
        '$1$2[redacted]',
      ),
  );
}

/** Every field named like a secret, at any depth, replaced; every string scrubbed. */
function cleanValue(value: unknown, key: string, parentKey: string, depth: number): unknown {
  if (depth > 8) return '[too deep]';
  // `value` is a secret only under a credentials-like parent ({ credentials: { kind, value } }).
  const secretKey = key === 'value' ? /credential|secret|token|auth/i.test(parentKey) : SECRET_KEY.test(key);
  if (secretKey && value !== null && value !== undefined && typeof value !== 'boolean') return '[redacted]';
  if (typeof value === 'string') return scrub(value);
  if (Array.isArray(value)) return value.map((v) => cleanValue(v, key, parentKey, depth + 1));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, cleanValue(v, k, key, depth + 1)]),
    );
  return value;
}

export function cleanFields(fields: Record<string, unknown> | undefined): Record<string, unknown> {
  if (!fields) return {};
  try {
    // Through JSON first: drops functions and cycles the way the log line would.
    const plain = JSON.parse(JSON.stringify(fields)) as Record<string, unknown>;
    return cleanValue(plain, '', '', 0) as Record<string, unknown>;
  } catch {
    // Not serialisable: log the field names only.
    return { fields: Object.keys(fields) };
  }
}

export interface FileLogger extends Logger {
  readonly file: string;
  flush(): void;
}

export function createFileLogger(dir: string, options: { sync?: boolean; level?: string } = {}): FileLogger {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'headroom.log');
  try {
    if (statSync(file).size > MAX_BYTES) renameSync(file, join(dir, 'headroom.1.log'));
  } catch {
    // No log yet.
  }
  // Opened here, synchronously: a destination still opening cannot be flushed, so lines written just
  // before quit would be lost.
  const destination = pino.destination({ fd: openSync(file, 'a', 0o600), sync: options.sync ?? false });
  const log = pino(
    {
      level: options.level ?? 'info',
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
  const write = (level: 'info' | 'warn' | 'error') => (msg: string, fields?: Record<string, unknown>) => {
    log[level](cleanFields(fields), scrub(msg));
  };
  return {
    file,
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    flush() {
      try {
        destination.flushSync();
      } catch {
        // Nothing buffered, or the file is gone: nothing to lose.
      }
    },
  };
}
