// One HTTP response into quota facts: the entry point of the pure core.
// Never throws on what a server sent; only a caller's mistake (an unknown provider name) is an error.
import { HeaderBag } from './headers/header-bag';
import { parseHttpDate, type TimeContext } from './headers/values';
import { customProfile, type CustomHeaderSpec } from './providers/custom';
import {
  genericBlock,
  type ParseHints,
  type ProfileInput,
  type ProviderProfile,
  type ResponseInput,
} from './providers/profile';
import { detectProfile, findProfile, providerIds } from './providers/registry';
import type { ParseResult } from './quota/model';

export interface ParseOptions {
  /** A provider id, `auto` (default) or `custom` (with `custom` set). */
  provider?: string;
  /** Local receive time, epoch ms (default: the clock). */
  now?: number;
  hints?: ParseHints;
  custom?: CustomHeaderSpec;
}

export class UnknownProviderError extends Error {
  constructor(name: string) {
    super(`unknown provider "${name.slice(0, 40)}"; use auto, custom or one of: ${providerIds().join(', ')}`);
    this.name = 'UnknownProviderError';
  }
}

// A skew below this is the Date header's one-second resolution plus latency, not a wrong clock.
const SKEW_WARN_MS = 60_000;

export function parseResponse(response: ResponseInput, options: ParseOptions = {}): ParseResult {
  const now = options.now ?? Date.now();
  const headers = new HeaderBag(response.headers);
  const warnings: string[] = [];
  const serverNow = parseHttpDate(headers.first('date'));
  if (headers.has('date') && serverNow === null)
    warnings.push('Date header is not a valid HTTP-date; times count from the local clock');
  const time: TimeContext = { now, serverNow };
  const clockSkewMs = serverNow === null ? null : now - serverNow;
  if (clockSkewMs !== null && Math.abs(clockSkewMs) > SKEW_WARN_MS) {
    warnings.push(`local clock differs from the server's by ${Math.round(clockSkewMs / 1000)} s`);
  }

  const profile = selectProfile(options, headers, response);
  const input: ProfileInput = {
    headers,
    status: response.status,
    body: response.body,
    time,
    hints: options.hints ?? {},
    warn: (m) => warnings.push(m),
  };
  if (!profile) {
    warnings.push('no known rate-limit headers in the response');
    return {
      provider: 'unknown',
      status: response.status,
      windows: [],
      blocked: genericBlock(input, []),
      warnings,
      clockSkewMs,
    };
  }
  const { windows, blocked } = profile.read(input);
  return { provider: profile.id, status: response.status, windows, blocked, warnings, clockSkewMs };
}

function selectProfile(
  options: ParseOptions,
  headers: HeaderBag,
  response: ResponseInput,
): ProviderProfile | null {
  const name = options.provider ?? 'auto';
  if (name === 'auto') return detectProfile(headers, response.status, response.body);
  if (name === 'custom') {
    if (!options.custom) throw new UnknownProviderError('custom (without a header spec)');
    return customProfile(options.custom);
  }
  const found = findProfile(name);
  if (!found) throw new UnknownProviderError(name);
  return found;
}
