// Header values into numbers and absolute times. Nothing here throws: a value that cannot be read
// comes back as null with the reason, so a malformed header costs one figure, never the whole response.

export const RESET_FORMATS = [
  'epoch-seconds',
  'epoch-ms',
  'delta-seconds',
  'http-date',
  'iso8601',
  'duration',
  /** `Retry-After`: delta seconds or an HTTP-date. */
  'retry-after',
] as const;
export type ResetFormat = (typeof RESET_FORMATS)[number];

export interface Parsed<T> {
  value: T | null;
  /** Why the value was rejected or doubted; null when it read cleanly. */
  problem: string | null;
}

/** The clock a response is read against. */
export interface TimeContext {
  /** Local time the response was received (epoch ms). */
  now: number;
  /** The response's `Date` header (epoch ms), when present and valid. */
  serverNow: number | null;
}

/** Relative values count from the server's `Date` when it sent one, else from local now. */
export function relativeBase(t: TimeContext): number {
  return t.serverNow ?? t.now;
}

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A plain decimal number (what every count header carries). */
export function parseNumber(raw: string | undefined): Parsed<number> {
  if (raw === undefined) return { value: null, problem: null };
  const text = raw.trim();
  if (!NUMBER.test(text)) return { value: null, problem: `not a number: ${quote(text)}` };
  const n = Number(text);
  if (!Number.isFinite(n)) return { value: null, problem: `not a finite number: ${quote(text)}` };
  return { value: n, problem: null };
}

/**
 * A count (limit, remaining, used): a finite, non-negative number. A header repeated with different
 * values is ambiguous, so the first is taken and the disagreement reported.
 */
export function parseCount(raw: string | readonly string[] | undefined, name = 'value'): Parsed<number> {
  if (raw === undefined) return { value: null, problem: null };
  const list = typeof raw === 'string' ? splitRepeats(raw) : raw.flatMap(splitRepeats);
  if (list.length === 0) return { value: null, problem: `${name} is empty` };
  const first = parseNumber(list[0]);
  if (first.value === null) return { value: null, problem: `${name} ${first.problem}` };
  if (first.value < 0) return { value: null, problem: `${name} is negative (${list[0]})` };
  const others = list.slice(1).map((v) => parseNumber(v).value);
  const disagree = others.some((v) => v !== first.value);
  return {
    value: first.value,
    // The values are quoted (cut short): a hostile repeat must not flood the UI.
    problem: disagree
      ? `${name} repeated with different values (${quote(list.join(', '))}); using the first`
      : null,
  };
}

/** Splits a joined repeat ("100, 100") without touching HTTP-dates, which contain a comma. */
function splitRepeats(raw: string): string[] {
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

// Epoch values outside these bounds are not plausible reset times (years 2000 and 2200).
const MIN_EPOCH_MS = Date.UTC(2000, 0, 1);
const MAX_EPOCH_MS = Date.UTC(2200, 0, 1);
// A relative reset further away than this is not plausible for any rate limit (a year).
const MAX_DELTA_MS = 366 * 86_400_000;

/** Reads a reset or retry value in the given format into an absolute time (epoch ms). */
export function parseResetAt(raw: string | undefined, format: ResetFormat, t: TimeContext): Parsed<number> {
  if (raw === undefined) return { value: null, problem: null };
  const text = raw.trim();
  if (text === '') return { value: null, problem: 'reset is empty' };
  switch (format) {
    case 'epoch-seconds':
      return epoch(text, 1000);
    case 'epoch-ms':
      return epoch(text, 1);
    case 'delta-seconds':
      return delta(text, t);
    case 'duration': {
      const ms = parseDuration(text);
      if (ms === null) return { value: null, problem: `reset is not a duration: ${quote(text)}` };
      return { value: relativeBase(t) + ms, problem: null };
    }
    case 'http-date':
      return absoluteDate(text, 'an HTTP-date');
    case 'iso8601':
      return absoluteDate(text, 'an ISO 8601 time');
    case 'retry-after':
      return NUMBER.test(text) ? delta(text, t) : absoluteDate(text, 'seconds or an HTTP-date');
  }
}

function epoch(text: string, scale: number): Parsed<number> {
  const n = parseNumber(text);
  if (n.value === null) return { value: null, problem: `reset ${n.problem}` };
  const ms = n.value * scale;
  if (ms < MIN_EPOCH_MS || ms > MAX_EPOCH_MS) {
    return { value: null, problem: `reset ${quote(text)} is not a plausible epoch time` };
  }
  return { value: Math.round(ms), problem: null };
}

function delta(text: string, t: TimeContext): Parsed<number> {
  const n = parseNumber(text);
  if (n.value === null) return { value: null, problem: `reset ${n.problem}` };
  if (n.value < 0) return { value: null, problem: `reset is negative (${text})` };
  const ms = n.value * 1000;
  if (ms > MAX_DELTA_MS)
    return { value: null, problem: `reset ${quote(text)} seconds is implausibly far away` };
  return { value: Math.round(relativeBase(t) + ms), problem: null };
}

function absoluteDate(text: string, what: string): Parsed<number> {
  // Date.parse accepts both IMF-fixdate and ISO 8601, including Jira's minute-precision "2024-07-31T12:00Z".
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) return { value: null, problem: `reset is not ${what}: ${quote(text)}` };
  if (ms < MIN_EPOCH_MS || ms > MAX_EPOCH_MS)
    return { value: null, problem: `reset ${quote(text)} is not plausible` };
  return { value: ms, problem: null };
}

const DURATION_PART = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/g;
const UNIT_MS: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  ns: 1e-6,
};

/** Go-style durations as OpenAI sends them: "1s", "6m0s", "12ms", "1h2m3.5s". */
export function parseDuration(text: string): number | null {
  const s = text.trim();
  if (s === '' || s.length > 64) return null;
  let total = 0;
  let consumed = 0;
  for (const m of s.matchAll(DURATION_PART)) {
    if (m.index !== consumed) return null;
    total += Number(m[1]) * (UNIT_MS[m[2] as string] ?? NaN);
    consumed += m[0].length;
  }
  if (consumed !== s.length || !Number.isFinite(total)) return null;
  return Math.round(total);
}

/** The `Date` response header, when valid. */
export function parseHttpDate(raw: string | undefined): number | null {
  if (raw === undefined) return null;
  const ms = Date.parse(raw);
  return Number.isFinite(ms) && ms >= MIN_EPOCH_MS && ms <= MAX_EPOCH_MS ? ms : null;
}

/** Quotes a header value for a message, cut short: a hostile header must not flood the UI. */
export function quote(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach the UI
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return JSON.stringify(clean.length > 40 ? `${clean.slice(0, 40)}…` : clean);
}
