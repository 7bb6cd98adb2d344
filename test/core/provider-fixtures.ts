// Loads the documented provider examples in test/fixtures/providers/<provider>/<case>.json.
// The shape is checked here so a broken fixture fails with its file name, not as a puzzling mismatch.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const FIXTURE_ROOT = fileURLToPath(new URL('../fixtures/providers/', import.meta.url));

const headerValue = z.union([z.string(), z.number(), z.array(z.union([z.string(), z.number()]))]);

export const fixtureSchema = z
  .object({
    /** Where the example comes from: a documentation URL and section. */
    source: z.string().regex(/https?:\/\//, 'source must cite a URL'),
    /** Why the example differs from the documentation's literal text, when it does. */
    note: z.string().optional(),
    now: z.string().datetime({ offset: true }),
    /** The --provider to parse with; auto when absent. */
    provider: z.string().optional(),
    /** What `auto` must pick when it differs from expected.provider (ambiguous headers). */
    autoProvider: z.string().optional(),
    response: z.object({
      status: z.number().int().min(100).max(599),
      headers: z.record(z.string(), headerValue),
      body: z.unknown().optional(),
    }),
    /** The parse CLI output, or the fields of it that matter (matched as a subset). */
    expected: z.object({ provider: z.string() }).passthrough(),
  })
  .strict();
export type ProviderFixture = z.infer<typeof fixtureSchema> & { file: string; dir: string };

export function loadFixtures(): ProviderFixture[] {
  const fixtures: ProviderFixture[] = [];
  for (const dir of readdirSync(FIXTURE_ROOT).sort()) {
    for (const name of readdirSync(join(FIXTURE_ROOT, dir)).sort()) {
      if (!name.endsWith('.json')) continue;
      const file = `${dir}/${name}`;
      const parsed = fixtureSchema.safeParse(JSON.parse(readFileSync(join(FIXTURE_ROOT, file), 'utf8')));
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      fixtures.push({ ...parsed.data, file, dir });
    }
  }
  return fixtures;
}
