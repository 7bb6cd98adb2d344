// Copies of files Headroom could not read, kept beside them for the user (tokens removed from any copy
// that parses), and the JSON-object check every file read goes through.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';

/** JSON that is an object, or a SyntaxError: a list or a bare value is as unreadable as bad JSON. */
export function deserializeObject(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new SyntaxError('the file holds JSON but not an object');
  return value as Record<string, unknown>;
}

export function stamp(now: number): string {
  return new Date(now).toISOString().replace(/[:.]/g, '-');
}

/** Copies `file` beside itself as `<name>.<reason>-<time>.json`, dropping any plaintext token from the copy. */
export function backupBeside(file: string, reason: string, now: number): string {
  const target = file.replace(/\.json$/, '') + `.${reason}-${stamp(now)}.json`;
  let text: string | null;
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    text = JSON.stringify(stripTokens(parsed), null, '\t');
  } catch {
    // Not JSON (or unreadable as text): keep the bytes exactly as they were.
    text = null;
  }
  if (text === null) copyFileSync(file, target);
  else writeFileSync(target, text, { mode: 0o600 });
  return target;
}

function stripTokens(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripTokens);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [
      k,
      /^(token|secret|apiKey|appToken)$/i.test(k) ? '[removed]' : stripTokens(x),
    ]),
  );
}
