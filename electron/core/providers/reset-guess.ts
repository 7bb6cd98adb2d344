// A reset value whose format the provider does not document (the de facto X-RateLimit-Reset, Zoho's
// optional header). The value itself tells: an epoch is a huge number, a delay a small one, anything
// else may be a date. The guess is safe because each reading is range-checked by parseResetAt.
import { parseNumber, parseResetAt, quote, type Parsed, type TimeContext } from '../headers/values';

// Below this a number cannot be an epoch time in seconds after 2000 (946684800), so it is a delay.
const EPOCH_SECONDS_FROM = 900_000_000;
// From here on the number is too large for epoch seconds before 2200 and is read as milliseconds.
const EPOCH_MS_FROM = 100_000_000_000;

export function parseResetGuess(raw: string | undefined, time: TimeContext): Parsed<number> {
  if (raw === undefined) return { value: null, problem: null };
  const text = raw.trim();
  if (text === '') return { value: null, problem: 'reset is empty' };
  const n = parseNumber(text);
  if (n.value === null) {
    const date = parseResetAt(text, 'http-date', time);
    return date.value === null ? { value: null, problem: `reset is not a time: ${quote(text)}` } : date;
  }
  if (n.value >= EPOCH_MS_FROM) return parseResetAt(text, 'epoch-ms', time);
  if (n.value >= EPOCH_SECONDS_FROM) return parseResetAt(text, 'epoch-seconds', time);
  return parseResetAt(text, 'delta-seconds', time);
}
