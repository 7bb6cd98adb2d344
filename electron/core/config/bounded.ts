// Keeps persisted runtime state bounded. The service appends history (cycle usage points, probe
// outcomes, readings) oldest first; on disk every array keeps only its newest entries, and the whole
// document is held under a byte budget by tightening that length until it fits.

export interface BoundOptions {
  /** Longest array kept anywhere in the document (the newest entries win). */
  maxArrayLength: number;
  /** Largest serialised size, in UTF-16 code units of the JSON text. */
  maxChars: number;
}

export const STATE_BOUNDS: BoundOptions = { maxArrayLength: 2_000, maxChars: 4_000_000 };

const MIN_ARRAY_LENGTH = 16;

export interface Bounded {
  value: unknown;
  /** Entries dropped across all arrays (0 when nothing was trimmed). */
  dropped: number;
}

export function boundState(value: unknown, options: BoundOptions = STATE_BOUNDS): Bounded {
  let max = options.maxArrayLength;
  let result = trim(value, max);
  while (JSON.stringify(result.value ?? null).length > options.maxChars && max > MIN_ARRAY_LENGTH) {
    max = Math.max(MIN_ARRAY_LENGTH, Math.floor(max / 2));
    result = trim(value, max);
  }
  return result;
}

function trim(value: unknown, max: number): Bounded {
  let dropped = 0;
  const walk = (v: unknown): unknown => {
    if (Array.isArray(v)) {
      const kept = v.length > max ? v.slice(v.length - max) : v;
      dropped += v.length - kept.length;
      return kept.map(walk);
    }
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) out[k] = walk(x);
      return out;
    }
    return v;
  };
  return { value: walk(value), dropped };
}
