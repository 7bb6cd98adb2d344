// Reading a response body that may carry limit facts (Discord's retry_after, Zoho's error code,
// HubSpot's policyName). The body is untrusted and may be absent, text, or any JSON: every accessor
// returns null rather than throwing or guessing.

// A body larger than this is not an error document worth parsing for limit facts.
const MAX_TEXT = 100_000;

/** The body as a plain object, parsing JSON text when that is what arrived; null otherwise. */
export function bodyObject(body: unknown): Record<string, unknown> | null {
  let value = body;
  if (typeof value === 'string') {
    const text = value.trim();
    if (!text.startsWith('{') || text.length > MAX_TEXT) return null;
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      return null;
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  return value as Record<string, unknown>;
}

/** The value at a path of object keys, or undefined. */
export function bodyField(body: Record<string, unknown> | null, ...path: string[]): unknown {
  let value: unknown = body;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = Object.prototype.hasOwnProperty.call(value, key)
      ? (value as Record<string, unknown>)[key]
      : undefined;
  }
  return value;
}

/** A short string field (provider words such as error codes), or null. */
export function bodyString(body: Record<string, unknown> | null, ...path: string[]): string | null {
  const v = bodyField(body, ...path);
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return s === '' || s.length > 200 ? null : s;
}

/** A finite number field, or null. */
export function bodyNumber(body: Record<string, unknown> | null, ...path: string[]): number | null {
  const v = bodyField(body, ...path);
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
