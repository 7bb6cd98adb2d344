// What a provider profile is, and the shared machinery every profile uses to turn raw header values
// into a validated QuotaWindow. Profiles say *which* headers mean what; this module decides what to
// do with missing, contradictory or malformed values, once, for all of them.
import type { HeaderBag, RawHeaders } from '../headers/header-bag';
import { parseCount, parseResetAt, type Parsed, type ResetFormat, type TimeContext } from '../headers/values';
import {
  labelForKind,
  type Blocked,
  type QuotaWindow,
  type Source,
  type Unit,
  type WindowKind,
} from '../quota/model';

/** An HTTP response as the parser sees it. */
export interface ResponseInput {
  status: number;
  headers: RawHeaders;
  body?: unknown;
}

/** What the caller knows that headers do not say (from the key's plan). */
export interface ParseHints {
  /** Length of the provider's main request window when the headers do not tell (Voucherify: hour or minute). */
  requestPeriodMs?: number;
  /** Plan limits by window id, used to tell which window a header describes when that is ambiguous. */
  planLimits?: Readonly<Record<string, number>>;
}

export interface ProfileInput {
  headers: HeaderBag;
  status: number;
  body: unknown;
  time: TimeContext;
  hints: ParseHints;
  /** Records a problem the user should see; never throws. */
  warn(message: string): void;
}

export interface ProfileOutput {
  windows: QuotaWindow[];
  blocked: Blocked | null;
}

export interface ProviderProfile {
  id: string;
  name: string;
  /** How sure this profile is that the response is its provider's: 0 = not at all. `auto` picks the highest. */
  detect(headers: HeaderBag, status: number, body: unknown): number;
  read(input: ProfileInput): ProfileOutput;
}

/** Raw parts of one window, before validation. */
export interface WindowParts {
  id: string;
  kind: WindowKind;
  unit: Unit;
  label?: string;
  limit?: Parsed<number>;
  remaining?: Parsed<number>;
  used?: Parsed<number>;
  resetAt?: Parsed<number>;
  periodMs?: number | null;
  source?: Source;
}

/**
 * Validates and completes a window: derives the missing one of limit / remaining / used when two are
 * known, and flags (with the reason) values that contradict each other. Problems are also warned.
 */
export function buildWindow(parts: WindowParts, input: Pick<ProfileInput, 'time' | 'warn'>): QuotaWindow {
  const problems: string[] = [];
  const take = (p: Parsed<number> | undefined, field: string): number | null => {
    if (!p) return null;
    if (p.problem) problems.push(p.problem.startsWith(field) ? p.problem : `${field}: ${p.problem}`);
    return p.value;
  };
  const limit = take(parts.limit, 'limit');
  let remaining = take(parts.remaining, 'remaining');
  let used = take(parts.used, 'used');
  const resetAt = take(parts.resetAt, 'reset');

  if (limit !== null) {
    if (remaining !== null && remaining > limit)
      problems.push(`remaining (${remaining}) is above the limit (${limit})`);
    if (used !== null && used > limit) problems.push(`used (${used}) is above the limit (${limit})`);
    if (remaining !== null && used !== null && Math.abs(limit - remaining - used) > 0.5) {
      problems.push(`used (${used}) and remaining (${remaining}) do not add up to the limit (${limit})`);
    }
    if (used === null && remaining !== null) used = Math.max(0, limit - remaining);
    if (remaining === null && used !== null) remaining = Math.max(0, limit - used);
  }
  if (resetAt !== null && resetAt < input.time.now - 24 * 3_600_000) {
    problems.push('reset time is more than a day in the past');
  }

  const flag = problems.length > 0 ? problems.join('; ') : null;
  for (const p of problems) input.warn(`${parts.id}: ${p}`);
  return {
    id: parts.id,
    kind: parts.kind,
    unit: parts.unit,
    label: parts.label ?? labelForKind(parts.kind, parts.unit),
    limit,
    remaining,
    used,
    resetAt,
    periodMs: parts.periodMs ?? null,
    observedAt: input.time.now,
    source: parts.source ?? 'header',
    flag,
  };
}

/** Where a declarative window finds its reset, tried in order (the first header present wins). */
export interface ResetSpec {
  header: string;
  format: ResetFormat;
}

/** A window read straight from named headers: how most providers do it. */
export interface HeaderWindowSpec {
  id: string;
  kind: WindowKind;
  unit: Unit;
  label?: string;
  periodMs?: number | null;
  limit?: string;
  remaining?: string;
  used?: string;
  reset?: readonly ResetSpec[];
}

/** Reads one declarative window; null when none of its count headers is present. */
export function readHeaderWindow(spec: HeaderWindowSpec, input: ProfileInput): QuotaWindow | null {
  const h = input.headers;
  const present = [spec.limit, spec.remaining, spec.used].some((name) => name !== undefined && h.has(name));
  if (!present) return null;
  const count = (name: string | undefined, field: string) =>
    name === undefined || !h.has(name) ? undefined : parseCount(h.all(name), field);
  const resetSpec = spec.reset?.find((r) => h.has(r.header));
  return buildWindow(
    {
      id: spec.id,
      kind: spec.kind,
      unit: spec.unit,
      ...(spec.label !== undefined ? { label: spec.label } : {}),
      periodMs: spec.periodMs ?? null,
      limit: count(spec.limit, 'limit'),
      remaining: count(spec.remaining, 'remaining'),
      used: count(spec.used, 'used'),
      resetAt: resetSpec ? parseResetAt(h.first(resetSpec.header), resetSpec.format, input.time) : undefined,
    },
    input,
  );
}

/** `Retry-After`, as seconds or an HTTP-date, into an absolute time. */
export function readRetryAfter(input: ProfileInput): number | null {
  const raw = input.headers.first('retry-after');
  if (raw === undefined) return null;
  const p = parseResetAt(raw, 'retry-after', input.time);
  if (p.problem) input.warn(`Retry-After: ${p.problem}`);
  return p.value;
}

/**
 * The generic reading of a 429: blocked until Retry-After, or else until the reset of the one window
 * that is exhausted. Profiles with their own word for the limit pass it as `type`.
 */
export function genericBlock(
  input: ProfileInput,
  windows: readonly QuotaWindow[],
  type = 'rate_limit',
): Blocked | null {
  if (input.status !== 429) return null;
  const exhausted = windows.filter((w) => w.remaining === 0);
  const only = exhausted.length === 1 ? exhausted[0] : undefined;
  const retryAt = readRetryAfter(input) ?? only?.resetAt ?? null;
  return { type, windowId: only?.id ?? null, retryAt };
}

/** A profile made only of declarative windows (plus the generic 429 reading). */
export interface DeclarativeProfileSpec {
  id: string;
  name: string;
  /** Headers whose presence identifies the provider, with the score each gives. */
  signatures: ReadonlyArray<{ header: string; score: number }>;
  windows: readonly HeaderWindowSpec[];
  blockedType?: string;
}

export function declarativeProfile(spec: DeclarativeProfileSpec): ProviderProfile {
  return {
    id: spec.id,
    name: spec.name,
    detect: (headers) =>
      spec.signatures.reduce((best, s) => (headers.has(s.header) ? Math.max(best, s.score) : best), 0),
    read(input) {
      const windows = spec.windows.flatMap((w) => readHeaderWindow(w, input) ?? []);
      return { windows, blocked: genericBlock(input, windows, spec.blockedType) };
    },
  };
}
