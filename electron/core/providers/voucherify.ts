// Voucherify (docs.voucherify.io/docs/limits; DESIGN.md section 2).
// Every response carries X-Rate-Limit-Limit / -Remaining / -Retry for the request window (an hour or,
// on newer plans, a minute). After a limit is hit: Retry-After (seconds) and X-Rate-Limit-Type naming
// which quota was hit. Whether Limit/Remaining switch to the breached window on a 429 is undocumented,
// so both readings are handled, and the ambiguous case is flagged rather than guessed silently.
import { parseCount, parseResetAt } from '../headers/values';
import { PERIOD_MS, type QuotaWindow, type WindowKind } from '../quota/model';
import { buildWindow, readRetryAfter, type ProfileInput, type ProviderProfile } from './profile';

export const VOUCHERIFY_LIMIT_TYPES = [
  'api_calls',
  'bulk_api_calls',
  'api_calls_cycle',
  'webhook_calls',
] as const;
export type VoucherifyLimitType = (typeof VOUCHERIFY_LIMIT_TYPES)[number];

const H = {
  limit: 'x-rate-limit-limit',
  remaining: 'x-rate-limit-remaining',
  retry: 'x-rate-limit-retry',
  type: 'x-rate-limit-type',
} as const;

function isLimitType(s: string): s is VoucherifyLimitType {
  return (VOUCHERIFY_LIMIT_TYPES as readonly string[]).includes(s);
}

/** Kind and period of each Voucherify window. The request window is an hour unless the plan says a minute. */
function shapeOf(type: string, requestPeriodMs: number): { kind: WindowKind; periodMs: number | null } {
  switch (type) {
    case 'api_calls':
      return {
        kind: requestPeriodMs === PERIOD_MS.minute ? 'requests-minute' : 'requests-hour',
        periodMs: requestPeriodMs,
      };
    case 'bulk_api_calls':
      return { kind: 'bulk', periodMs: PERIOD_MS.hour };
    case 'api_calls_cycle':
      return { kind: 'billing-cycle', periodMs: null };
    case 'webhook_calls':
      return { kind: 'webhooks', periodMs: PERIOD_MS.day };
    default:
      return { kind: 'custom', periodMs: null };
  }
}

function bodyKey(body: unknown): string | null {
  if (body && typeof body === 'object' && 'key' in body && typeof body.key === 'string')
    return cleanType(body.key);
  return null;
}

function cleanType(raw: string | undefined): string | null {
  const clean = raw?.replace(/[^A-Za-z0-9_.-]/g, '').slice(0, 40);
  return clean ? clean : null;
}

/**
 * Which window the Limit/Remaining headers describe. On a normal response: the type header if any, else
 * the request window. On a 429 for another limit they may describe either; a window with requests left
 * cannot be the exhausted one, and a plan limit that matches settles the rest.
 */
function headerWindowType(
  input: ProfileInput,
  breached: string | null,
  remaining: number | null,
  limit: number | null,
) {
  if (breached === null || breached === 'api_calls')
    return { type: breached ?? 'api_calls', ambiguous: false };
  if (remaining !== null && remaining > 0) return { type: 'api_calls', ambiguous: false };
  const plan = input.hints.planLimits ?? {};
  if (limit !== null && plan[breached] === limit) return { type: breached, ambiguous: false };
  if (limit !== null && plan.api_calls === limit) return { type: 'api_calls', ambiguous: false };
  return { type: breached, ambiguous: true };
}

export const voucherify: ProviderProfile = {
  id: 'voucherify',
  name: 'Voucherify',
  detect(headers) {
    if (headers.has(H.retry) || headers.has(H.type)) return 10;
    return 0;
  },
  read(input) {
    const h = input.headers;
    // The type names a window and reaches the UI: a hostile or garbled value is cut short and cleaned.
    const typeRaw = cleanType(h.first(H.type));
    if (typeRaw !== null && !isLimitType(typeRaw))
      input.warn(`X-Rate-Limit-Type "${typeRaw}" is not one Voucherify documents`);
    const isBlock = input.status === 429;
    const breached = isBlock ? (typeRaw ?? bodyKey(input.body) ?? 'api_calls') : null;
    if (isBlock && typeRaw === null)
      input.warn('429 without X-Rate-Limit-Type; assuming the request window (api_calls)');

    const requestPeriod = input.hints.requestPeriodMs ?? PERIOD_MS.hour;
    const limit = h.has(H.limit) ? parseCount(h.all(H.limit), 'limit') : undefined;
    const remaining = h.has(H.remaining) ? parseCount(h.all(H.remaining), 'remaining') : undefined;
    const retry = parseResetAt(h.first(H.retry), 'epoch-seconds', input.time);
    if (retry.problem) input.warn(`X-Rate-Limit-Retry: ${retry.problem}`);

    const windows: QuotaWindow[] = [];
    // On a normal response a type header labels the window (DESIGN.md: "label the window by it").
    const { type, ambiguous } = isBlock
      ? headerWindowType(input, breached, remaining?.value ?? null, limit?.value ?? null)
      : { type: typeRaw ?? 'api_calls', ambiguous: false };
    if (limit || remaining) {
      // "The time when the next request can be made": in the future it is the window's reset;
      // at or before the response's own time it only says "now", which tells nothing about the reset.
      const base = input.time.serverNow ?? input.time.now;
      const resetAt = retry.value !== null && retry.value > base ? retry.value : null;
      const window = buildWindow(
        {
          id: type,
          ...shapeOf(type, requestPeriod),
          unit: type === 'webhook_calls' ? 'webhooks' : 'requests',
          limit,
          remaining,
          resetAt: { value: resetAt, problem: null },
        },
        input,
      );
      if (ambiguous) {
        const why = `Voucherify does not say whether these headers describe ${type} or the request window on a 429`;
        window.flag = window.flag ? `${window.flag}; ${why}` : why;
      }
      if (!input.hints.requestPeriodMs && type === 'api_calls' && resetAt === null) {
        input.warn('request window assumed hourly; set the plan to be sure');
      }
      windows.push(window);
    }

    let blocked = null;
    if (isBlock && breached !== null) {
      const retryAt = readRetryAfter(input) ?? retry.value;
      const headerWindow = windows.find((w) => w.id === breached);
      if (headerWindow && headerWindow.resetAt === null) headerWindow.resetAt = retryAt;
      if (!headerWindow) {
        windows.push(
          buildWindow(
            {
              id: breached,
              ...shapeOf(breached, requestPeriod),
              unit: breached === 'webhook_calls' ? 'webhooks' : 'requests',
              remaining: { value: 0, problem: null },
              resetAt: { value: retryAt, problem: null },
              source: 'breach',
            },
            input,
          ),
        );
      }
      blocked = { type: breached, windowId: breached, retryAt };
    } else if (input.status === 402) {
      // 402: the plan is exceeded or the subscription has ended; nothing lifts it on its own.
      blocked = { type: bodyKey(input.body) ?? 'plan_exceeded', windowId: null, retryAt: null };
    }
    return { windows, blocked };
  },
};
