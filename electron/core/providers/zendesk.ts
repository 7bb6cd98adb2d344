// Zendesk (developer.zendesk.com/api-reference/introduction/rate-limits and
// .../best-practices-for-avoiding-rate-limiting): the account limit per minute as X-Rate-Limit /
// X-Rate-Limit-Remaining, repeated by list endpoints as ratelimit-limit / -remaining / -reset (reset
// in seconds), plus endpoint limits as `zendesk-ratelimit-<name>: total=100; remaining=99; resets=41`,
// each its own window (tickets-index on List Tickets). Retry-After (seconds) on a 429.
import type { HeaderBag } from '../headers/header-bag';
import { parseCount, parseResetAt, quote, type Parsed } from '../headers/values';
import { PERIOD_MS, type QuotaWindow } from '../quota/model';
import { windowId, withName } from './names';
import { buildWindow, genericBlock, type ProfileInput, type ProviderProfile } from './profile';

const ENDPOINT_PREFIX = 'zendesk-ratelimit-';

/** One count from the X- header or its ratelimit-* twin, saying so when the two disagree. */
function either(
  input: ProfileInput,
  primary: string,
  twin: string,
  field: string,
): Parsed<number> | undefined {
  const h = input.headers;
  const a = h.has(primary) ? parseCount(h.all(primary), field) : undefined;
  const b = h.has(twin) ? parseCount(h.all(twin), field) : undefined;
  if (!a) return b;
  if (b && a.value !== null && b.value !== null && a.value !== b.value && !a.problem) {
    return { value: a.value, problem: `${field}: ${primary} (${a.value}) and ${twin} (${b.value}) disagree` };
  }
  return a.value === null && b ? b : a;
}

function endpointWindow(name: string, raw: string, input: ProfileInput): QuotaWindow {
  const parts = new Map<string, string>();
  for (const part of raw.split(';')) {
    const [key, ...rest] = part.split('=');
    if (key && rest.length > 0) parts.set(key.trim().toLowerCase(), rest.join('=').trim());
  }
  if (parts.size === 0) input.warn(`${ENDPOINT_PREFIX}${name}: cannot read ${quote(raw)}`);
  const id = windowId(name, 'endpoint');
  return buildWindow(
    {
      id,
      kind: 'custom',
      unit: 'requests',
      label: withName('Endpoint requests', id),
      ...(parts.has('total') ? { limit: parseCount(parts.get('total'), 'limit') } : {}),
      ...(parts.has('remaining') ? { remaining: parseCount(parts.get('remaining'), 'remaining') } : {}),
      resetAt: parseResetAt(parts.get('resets'), 'delta-seconds', input.time),
    },
    input,
  );
}

export const zendesk: ProviderProfile = {
  id: 'zendesk',
  name: 'Zendesk',
  detect(headers: HeaderBag) {
    if (headers.hasPrefix(ENDPOINT_PREFIX)) return 40;
    return headers.has('x-rate-limit') ? 30 : 0;
  },
  read(input) {
    const h = input.headers;
    const windows: QuotaWindow[] = [];
    const limit = either(input, 'x-rate-limit', 'ratelimit-limit', 'limit');
    const remaining = either(input, 'x-rate-limit-remaining', 'ratelimit-remaining', 'remaining');
    if (limit || remaining) {
      windows.push(
        buildWindow(
          {
            id: 'requests',
            kind: 'requests-minute',
            unit: 'requests',
            ...(limit ? { limit } : {}),
            ...(remaining ? { remaining } : {}),
            resetAt: parseResetAt(h.first('ratelimit-reset'), 'delta-seconds', input.time),
            periodMs: PERIOD_MS.minute,
          },
          input,
        ),
      );
    }
    for (const name of h.names()) {
      if (!name.startsWith(ENDPOINT_PREFIX) || name.length === ENDPOINT_PREFIX.length) continue;
      const window = endpointWindow(name.slice(ENDPOINT_PREFIX.length), h.first(name) ?? '', input);
      if (windows.some((w) => w.id === window.id))
        input.warn(`two Zendesk limits are named "${window.id}"; only the first is shown`);
      else windows.push(window);
    }
    return { windows, blocked: genericBlock(input, windows) };
  },
};
