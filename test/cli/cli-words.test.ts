// The CLI's rough edges, in process through runCli (the real-process runs are in the other cli tests):
// `parse --plan` is accepted as its warning suggests, errors are plain words, `forecast` says what a
// null run-out means, and `--help` explains every option.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../electron/cli/main';

async function cli(argv: string[], stdin = '') {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    readStdin: async () => stdin,
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    env: {},
  });
  return { code, stdout, stderr };
}

const VOUCHERIFY = JSON.stringify({
  status: 200,
  headers: { 'X-Rate-Limit-Limit': '100', 'X-Rate-Limit-Remaining': '60' },
});

describe('parse --plan', () => {
  it('takes the plan its own warning asks for', async () => {
    const bare = await cli(['parse', '--provider', 'voucherify'], VOUCHERIFY);
    const warning = JSON.parse(bare.stdout).warnings.join(' ');
    expect(warning).toMatch(/set the plan/);
    const r = await cli(['parse', '--provider', 'voucherify', '--plan', 'business'], VOUCHERIFY);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.windows[0]).toMatchObject({ kind: 'requests-minute', periodSeconds: 60 });
    expect(out.warnings).toEqual([]);
    // Auto-detection reads Voucherify's headers too.
    expect(JSON.parse((await cli(['parse', '--plan', 'startup'], VOUCHERIFY)).stdout).warnings).toEqual([]);
  });

  it('refuses an unknown plan, or a plan for another provider, in one line', async () => {
    const unknown = await cli(['parse', '--plan', 'gold'], VOUCHERIFY);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^headroom parse: --plan must be one of free, startup, growth/);
    const other = await cli(['parse', '--provider', 'github', '--plan', 'startup'], VOUCHERIFY);
    expect(other.stderr).toBe('headroom parse: --plan names a Voucherify plan\n');
  });
});

describe('errors in plain words', () => {
  it.each([
    [
      'headers as a list',
      ['parse'],
      '{"status": 200, "headers": []}',
      'headers must be an object, not a list',
    ],
    ['no status', ['parse'], '{"headers": {}}', 'status is missing'],
    ['a status out of range', ['parse'], '{"status": 42, "headers": {}}', 'status must be at least 100'],
    ['a list for a document', ['parse'], '[1]', 'the document must be an object, not a list'],
    [
      'an unknown reset format',
      ['parse', '--custom', '{"limitHeader": "X-L", "resetFormat": "soon"}'],
      '{"status": 200, "headers": {}}',
      'resetFormat must be one of "epoch-seconds"',
    ],
    ['a text limit', ['forecast'], '{"limit": "lots"}', 'limit must be a number, not text'],
    [
      'an unknown field',
      ['forecast'],
      JSON.stringify({
        limit: 5,
        cycleStart: '2026-04-01T00:00:00Z',
        cycleEnd: '2026-05-01T00:00:00Z',
        now: '2026-04-02T00:00:00Z',
        observations: [],
        token: 'x',
      }),
      'the document has a field Headroom does not know: token',
    ],
  ])('%s', async (_name, argv, stdin, words) => {
    const r = await cli(argv, stdin);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(words);
    // Never the schema library's own wording.
    expect(r.stderr).not.toMatch(/Invalid input|expected (record|string|number|array|object)|received/i);
  });
});

describe('forecast status', () => {
  const base = {
    limit: 30_000,
    cycleStart: '2026-04-01T00:00:00Z',
    cycleEnd: '2026-05-01T00:00:00Z',
    now: '2026-04-11T00:00:00Z',
  };
  const readings = (perDay: number) =>
    Array.from({ length: 10 }, (_, i) => ({
      at: new Date(Date.parse(base.cycleStart) + (i + 1) * 86_400_000).toISOString(),
      used: (i + 1) * perDay,
    }));
  const run = async (observations: unknown[]) =>
    JSON.parse((await cli(['forecast'], JSON.stringify({ ...base, observations }))).stdout);

  it('says "lasts" when runOutAt is null because the quota lasts', async () => {
    expect(await run(readings(100))).toMatchObject({ status: 'lasts', runOutAt: null });
  });

  it('says "insufficient-data" when runOutAt is null because there is no answer yet', async () => {
    expect(await run([])).toMatchObject({ status: 'insufficient-data', runOutAt: null });
  });

  it('says "runs-out" with a time, and "ran-out" when that time is past', async () => {
    const out = await run(readings(1_500));
    expect(out.status).toBe('runs-out');
    expect(Date.parse(out.runOutAt)).toBeGreaterThan(Date.parse(base.now));
    const over = await run([...readings(1_500).slice(0, 9), { at: base.now, used: 31_000 }]);
    expect(over.status).toBe('ran-out');
  });
});

describe('--help explains every option', () => {
  it('probe: --cycle-start, --key-id and --method among them', async () => {
    const r = await cli(['probe', '--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--cycle-start', '--key-id', '--method', '--ledger', '--plan', '--path'])
      expect(r.stdout).toMatch(new RegExp(`^  ${flag} +\\S`, 'm'));
  });

  it('parse and forecast', async () => {
    expect((await cli(['parse', '--help'])).stdout).toMatch(/^ {2}--plan PLAN +a Voucherify plan/m);
    expect((await cli(['forecast', '--help'])).stdout).toMatch(
      /lasts \| runs-out \| ran-out \| insufficient-data/,
    );
  });
});
