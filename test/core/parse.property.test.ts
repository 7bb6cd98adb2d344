// Whatever a server sends, parsing never throws and never shows a number that is not one: arbitrary
// and malformed header sets built from every known dialect's names, for every provider and `auto`.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseResponse } from '../../electron/core/parse';
import { providerIds } from '../../electron/core/providers/registry';
import { parseResultSchema, type ParseResult } from '../../electron/core/quota/model';

const now = Date.parse('2026-11-23T12:00:00Z');

/** Every header name some profile reads. */
const KNOWN_NAMES = [
  'date',
  'retry-after',
  'cf-ray',
  'x-rate-limit-limit',
  'x-rate-limit-remaining',
  'x-rate-limit-retry',
  'x-rate-limit-type',
  'x-rate-limit-reset',
  'x-rate-limit',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
  'x-ratelimit-used',
  'x-ratelimit-resource',
  'x-ratelimit-reset-after',
  'x-ratelimit-bucket',
  'x-ratelimit-scope',
  'x-ratelimit-global',
  'x-ratelimit-nearlimit',
  'ratelimit-reason',
  'beta-ratelimit',
  'beta-ratelimit-policy',
  'x-beta-ratelimit-reason',
  'x-beta-ratelimit-reset',
  'ratelimit',
  'ratelimit-policy',
  'ratelimit-limit',
  'ratelimit-remaining',
  'ratelimit-reset',
  'x-ratelimit-limit-requests',
  'x-ratelimit-remaining-requests',
  'x-ratelimit-reset-requests',
  'x-ratelimit-limit-tokens',
  'x-ratelimit-remaining-tokens',
  'x-ratelimit-reset-tokens',
  'anthropic-ratelimit-requests-limit',
  'anthropic-ratelimit-requests-remaining',
  'anthropic-ratelimit-requests-reset',
  'anthropic-ratelimit-input-tokens-limit',
  'anthropic-ratelimit-input-tokens-remaining',
  'anthropic-ratelimit-input-tokens-reset',
  'x-shopify-shop-api-call-limit',
  'sforce-limit-info',
  'x-hubspot-ratelimit-daily',
  'x-hubspot-ratelimit-daily-remaining',
  'x-hubspot-ratelimit-secondly',
  'x-hubspot-ratelimit-secondly-remaining',
  'x-hubspot-ratelimit-interval-milliseconds',
  'x-hubspot-ratelimit-max',
  'x-hubspot-ratelimit-remaining',
  'zendesk-ratelimit-tickets-index',
];

const randomCase = (name: string) =>
  fc
    .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
    .map((upper) => [...name].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join(''));

const headerName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...KNOWN_NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...KNOWN_NAMES).chain(randomCase) },
  { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('x-ratelimit-limit-', 'anthropic-ratelimit-', 'zendesk-ratelimit-')
      .chain((p) => fc.stringMatching(/^[a-z_-]{1,12}$/).map((s) => p + s)),
  },
);

const number = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000_000 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -1, 1e21, 2 ** 53, 1.5, 1795435200, 1795435200123, Number.MAX_SAFE_INTEGER),
);

const headerText = fc.oneof(
  number.map(String),
  fc.constantFrom('', ' ', 'NaN', 'Infinity', '-Infinity', '1e999', '0x10', 'true', 'null', '١٢٣', '∞', '🙂'),
  fc.constantFrom(
    '6m0s',
    '12ms',
    '1h2m3.5s',
    '2026-11-23T12:05Z',
    'Mon, 23 Nov 2026 13:00:00 GMT',
    '32/40',
    '40/0',
  ),
  fc.constantFrom(
    'api-usage=10018/100000',
    'api-usage=/; per-app-api-usage=5/(appName=x',
    'total=100; remaining=999; resets=-4',
  ),
  fc.constantFrom(
    '"burst";q=100;w=60, "daily";q=1000;w=86400',
    '"a";r=5;t=30',
    'limit=100, remaining=500, reset=-5',
    '100, 100;w=60',
    'quota;q=-1;w=0',
    '"x";r=1e3;t=9999999999',
    '(1 2);q=3',
    '"a";q="many"',
  ),
  fc
    .tuple(fc.constantFrom('"', ''), fc.string({ maxLength: 12 }), number, number)
    .map(([q, n, a, b]) => `${q}${n}${q};q=${a};w=${b}`),
  fc.tuple(fc.string({ maxLength: 12 }), number, number).map(([n, r, t]) => `"${n}";r=${r};t=${t}`),
  fc.tuple(number, number).map(([a, b]) => `${a}/${b}`),
  fc.string({ maxLength: 60 }),
  fc.string({ minLength: 300, maxLength: 600 }),
);

const headerValue = fc.oneof(
  { weight: 4, arbitrary: headerText },
  { weight: 1, arbitrary: number },
  { weight: 1, arbitrary: fc.array(fc.oneof(headerText, number), { minLength: 1, maxLength: 3 }) },
);

