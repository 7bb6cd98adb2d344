// Documented provider examples through the real CLI, as a user runs it: `npm run --silent cli --
// parse --provider auto --now ...` with the response on stdin (started as the npm script's entry,
// cli-process.ts). One fixture per acceptance case that
// the CLI must print right: several windows from one response, 429s with Retry-After as seconds and as
// an HTTP-date, and a dialect that only its extra headers tell apart.
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../core/provider-fixtures';
import { runCliProcess } from './cli-process';

const CASES = [
  'openai/headers.json',
  'ietf/draft08-429-http-date.json',
  'discord/user-429.json',
  'zendesk/list-tickets.json',
];

describe('cli parse --provider auto on documented provider examples (real process)', () => {
  const fixtures = loadFixtures().filter((f) => CASES.includes(f.file));

  it('has every chosen fixture', () => {
    expect(fixtures.map((f) => f.file).sort()).toEqual([...CASES].sort());
  });

  it.each(fixtures.map((f) => [f.file, f] as const))('%s', (_file, f) => {
    const r = runCliProcess(['parse', '--provider', 'auto', '--now', f.now], JSON.stringify(f.response));
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject(f.expected);
  });
});
