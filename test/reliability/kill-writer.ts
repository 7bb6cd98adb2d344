// The child of the kill -9 test: writes through the real persistence as fast as it can and says on
// stdout what each save committed (state through the state repository, config.json through
// replaceFile, the settings repository's write path) ("c <n>" after save() resolved). The parent kills it at random.
import { join } from 'node:path';
import { replaceFile } from '../../electron/storage/durable-write';
import { createStateRepository } from '../../electron/storage/state-repository';

async function main(): Promise<void> {
  const dir = process.argv[2] as string;
  // A small journal cap, so compaction (snapshot rewrite) runs often under the kills too.
  const state = createStateRepository({ dir, journalMaxBytes: 40_000 });
  const loaded = await state.load();
  const prev = (loaded.state as { n?: number; log?: number[] } | null) ?? {};
  let n = prev.n ?? 0;
  let log = prev.log ?? [];
  for (;;) {
    n += 1;
    // A growing, bounded list (like readings) and a counter: append and compaction paths both run.
    log = [...log, n].slice(-300);
    await state.save({ n, log, pad: 'p'.repeat(n % 7 === 0 ? 20_000 : 10) });
    // The settings file's write path (replaced whole), every 5th save.
    if (n % 5 === 0)
      await replaceFile(join(dir, 'config.json'), JSON.stringify({ n, pad: 'c'.repeat(n % 3000) }));
    process.stdout.write(`c ${n}\n`);
  }
}

void main().catch((err: unknown) => {
  process.stderr.write(`writer failed: ${String(err)}\n`);
  process.exit(1);
});
