// `npm run bench`: every benchmark section, each printing its own table.
// A section is a module exporting `section: BenchSection`; `--only NAME` runs one.
import { parseArgs } from 'node:util';
import type { BenchSection } from './section';

const SECTIONS: Record<string, () => Promise<{ section: BenchSection }>> = {
  probe: () => import('./probe'),
  parse: () => import('./parse'),
  'simulator-load': () => import('./simulator-load'),
  alerts: () => import('./alerts'),
  backtest: () => import('./backtest'),
  'first-cycle': () => import('./first-cycle'),
  tray: () => import('./tray'),
  'tray-contrast': () => import('./tray-contrast'),
  renderer: () => import('./renderer'),
  metrics: () => import('./metrics'),
  zoho: () => import('./zoho'),
  proxy: () => import('./proxy'),
  'backtest-passive': () => import('./backtest/passive'),
  'hour-persistence': () => import('./hour-persistence'),
  soak: () => import('./soak'),
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' } }, strict: true });
  const names = values.only ? [values.only] : Object.keys(SECTIONS);
  for (const name of names) {
    const load = SECTIONS[name];
    if (!load) throw new Error(`unknown section "${name}"; sections: ${Object.keys(SECTIONS).join(', ')}`);
    const { section } = await load();
    process.stdout.write(`\n## ${section.title}\n\n`);
    await section.run((line) => process.stdout.write(`${line}\n`));
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
