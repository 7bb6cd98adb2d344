// Discord (discord.com/developers/docs/topics/rate-limits): X-RateLimit-Limit / -Remaining / -Reset
// (epoch seconds, fractional) / -Reset-After (seconds, fractional; preferred: it needs no clock) /
// -Bucket (the limit's id), and on a 429 -Scope (user, global or shared) and -Global, with a JSON body
// {message, retry_after (float seconds), global}. Retry-After wins over the body's retry_after.
import type { HeaderBag } from '../headers/header-bag';
import { parseCount, parseResetAt } from '../headers/values';
import type { Blocked, QuotaWindow } from '../quota/model';
import { bodyField, bodyNumber, bodyObject } from './body';
import { windowId, withName } from './names';
import { buildWindow, readRetryAfter, type ProviderProfile } from './profile';

const H = {
  limit: 'x-ratelimit-limit',
  remaining: 'x-ratelimit-remaining',
  reset: 'x-ratelimit-reset',
  resetAfter: 'x-ratelimit-reset-after',
  bucket: 'x-ratelimit-bucket',
  scope: 'x-ratelimit-scope',
  global: 'x-ratelimit-global',
} as const;

const SCOPES = ['user', 'global', 'shared'] as const;

function isRateLimitBody(body: Record<string, unknown> | null): boolean {
  return bodyNumber(body, 'retry_after') !== null && typeof bodyField(body, 'global') === 'boolean';
}

export const discord: ProviderProfile = {
  id: 'discord',
  name: 'Discord',
  detect(headers: HeaderBag, status, body) {
    if ([H.bucket, H.resetAfter, H.scope, H.global].some((n) => headers.has(n))) return 30;
    if (status === 429 && isRateLimitBody(bodyObject(body))) return 20;
    return 0;
  },
  read(input) {
    const h = input.headers;
    const body = bodyObject(input.body);
    const bucket = windowId(h.first(H.bucket), 'route');
    const windows: QuotaWindow[] = [];
    if (h.has(H.limit) || h.has(H.remaining)) {
      const resetAfter = parseResetAt(h.first(H.resetAfter), 'delta-seconds', input.time);
      const resetAt =
        h.has(H.resetAfter) && resetAfter.value !== null
          ? resetAfter
          : parseResetAt(h.first(H.reset), 'epoch-seconds', input.time);
      if (resetAfter.problem) input.warn(`X-RateLimit-Reset-After: ${resetAfter.problem}`);
      windows.push(
        buildWindow(
          {
            id: bucket,
            kind: 'custom',
            unit: 'requests',
            label: withName('Requests', h.has(H.bucket) ? `bucket ${bucket}` : 'route'),
            ...(h.has(H.limit) ? { limit: parseCount(h.all(H.limit), 'limit') } : {}),
            ...(h.has(H.remaining) ? { remaining: parseCount(h.all(H.remaining), 'remaining') } : {}),
            resetAt,
          },
          input,
        ),
      );
    }
    if (input.status !== 429) return { windows, blocked: null };

    const scopeRaw = h.first(H.scope)?.toLowerCase();
    const scope = SCOPES.find((s) => s === scopeRaw);
    if (scopeRaw !== undefined && !scope) input.warn('X-RateLimit-Scope is not one Discord documents');
    const global =
      scope === 'global' || h.first(H.global)?.toLowerCase() === 'true' || bodyField(body, 'global') === true;
    const bodyRetry = bodyNumber(body, 'retry_after');
    const retryAt =
      readRetryAfter(input) ??
      (bodyRetry !== null
        ? parseResetAt(String(bodyRetry), 'delta-seconds', input.time).value
        : (windows[0]?.resetAt ?? null));

    let windowIdHit: string | null = null;
    if (global) {
      // The global limit (50 requests a second per bot) has no headers of its own: record the breach.
      windows.push(
        buildWindow(
          {
            id: 'global',
            kind: 'requests-second',
            unit: 'requests',
            label: 'Requests / second (global)',
            remaining: { value: 0, problem: null },
            resetAt: { value: retryAt, problem: null },
            periodMs: 1000,
            source: 'breach',
          },
          input,
        ),
      );
      windowIdHit = 'global';
    } else if (scope !== 'shared' && windows[0]) {
      // A shared (per-resource) limit is not the bucket in the headers, which may still have room.
      windowIdHit = windows[0].id;
    }
    const blocked: Blocked = {
      type: global ? 'global' : (scope ?? 'rate_limit'),
      windowId: windowIdHit,
      retryAt,
    };
    return { windows, blocked };
  },
};
