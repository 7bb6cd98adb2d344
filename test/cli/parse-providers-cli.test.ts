// Documented provider examples through the real CLI, as a user runs it: `npm run --silent cli --
// parse --provider auto --now ...` with the response on stdin. One fixture per acceptance case that
// the CLI must print right: several windows from one response, 429s with Retry-After as seconds and as
// an HTTP-date, and a dialect that only its extra headers tell apart.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../core/provider-fixtures';

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
    const r = spawnSync(
      'npm',
      ['run', '--silent', 'cli', '--', 'parse', '--provider', 'auto', '--now', f.now],
      {
        input: JSON.stringify(f.response),
        encoding: 'utf8',
        timeout: 30_000,
      },
    );
    expect(r.status).toBe(0);
    expect(r.stderr.replace(/^npm warn.*\n/gm, '')).toBe('');
    expect(JSON.parse(r.stdout)).toMatchObject(f.expected);
  });
});