const body = fc.oneof(
  fc.constant(undefined),
  fc.jsonValue(),
  fc.string({ maxLength: 80 }),
  fc.record({
    message: fc.string(),
    retry_after: fc.oneof(number, fc.string()),
    global: fc.oneof(fc.boolean(), fc.string()),
  }),
  fc.record({
    code: fc.constantFrom('TOO_MANY_REQUESTS', 'INVALID_TOKEN', 'x'),
    details: fc.jsonValue(),
    message: fc.string(),
    status: fc.constantFrom('error', 'ok'),
  }),
  fc.record({
    policyName: fc.oneof(fc.constantFrom('DAILY', 'SECONDLY', 'TEN_SECONDLY_ROLLING'), fc.string()),
    errorType: fc.constant('RATE_LIMIT'),
  }),
  fc.record({ type: fc.constant('error'), error: fc.record({ type: fc.string(), message: fc.string() }) }),
  fc.jsonValue().map((v) => JSON.stringify(v)),
);

/** The count headers of each dialect, so that coherent (and contradictory) limit/remaining pairs occur. */
const DIALECTS: string[][] = [
  ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-used'],
  ['x-rate-limit-limit', 'x-rate-limit-remaining'],
  ['x-rate-limit', 'x-rate-limit-remaining', 'ratelimit-limit', 'ratelimit-remaining'],
  ['ratelimit-limit', 'ratelimit-remaining'],
  ['x-ratelimit-limit-requests', 'x-ratelimit-remaining-requests'],
  ['anthropic-ratelimit-tokens-limit', 'anthropic-ratelimit-tokens-remaining'],
  [
    'x-hubspot-ratelimit-max',
    'x-hubspot-ratelimit-remaining',
    'x-hubspot-ratelimit-daily',
    'x-hubspot-ratelimit-daily-remaining',
  ],
];
const smallCount = fc.oneof(fc.integer({ min: 0, max: 1000 }).map(String), headerText);
const coherentHeaders = fc
  .constantFrom(...DIALECTS)
  .chain((names) =>
    fc
      .tuple(...names.map(() => smallCount))
      .map((values) => Object.fromEntries(names.map((n, i) => [n, values[i]]))),
  );

const response = fc.record({
  status: fc.oneof(fc.constantFrom(200, 403, 429, 402, 500), fc.integer({ min: 100, max: 599 })),
  headers: fc.oneof(
    fc.dictionary(headerName, headerValue, { maxKeys: 12 }),
    fc
      .tuple(coherentHeaders, fc.dictionary(headerName, headerValue, { maxKeys: 4 }))
      .map(([a, b]) => ({ ...b, ...a })),
  ),
  body,
});

function checkResult(r: ParseResult) {
  expect(parseResultSchema.safeParse(r).success).toBe(true);
  const ids = new Set<string>();
  for (const w of r.windows) {
    for (const v of [w.limit, w.remaining, w.used]) {
      if (v !== null) expect(Number.isFinite(v) && v >= 0).toBe(true);
    }
    if (w.resetAt !== null) expect(Number.isFinite(w.resetAt)).toBe(true);
    if (w.periodMs !== null) expect(Number.isFinite(w.periodMs) && w.periodMs > 0).toBe(true);
    if (w.limit !== null && w.remaining !== null && w.remaining > w.limit)
      expect(w.flag).toMatch(/above the limit/);
    expect(ids.has(w.id)).toBe(false);
    ids.add(w.id);
    // Provider text reaches labels and flags only cut short.
    expect(w.label.length).toBeLessThan(200);
  }
  if (r.blocked?.retryAt != null) expect(Number.isFinite(r.blocked.retryAt)).toBe(true);
  for (const m of r.warnings) expect(m.length).toBeLessThan(400);
}

describe('parse never throws and never yields a number that is not one', () => {
  it.each([...providerIds(), 'auto'])('%s, any headers, any status, any body', (provider) => {
    fc.assert(
      fc.property(response, (res) => {
        checkResult(parseResponse(res, { provider, now }));
      }),
      { numRuns: 400 },
    );
  });

  it('auto on headers that every dialect would read at once', () => {
    const all = fc.record(Object.fromEntries(KNOWN_NAMES.map((n) => [n, headerValue])));
    fc.assert(
      fc.property(all, fc.constantFrom(200, 429), body, (headers, status, b) => {
        checkResult(parseResponse({ status, headers, body: b }, { now }));
      }),
      { numRuns: 200 },
    );
  });

  it('reaches the profiles: the generated responses produce windows, flags and blocks', () => {
    const results = fc.sample(response, { numRuns: 500, seed: 42 }).map((res) => parseResponse(res, { now }));
    const share = (p: (r: ParseResult) => boolean) => results.filter(p).length / results.length;
    expect(share((r) => r.windows.length > 0)).toBeGreaterThan(0.5);
    expect(share((r) => r.windows.some((w) => w.flag !== null))).toBeGreaterThan(0.2);
    expect(share((r) => r.windows.some((w) => w.limit !== null && w.remaining !== null))).toBeGreaterThan(
      0.05,
    );
    expect(share((r) => r.blocked !== null)).toBeGreaterThan(0.05);
    expect(new Set(results.map((r) => r.provider)).size).toBeGreaterThan(10);
  });
});
