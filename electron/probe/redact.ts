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
// The same in base64 (a token encoded for Basic auth or a cookie): + / and = padding included. Only a
// run with + or = counts: a URL path (letters, digits and slashes) is not a secret.
const BASE64 = /(?<![\w+/])[A-Za-z0-9+/]{16,}={0,2}(?![\w+/])/g;
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

/** A piece of a secret this long is as good as the secret to a guesser: it is redacted too. */
export const MIN_FRAGMENT = 8;

/**
 * Every run of at least MIN_FRAGMENT characters that also appears in the secret (a quoted prefix, a
 * token cut in two across a repeated header), replaced. Found by the secret's 8-grams, then extended.
 */
function removeFragments(text: string, secret: string): string {
  if (secret.length < MIN_FRAGMENT || text.length < MIN_FRAGMENT) return text;
  const grams = new Map<string, number[]>();
  for (let i = 0; i + MIN_FRAGMENT <= secret.length; i++) {
    const g = secret.slice(i, i + MIN_FRAGMENT);
    const at = grams.get(g);
    if (at) at.push(i);
    else grams.set(g, [i]);
  }
  const hidden: Array<[number, number]> = [];
  let i = 0;
  while (i + MIN_FRAGMENT <= text.length) {
    const starts = grams.get(text.slice(i, i + MIN_FRAGMENT));
    if (!starts) {
      i++;
      continue;
    }
    let end = i + MIN_FRAGMENT;
    for (const s of starts) {
      let e = i + MIN_FRAGMENT;
      while (e < text.length && s + (e - i) < secret.length && text[e] === secret[s + (e - i)]) e++;
      end = Math.max(end, e);
    }
    const last = hidden.at(-1);
    if (last && last[1] >= i) last[1] = Math.max(last[1], end);
    else hidden.push([i, end]);
    i = end;
  }
  if (hidden.length === 0) return text;
  let out = '';
  let from = 0;
  for (const [a, b] of hidden) {
    out += text.slice(from, a) + REDACTED;
    from = b;
  }
  return out + text.slice(from);
}

function removeAll(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    const forms = variants(secret);
    // Whole forms first, so a piece of one form never breaks up a whole occurrence of another.
    for (const v of forms) out = out.split(v).join(REDACTED);
    for (const v of forms) out = removeFragments(out, v);
  }
  return out;
}

/** The text with the given secrets and anything credential-like replaced by [redacted]. */
export function redact(text: string, secrets: readonly string[] = []): string {
  return removeAll(text, secrets)
    .replace(AUTH_SCHEME, (_m, scheme: string, space: string) => `${scheme}${space}${REDACTED}`)
    .replace(SECRET_PAIR, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`)
    .replace(JWT, REDACTED)
    .replace(BASE64, (m) => (/[+=]/.test(m) && HAS_LETTER.test(m) && HAS_DIGIT.test(m) ? REDACTED : m))
    .replace(OPAQUE, (m) => (HAS_LETTER.test(m) && HAS_DIGIT.test(m) ? REDACTED : m));
}

/**
 * Only the given secrets (their forms and any 8+ character piece of them), for data that must keep its
 * shape (header values, bodies).
 */
export function removeSecrets(text: string, secrets: readonly string[]): string {
  return removeAll(text, secrets);
}

/**
 * A repeated header's values with the secret removed even when it was split across them: when the
 * values joined hold the secret, every value that carries a piece of it is replaced whole.
 */
export function removeSecretsFromValues(values: readonly string[], secrets: readonly string[]): string[] {
  const cleaned = values.map((v) => removeSecrets(v, secrets));
  if (values.length < 2) return cleaned;
  const joined = values.join('');
  const joinedComma = values.join(', ');
  const split = secrets.some(
    (s) => s.length >= MIN_SECRET_LENGTH && (joined.includes(s) || joinedComma.includes(s)),
  );
  if (!split) return cleaned;
  return values.map((v, i) => {
    const inSecret = secrets.some(
      (s) => v.length > 0 && (s.includes(v.trim()) || removeSecrets(v, [s]) !== v),
    );
    return inSecret ? REDACTED : (cleaned[i] as string);
  });
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
