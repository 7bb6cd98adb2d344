// OpenAI (platform.openai.com/docs/guides/rate-limits, "Rate limits in headers"):
// x-ratelimit-{limit,remaining,reset}-{requests,tokens}, the reset a Go-style duration until the
// limit is back to its full state ("1s", "6m0s", "12ms"). Each suffix is one window; suffixes beyond
// the documented two (OpenAI has sent e.g. `tokens_usage_based`) become windows of their own.
import type { HeaderBag } from '../headers/header-bag';
import { parseCount, parseResetAt } from '../headers/values';
import type { QuotaWindow } from '../quota/model';
import { windowId } from './names';
import { buildWindow, genericBlock, type ProviderProfile } from './profile';

// Only limit and remaining name a window: a reset alone says nothing (and Discord's
// X-RateLimit-Reset-After would otherwise read as a window called "after").
const FAMILY = /^x-ratelimit-(limit|remaining)-(.+)$/;

function suffixes(headers: HeaderBag): string[] {
  const found = new Set<string>();
  for (const name of headers.names()) {
    const m = FAMILY.exec(name);
    if (m?.[2]) found.add(m[2]);
  }
  // The documented order first, then the rest alphabetically, so windows come out stable.
  const order = (s: string) => (s === 'requests' ? 0 : s === 'tokens' ? 1 : 2);
  return [...found].sort((a, b) => order(a) - order(b) || a.localeCompare(b));
}

export const openai: ProviderProfile = {
  id: 'openai',
  name: 'OpenAI',
  detect(headers) {
    return suffixes(headers).length > 0 ? 30 : 0;
  },
  read(input) {
    const h = input.headers;
    const windows: QuotaWindow[] = [];
    for (const suffix of suffixes(input.headers)) {
      const limit = `x-ratelimit-limit-${suffix}`;
      const remaining = `x-ratelimit-remaining-${suffix}`;
      if (!h.has(limit) && !h.has(remaining)) continue;
      const tokens = suffix.includes('token');
      const id = windowId(suffix, 'requests');
      if (windows.some((w) => w.id === id)) {
        input.warn(`two OpenAI limits read as "${id}"; only the first is shown`);
        continue;
      }
      windows.push(
        buildWindow(
          {
            id,
            kind: tokens ? 'tokens' : 'custom',
            unit: tokens ? 'tokens' : 'requests',
            label: suffix === 'requests' ? 'Requests' : suffix === 'tokens' ? 'Tokens' : `Limit (${id})`,
            ...(h.has(limit) ? { limit: parseCount(h.all(limit), 'limit') } : {}),
            ...(h.has(remaining) ? { remaining: parseCount(h.all(remaining), 'remaining') } : {}),
            resetAt: parseResetAt(h.first(`x-ratelimit-reset-${suffix}`), 'duration', input.time),
          },
          input,
        ),
      );
    }
    return { windows, blocked: genericBlock(input, windows) };
  },
};
