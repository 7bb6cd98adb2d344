// HubSpot (developers.hubspot.com/docs/guides/apps/api-usage/usage-details, "Rate limits"):
// X-HubSpot-RateLimit-Daily / -Daily-Remaining (requests per day; the day runs midnight to midnight in
// the account's time zone, which the response does not give), -Secondly / -Secondly-Remaining, and
// the burst window X-HubSpot-RateLimit-Interval-Milliseconds / -Max / -Remaining (e.g. 100 per 10 s).
// A 429 body names the limit: {"errorType": "RATE_LIMIT", "policyName": "DAILY" | "SECONDLY" |
// "TEN_SECONDLY_ROLLING", ...}.
import type { HeaderBag } from '../headers/header-bag';
import { parseCount, parseNumber } from '../headers/values';
import { PERIOD_MS, requestKindForPeriod, type Blocked, type QuotaWindow } from '../quota/model';
import { bodyObject, bodyString } from './body';
import { periodLabel } from './names';
import { buildWindow, readRetryAfter, type ProfileInput, type ProviderProfile } from './profile';

const PREFIX = 'x-hubspot-ratelimit-';
const H = {
  daily: 'x-hubspot-ratelimit-daily',
  dailyRemaining: 'x-hubspot-ratelimit-daily-remaining',
  secondly: 'x-hubspot-ratelimit-secondly',
  secondlyRemaining: 'x-hubspot-ratelimit-secondly-remaining',
  interval: 'x-hubspot-ratelimit-interval-milliseconds',
  max: 'x-hubspot-ratelimit-max',
  remaining: 'x-hubspot-ratelimit-remaining',
} as const;

/** HubSpot's policy names, and the window each one refers to. */
const POLICY_WINDOW: Readonly<Record<string, string>> = {
  DAILY: 'daily',
  SECONDLY: 'secondly',
  TEN_SECONDLY_ROLLING: 'burst',
};

function counts(input: ProfileInput, limit: string, remaining: string) {
  const h = input.headers;
  return {
    ...(h.has(limit) ? { limit: parseCount(h.all(limit), 'limit') } : {}),
    ...(h.has(remaining) ? { remaining: parseCount(h.all(remaining), 'remaining') } : {}),
  };
}

export const hubspot: ProviderProfile = {
  id: 'hubspot',
  name: 'HubSpot',
  detect(headers: HeaderBag) {
    return headers.hasPrefix(PREFIX) ? 40 : 0;
  },
  read(input) {
    const h = input.headers;
    const windows: QuotaWindow[] = [];
    if (h.has(H.daily) || h.has(H.dailyRemaining)) {
      windows.push(
        buildWindow(
          {
            id: 'daily',
            kind: 'requests-day',
            unit: 'requests',
            ...counts(input, H.daily, H.dailyRemaining),
            periodMs: PERIOD_MS.day,
          },
          input,
        ),
      );
      input.warn(
        "daily: HubSpot resets the daily limit at midnight in the account's time zone, which the response does not give; reset time unknown",
      );
    }
    if (h.has(H.secondly) || h.has(H.secondlyRemaining)) {
      windows.push(
        buildWindow(
          {
            id: 'secondly',
            kind: 'requests-second',
            unit: 'requests',
            ...counts(input, H.secondly, H.secondlyRemaining),
            periodMs: PERIOD_MS.second,
          },
          input,
        ),
      );
    }
    if (h.has(H.max) || h.has(H.remaining)) {
      const interval = parseNumber(h.first(H.interval));
      const periodMs = interval.value !== null && interval.value > 0 ? interval.value : null;
      if (h.has(H.interval) && periodMs === null)
        input.warn('X-HubSpot-RateLimit-Interval-Milliseconds is not a positive number; ignored');
      const kind = periodMs === null ? 'custom' : requestKindForPeriod(periodMs);
      windows.push(
        buildWindow(
          {
            id: 'burst',
            kind,
            unit: 'requests',
            label: periodLabel(kind, 'requests', periodMs),
            ...counts(input, H.max, H.remaining),
            periodMs,
          },
          input,
        ),
      );
    }

    if (input.status !== 429) return { windows, blocked: null };
    const policy = bodyString(bodyObject(input.body), 'policyName');
    const mapped = policy ? POLICY_WINDOW[policy.toUpperCase()] : undefined;
    const exhausted = windows.filter((w) => w.remaining === 0);
    const windowIdHit = mapped ?? (exhausted.length === 1 ? (exhausted[0]?.id ?? null) : null);
    const blocked: Blocked = {
      type: policy?.slice(0, 60) ?? 'rate_limit',
      windowId: windowIdHit,
      retryAt: readRetryAfter(input) ?? windows.find((w) => w.id === windowIdHit)?.resetAt ?? null,
    };
    return { windows, blocked };
  },
};
