// Every provider's documented examples, run through parseResponse: the windows, the block and the
// warnings a user would see (as the parse CLI prints them), and that `auto` names the right provider.
import { describe, expect, it } from 'vitest';
import { parseResultJson } from '../../electron/cli/json';
import { parseResponse } from '../../electron/core/parse';
import { PROFILES } from '../../electron/core/providers/registry';
import { parseResultSchema } from '../../electron/core/quota/model';
import { loadFixtures } from './provider-fixtures';

const fixtures = loadFixtures();

describe('provider fixtures (documented examples)', () => {
  it.each(fixtures.map((f) => [f.file, f] as const))('%s parses to the expected windows', (_file, f) => {
    const result = parseResponse(f.response, { provider: f.provider ?? 'auto', now: Date.parse(f.now) });
    expect(parseResultSchema.safeParse(result).success).toBe(true);
    expect(parseResultJson(result)).toMatchObject(f.expected);
  });

  it.each(fixtures.map((f) => [f.file, f] as const))('%s: auto picks the right profile', (_file, f) => {
    const auto = parseResponse(f.response, { provider: 'auto', now: Date.parse(f.now) });
    expect(auto.provider).toBe(f.autoProvider ?? f.expected.provider);
  });

  it.each(fixtures.map((f) => [f.file, f] as const))(
    '%s: naming the provider gives the same reading as auto',
    (_file, f) => {
      if (f.autoProvider) return; // auto deliberately reads these headers another way (see the fixture note)
      const now = Date.parse(f.now);
      const named = parseResponse(f.response, { provider: f.expected.provider, now });
      expect(named).toEqual(parseResponse(f.response, { provider: 'auto', now }));
    },
  );

  it('covers every registered profile with at least one fixture in its own folder', () => {
    const dirs = new Set(fixtures.map((f) => f.dir));
    const missing = PROFILES.map((p) => p.id).filter((id) => !dirs.has(id));
    expect(missing).toEqual([]);
    for (const f of fixtures) expect(f.expected.provider).toBe(f.dir);
  });
});
