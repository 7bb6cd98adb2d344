// Secrets never reach a message, an error, a log line or CLI output. Every string the probe produces
// passes through `redact`: the key's own secrets (as typed, URL-encoded and JSON-escaped) go first,
// then anything that looks like a credential (auth schemes, token=..., JWTs, long opaque strings).

export const REDACTED = '[redacted]';

/** Secrets shorter than this are not searched for: replacing every "a" would wreck the message. */
const MIN_SECRET_LENGTH = 4;

const AUTH_SCHEME = /\b(Bearer|Basic|Digest|Token|Zoho-oauthtoken)(\s+)[^\s,;"'[\]]+/gi;
const SECRET_PAIR =
  /\b([\w-]*(?:token|secret|password|passwd|api[_-]?key|apikey|signature|credential|session)[\w-]*)(["']?\s*[:=]\s*["']?)(?!\[redacted\])([^\s"'&,;]+)/gi;
const JWT = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g;
// A long run of token characters mixing letters and digits: API keys, UUIDs, hex digests.
const OPAQUE = /[A-Za-z0-9_-]{20,}/g;
const HAS_LETTER = /[A-Za-z]/;
const HAS_DIGIT = /\d/;

function variants(secret: string): string[] {
  const out = new Set([secret]);
  try {
    out.add(encodeURIComponent(secret));
  } catch {
    // a lone surrogate cannot be encoded; the raw form is still searched
  }
  out.add(JSON.stringify(secret).slice(1, -1));
  return [...out].filter((v) => v.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
}

/** The text with the given secrets and anything credential-like replaced by [redacted]. */
export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    for (const v of variants(secret)) out = out.split(v).join(REDACTED);
  }
  return out
    .replace(AUTH_SCHEME, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`)
    .replace(SECRET_PAIR, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(OPAQUE, (m) => (HAS_LETTER.test(m) && HAS_DIGIT.test(m) ? REDACTED : m));
}

/** Only the given secrets (exact forms), for data that must keep its shape (header values, bodies). */
export function removeSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    for (const v of variants(secret)) out = out.split(v).join(REDACTED);
  }
  return out;
}

/** Every string inside a JSON-like value, redacted; the shape is kept. */
export function redactDeep<T>(value: T, secrets: readonly string[] = []): T {
  return walk(value, (s) => redact(s, secrets)) as T;
}

function walk(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === 'string') return fn(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, fn));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [fn(k), walk(v, fn)]));
  }
  return value;
}
