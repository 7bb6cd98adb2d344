// The CLI as a user runs it: a real process, JSON in and out, one-line errors. The first test goes
// through npm's script exactly as the README types it; the others start the same entry directly
// (cli-process.ts), which is far cheaper under load.
import { describe, expect, it } from 'vitest';
import { runCliProcess } from './cli-process';

function cli(args: string[], stdin: string, opts: { viaNpm?: boolean } = {}) {
  return runCliProcess(args, stdin, opts);
}

describe('cli parse (real process)', () => {
  it('prints windows and blocked as JSON with ISO times (through npm, as the README types it)', () => {
    const input = JSON.stringify({
      status: 429,
      headers: {
        'X-Rate-Limit-Limit': '100',
        'X-Rate-Limit-Remaining': '0',
        'Retry-After': '120',
        'X-Rate-Limit-Type': 'api_calls',
      },
    });
    const r = cli(['parse', '--now', '2026-11-23T12:00:00Z'], input, { viaNpm: true });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.provider).toBe('voucherify');
    expect(out.blocked).toEqual({
      type: 'api_calls',
      window: 'api_calls',
      retryAt: '2026-11-23T12:02:00.000Z',
    });
    expect(out.windows[0]).toMatchObject({
      id: 'api_calls',
      limit: 100,
      remaining: 0,
      used: 100,
      source: 'header',
    });
  });

  it.each([
    ['empty', ''],
    ['not JSON', '{oops'],
    ['wrong shape', '{"status": "ok"}'],
    ['a list', '[1,2]'],
  ])('gives one clear line and a non-zero exit for %s stdin', (_name, stdin) => {
    const r = cli(['parse'], stdin);
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^headroom parse: /);
    expect(r.stderr).not.toMatch(/\bat .*\(.*:\d+:\d+\)/); // no stack frames
  });

  it('rejects an unknown provider by name', () => {
    const r = cli(['parse', '--provider', 'nope'], '{"status":200,"headers":{}}');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown provider "nope"/);
  });
});
