// Provider parsing over the documented examples (test/fixtures/providers): how often `auto` names
// the provider the example belongs to, how often the whole expected reading comes out (windows,
// block, warnings as the CLI prints them), and what one parse costs. Timings are this machine's,
// in-process, after a warm-up; they exclude the CLI's process start-up.
import { performance } from 'node:perf_hooks';
import { parseResultJson } from '../electron/cli/json';
import { parseResponse } from '../electron/core/parse';
import { loadFixtures, type ProviderFixture } from '../test/core/provider-fixtures';
import { table, type BenchSection } from './section';

const RUNS = 2000;

/** True when every field in `expected` is present in `actual` with the same value (arrays: same length). */
function matches(actual: unknown, expected: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return Object.is(actual, expected);
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) &&
      actual.length === expected.length &&
      expected.every((e, i) => matches(actual[i], e))
    );
  }
  if (actual === null || typeof actual !== 'object') return false;
  const a = actual as Record<string, unknown>;
  return Object.entries(expected).every(([k, v]) => matches(a[k], v));
}

function microsPerParse(f: ProviderFixture): number {
  const now = Date.parse(f.now);
  for (let i = 0; i < 200; i++) parseResponse(f.response, { provider: 'auto', now });
  const start = performance.now();
  for (let i = 0; i < RUNS; i++) parseResponse(f.response, { provider: 'auto', now });
  return ((performance.now() - start) * 1000) / RUNS;
}

export const section: BenchSection = {
  title: 'Provider parsing (documented examples)',
  async run(print) {
    const fixtures = loadFixtures();
    const byProvider = new Map<string, ProviderFixture[]>();
    for (const f of fixtures) byProvider.set(f.dir, [...(byProvider.get(f.dir) ?? []), f]);
    const rows: (string | number)[][] = [];
    let detected = 0;
    let exact = 0;
    for (const [provider, list] of byProvider) {
      let d = 0;
      let e = 0;
      const times: number[] = [];
      for (const f of list) {
        const now = Date.parse(f.now);
        const auto = parseResponse(f.response, { provider: 'auto', now });
        if (auto.provider === (f.autoProvider ?? f.expected.provider)) d++;
        const result = parseResponse(f.response, { provider: f.provider ?? 'auto', now });
        if (matches(parseResultJson(result), f.expected)) e++;
        times.push(microsPerParse(f));
      }
      detected += d;
      exact += e;
      rows.push([
        provider,
        list.length,
        `${d}/${list.length}`,
        `${e}/${list.length}`,
        (times.reduce((s, t) => s + t, 0) / times.length).toFixed(1),
      ]);
    }
    rows.push(['all', fixtures.length, `${detected}/${fixtures.length}`, `${exact}/${fixtures.length}`, '']);
    for (const line of table(
      ['provider', 'examples', 'auto names it', 'reading as expected', 'µs / parse'],
      rows,
    ))
      print(line);
    print('');
    print(
      `µs / parse: mean over the provider's examples, ${RUNS} in-process parses each with --provider auto (detection included).`,
    );
  },
};
