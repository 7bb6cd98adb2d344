// Anthropic (docs.anthropic.com/en/api/rate-limits, "Response headers"):
// anthropic-ratelimit-{requests,tokens,input-tokens,output-tokens}-{limit,remaining,reset}, resets
// in RFC 3339, retry-after (seconds) on a 429 whose body is {"type": "error", "error": {"type":
// "rate_limit_error", ...}}. The limits are per minute (RPM, ITPM, OTPM); each family is one window.
import type { HeaderBag } from '../headers/header-bag';
import { parseCount, parseResetAt } from '../headers/values';
import { PERIOD_MS, type QuotaWindow } from '../quota/model';
import { bodyObject, bodyString } from './body';
import { windowId } from './names';
import { buildWindow, genericBlock, type ProviderProfile } from './profile';

const PREFIX = 'anthropic-ratelimit-';
const FAMILY = /^anthropic-ratelimit-(.+)-(limit|remaining|reset)$/;
const KNOWN: Readonly<Record<string, string>> = {
  requests: 'Requests / minute',
  tokens: 'Tokens / minute',
  'input-tokens': 'Input tokens / minute',
  'output-tokens': 'Output tokens / minute',
};

function families(headers: HeaderBag): string[] {
  const found = new Set<string>();
  for (const name of headers.names()) {
    const m = FAMILY.exec(name);
    if (m?.[1]) found.add(m[1]);
  }
  const known = Object.keys(KNOWN);
  const rank = (f: string) => (known.includes(f) ? known.indexOf(f) : known.length);
  return [...found].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export const anthropic: ProviderProfile = {
  id: 'anthropic',
  name: 'Anthropic',
  detect(headers) {
    return headers.hasPrefix(PREFIX) ? 40 : 0;
  },
  read(input) {
    const h = input.headers;
    const windows: QuotaWindow[] = [];
    for (const family of families(h)) {
      const limit = `${PREFIX}${family}-limit`;
      const remaining = `${PREFIX}${family}-remaining`;
      if (!h.has(limit) && !h.has(remaining)) continue;
      const known = KNOWN[family];
      const tokens = family.includes('token');
      const id = windowId(family, 'requests');
      if (windows.some((w) => w.id === id)) {
        input.warn(`two Anthropic limits read as "${id}"; only the first is shown`);
        continue;
      }
      windows.push(
        buildWindow(
          {
            id,
            kind: known ? (tokens ? 'tokens' : 'requests-minute') : 'custom',
            unit: tokens ? 'tokens' : 'requests',
            label: known ?? `Limit (${id})`,
            ...(h.has(limit) ? { limit: parseCount(h.all(limit), 'limit') } : {}),
            ...(h.has(remaining) ? { remaining: parseCount(h.all(remaining), 'remaining') } : {}),
            resetAt: parseResetAt(h.first(`${PREFIX}${family}-reset`), 'iso8601', input.time),
            periodMs: known ? PERIOD_MS.minute : null,
          },
          input,
        ),
      );
    }
    const errorType = bodyString(bodyObject(input.body), 'error', 'type');
    return { windows, blocked: genericBlock(input, windows, errorType ?? 'rate_limit') };
  },
};
