// GitHub REST API (docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api):
// x-ratelimit-limit / -remaining / -used / -reset (UTC epoch seconds) / -resource on every response.
// The resource names the window (core, search, graphql, ...), so each resource is its own window.
// A primary limit that is exhausted answers 403 or 429 with remaining 0; a secondary limit answers
// 403 or 429 with a message saying so and, sometimes, Retry-After.
import type { Connection } from '../config/settings';
import type { HeaderBag } from '../headers/header-bag';
import { parseCount, parseResetAt } from '../headers/values';
import { PERIOD_MS, type Blocked, type Unit, type WindowKind } from '../quota/model';
import { bodyObject, bodyString } from './body';
import { periodLabel, windowId, withName } from './names';
import { buildWindow, readRetryAfter, type ProviderProfile } from './profile';

const H = {
  limit: 'x-ratelimit-limit',
  remaining: 'x-ratelimit-remaining',
  used: 'x-ratelimit-used',
  reset: 'x-ratelimit-reset',
  resource: 'x-ratelimit-resource',
} as const;

/** The documented period of the resources whose period GitHub states; others are left unknown. */
const RESOURCES: Readonly<Record<string, { periodMs: number; unit: Unit }>> = {
  core: { periodMs: PERIOD_MS.hour, unit: 'requests' },
  graphql: { periodMs: PERIOD_MS.hour, unit: 'points' },
  search: { periodMs: PERIOD_MS.minute, unit: 'requests' },
  code_search: { periodMs: PERIOD_MS.minute, unit: 'requests' },
};

function shape(resource: string): { kind: WindowKind; unit: Unit; periodMs: number | null } {
  const known = RESOURCES[resource];
  if (!known) return { kind: 'custom', unit: 'requests', periodMs: null };
  const kind: WindowKind =
    known.unit === 'points'
      ? 'custom'
      : known.periodMs === PERIOD_MS.hour
        ? 'requests-hour'
        : 'requests-minute';
  return { kind, ...known };
}

export const github: ProviderProfile = {
  id: 'github',
  name: 'GitHub',
  detect(headers: HeaderBag) {
    if (headers.has(H.resource)) return 30;
    if (headers.has(H.used)) return 25;
    return 0;
  },
  read(input) {
    const h = input.headers;
    const resource = windowId(h.first(H.resource), 'core');
    const present = h.has(H.limit) || h.has(H.remaining) || h.has(H.used);
    const windows = [];
    if (present) {
      const { kind, unit, periodMs } = shape(resource);
      windows.push(
        buildWindow(
          {
            id: resource,
            kind,
            unit,
            label: withName(periodLabel(kind, unit, periodMs), resource),
            ...(h.has(H.limit) ? { limit: parseCount(h.all(H.limit), 'limit') } : {}),
            ...(h.has(H.remaining) ? { remaining: parseCount(h.all(H.remaining), 'remaining') } : {}),
            ...(h.has(H.used) ? { used: parseCount(h.all(H.used), 'used') } : {}),
            resetAt: parseResetAt(h.first(H.reset), 'epoch-seconds', input.time),
            periodMs,
          },
          input,
        ),
      );
    }

    let blocked: Blocked | null = null;
    if (input.status === 403 || input.status === 429) {
      const message = bodyString(bodyObject(input.body), 'message') ?? '';
      const secondary = /secondary rate limit/i.test(message);
      const exhausted = windows[0]?.remaining === 0;
      const retryAt = readRetryAfter(input);
      // A 403 is also GitHub's answer to a missing permission: only call it a block when a limit says so.
      if (secondary || exhausted || input.status === 429 || retryAt !== null) {
        blocked = {
          type: secondary ? 'secondary' : resource,
          windowId: !secondary && exhausted ? resource : null,
          retryAt: retryAt ?? (exhausted ? (windows[0]?.resetAt ?? null) : null),
        };
      }
    }
    return { windows, blocked };
  },
};

/**
 * Whether a probe of this address costs no quota: GitHub's `GET /rate_limit` (on api.github.com, or a
 * GitHub Enterprise Server's `/api/v3`) is documented as not counting against the primary limit, so the
 * monitor does not count it as spend. Anything else is assumed to cost a call.
 */
export function isFreeGithubProbe(baseUrl: string, path: string, method: string = 'GET'): boolean {
  if (method !== 'GET') return false;
  let url: URL;
  try {
    url = new URL(path.replace(/^\/+/, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  } catch {
    return false;
  }
  const p = url.pathname.replace(/\/+$/, '');
  if (url.hostname.toLowerCase() === 'api.github.com') return p === '/rate_limit';
  return p.endsWith('/api/v3/rate_limit');
}

/** Whether a key's probe costs no quota (see isFreeGithubProbe). */
export function probeCostsNoQuota(c: Connection): boolean {
  return c.provider === 'generic' && isFreeGithubProbe(c.baseUrl, c.path, c.method);
}
