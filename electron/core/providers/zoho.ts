// Zoho CRM (zoho.com/crm/developer/docs/api/v4/api-limits.html; DESIGN.md section 3). Credits are
// counted per rolling 24 hours and no quota headers are documented, so X-RATELIMIT-LIMIT /
// -REMAINING / -RESET are read only when present and taken to describe the credits window. A refused
// call answers 429 with {"code": "TOO_MANY_REQUESTS", "details": {}, "message": ..., "status":
// "error"}; the same code is used when credits run out and when the concurrency cap is hit, so a 429
// is pinned on the credits window only when the headers show it exhausted.
import type { HeaderBag } from '../headers/header-bag';
import { parseCount } from '../headers/values';
import { PERIOD_MS, type Blocked, type QuotaWindow } from '../quota/model';
import { bodyField, bodyObject, bodyString } from './body';
import { buildWindow, readRetryAfter, type ProviderProfile } from './profile';
import { parseResetGuess } from './reset-guess';

const H = {
  limit: 'x-ratelimit-limit',
  remaining: 'x-ratelimit-remaining',
  reset: 'x-ratelimit-reset',
} as const;

/** Zoho's error document: an upper-case code, a message, "status": "error". */
function zohoError(body: unknown): string | null {
  const o = bodyObject(body);
  const code = bodyString(o, 'code');
  if (code === null || !/^[A-Z][A-Z0-9_]{2,60}$/.test(code)) return null;
  if (bodyString(o, 'status') !== 'error' || typeof bodyField(o, 'message') !== 'string') return null;
  return code;
}

export const zoho: ProviderProfile = {
  id: 'zoho',
  name: 'Zoho CRM',
  detect(headers: HeaderBag, _status, body) {
    const code = zohoError(body);
    if (code === 'TOO_MANY_REQUESTS') return 30;
    if (code !== null) return 20;
    // The headers alone are the de facto X-RateLimit-* set: below the generic reading, never above it.
    return headers.has(H.limit) || headers.has(H.remaining) ? 1 : 0;
  },
  read(input) {
    const h = input.headers;
    const windows: QuotaWindow[] = [];
    if (h.has(H.limit) || h.has(H.remaining)) {
      const window = buildWindow(
        {
          id: 'credits',
          kind: 'rolling-24h',
          unit: 'credits',
          ...(h.has(H.limit) ? { limit: parseCount(h.all(H.limit), 'limit') } : {}),
          ...(h.has(H.remaining) ? { remaining: parseCount(h.all(H.remaining), 'remaining') } : {}),
          resetAt: parseResetGuess(h.first(H.reset), input.time),
          periodMs: PERIOD_MS.day,
        },
        input,
      );
      // Zoho does not document these headers; when the plan's credits are known and differ, say so.
      const planCredits = input.hints.planLimits?.credits;
      if (planCredits !== undefined && window.limit !== null && window.limit !== planCredits) {
        const why = `the header limit (${window.limit}) is not the plan's credits (${planCredits}); it may describe another Zoho limit`;
        window.flag = window.flag ? `${window.flag}; ${why}` : why;
        input.warn(`credits: ${why}`);
      }
      windows.push(window);
    }

    const code = zohoError(input.body);
    if (input.status !== 429 && code !== 'TOO_MANY_REQUESTS') return { windows, blocked: null };
    const credits = windows[0];
    const exhausted = credits?.remaining === 0;
    if (!exhausted) input.warn('Zoho refused the call: the credits or the concurrency limit was reached');
    const blocked: Blocked = {
      type: code ?? 'TOO_MANY_REQUESTS',
      windowId: exhausted ? 'credits' : null,
      retryAt: readRetryAfter(input) ?? (exhausted ? (credits?.resetAt ?? null) : null),
    };
    return { windows, blocked };
  },
};
