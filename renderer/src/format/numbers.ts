// Counts and shares as a user reads them. Never NaN or Infinity on screen: unknown is a dash.
import type { Fmt } from './locale';

export const UNKNOWN = '–';

export function formatCount(fmt: Fmt, n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return UNKNOWN;
  return fmt.count.format(Math.round(n));
}

/** A share 0..1 as a whole percentage; values just above 0 or below 1 never round to 0 % or 100 %. */
export function formatShare(fmt: Fmt, share: number | null | undefined): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return UNKNOWN;
  const clamped = Math.min(1, Math.max(0, share));
  let pct = Math.round(clamped * 100);
  if (pct === 0 && clamped > 0) pct = 1;
  if (pct === 100 && clamped < 1) pct = 99;
  return fmt.percent.format(pct / 100);
}

/** "1 call", "2 calls", "1,000 calls": a count with its noun, singular for exactly one. */
export function countOf(fmt: Fmt, n: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(fmt, n)} ${Math.round(n) === 1 ? noun : plural}`;
}
