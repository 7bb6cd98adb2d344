// Jira Cloud (developer.atlassian.com/cloud/jira/platform/rate-limiting): X-RateLimit-Limit /
// -Remaining, X-RateLimit-Reset as an ISO 8601 time with minute precision (yyyy-MM-ddTHH:mmZ, on
// 429s: the request time plus Retry-After), Retry-After (seconds), RateLimit-Reason naming the limit
// that refused the request (jira-burst-based, jira-quota-tenant-based, jira-per-issue-on-write, ...)
// and X-RateLimit-NearLimit: true when less than 20% of a budget remains.
// Jira's points-based quotas also arrive as IETF structured fields under a Beta- prefix
// (Beta-RateLimit-Policy / Beta-RateLimit, X-Beta-RateLimit-Reason), read here as extra windows.
import type { HeaderBag } from '../headers/header-bag';
import { parseCount, parseResetAt } from '../headers/values';
import type { QuotaWindow } from '../quota/model';
import { readStructuredFields, type StructuredFieldNames } from './ietf-fields';
import { buildWindow, readRetryAfter, type ProviderProfile } from './profile';

const H = {
  limit: 'x-ratelimit-limit',
  remaining: 'x-ratelimit-remaining',
  reset: 'x-ratelimit-reset',
  reason: 'ratelimit-reason',
  betaReason: 'x-beta-ratelimit-reason',
  nearLimit: 'x-ratelimit-nearlimit',
  betaNearLimit: 'x-beta-ratelimit-nearlimit',
  betaReset: 'x-beta-ratelimit-reset',
} as const;
const BETA_FIELDS: StructuredFieldNames = { policy: 'beta-ratelimit-policy', limit: 'beta-ratelimit' };

// Jira writes its reset as a date and time, which no other X-RateLimit-Reset dialect does.
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

export const jira: ProviderProfile = {
  id: 'jira',
  name: 'Jira Cloud',
  detect(headers: HeaderBag) {
    const own = [H.reason, H.betaReason, H.nearLimit, H.betaNearLimit, BETA_FIELDS.limit, BETA_FIELDS.policy];
    if (own.some((n) => headers.has(n))) return 30;
    if (ISO_TIME.test(headers.first(H.reset) ?? '')) return 25;
    return 0;
  },
  read(input) {
    const h = input.headers;
    const windows: QuotaWindow[] = [];
    const reset = parseResetAt(h.first(H.reset), 'iso8601', input.time);
    if (h.has(H.limit) || h.has(H.remaining)) {
      windows.push(
        buildWindow(
          {
            id: 'requests',
            kind: 'custom',
            unit: 'requests',
            label: 'Requests',
            ...(h.has(H.limit) ? { limit: parseCount(h.all(H.limit), 'limit') } : {}),
            ...(h.has(H.remaining) ? { remaining: parseCount(h.all(H.remaining), 'remaining') } : {}),
            resetAt: reset,
          },
          input,
        ),
      );
    } else if (reset.problem) {
      input.warn(`X-RateLimit-Reset: ${reset.problem}`);
    }
    if (h.has(BETA_FIELDS.limit) || h.has(BETA_FIELDS.policy)) {
      windows.push(...readStructuredFields(input, BETA_FIELDS, 'quota').filter((w) => w.id !== 'requests'));
    }
    if ([H.nearLimit, H.betaNearLimit].some((n) => h.first(n)?.toLowerCase() === 'true')) {
      input.warn('Jira reports that less than 20% of a rate-limit budget remains');
    }

    if (input.status !== 429) return { windows, blocked: null };
    const reason = (h.first(H.reason) ?? h.first(H.betaReason))?.slice(0, 80) || 'rate_limit';
    const exhausted = windows.filter((w) => w.remaining === 0);
    const retryAt =
      readRetryAfter(input) ??
      reset.value ??
      parseResetAt(h.first(H.betaReset), 'iso8601', input.time).value ??
      (exhausted.length === 1 ? (exhausted[0]?.resetAt ?? null) : null);
    return {
      windows,
      blocked: {
        type: reason,
        windowId: exhausted.length === 1 ? (exhausted[0]?.id ?? null) : null,
        retryAt,
      },
    };
  },
};
