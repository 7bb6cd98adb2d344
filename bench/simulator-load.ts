// How the simulator's seeded load spends a month: the share of the cycle limit used and how often, and
// how late, it runs out, over 50 seeds per plan and model (November 2026). The demo and the backtest
// stand on this load, so its realism is measured rather than assumed.
import { ManualClock } from '../electron/simulator/clock';
import { VoucherifyEngine, type SimPlanId } from '../electron/simulator/engine';
import { LoadDriver, loadProfile, manualTimeControl, type LoadKind } from '../electron/simulator/load';
import { table, type BenchSection } from './section';

const START = Date.parse('2026-11-01T00:00:00Z');
const END = Date.parse('2026-12-01T00:00:00Z');
const SEEDS = 50;
const DAY = 86_400_000;

function month(plan: SimPlanId, kind: LoadKind, seed: number) {
  const clock = new ManualClock(START);
  const engine = new VoucherifyEngine({ plan, clock, credentials: { appId: 'bench', appToken: 'bench' } });
  const driver = new LoadDriver(engine, loadProfile(kind, seed, engine.limits), manualTimeControl(clock), {
    seed,
    from: START,
  });
  let ranOutDay: number | null = null;
  for (let t = START + 3_600_000; t < END; t += 3_600_000) {
    driver.advanceTo(t);
    if (ranOutDay === null && engine.truth().rejectedByType.api_calls_cycle > 0)
      ranOutDay = (t - START) / DAY;
  }
  driver.advanceTo(END - 1);
  const truth = engine.truth();
  return { share: truth.cycleUsed / (truth.cycleLimit as number), ranOutDay };
}

export const section: BenchSection = {
  title: 'Simulator load over a month (50 seeds each)',
  async run(print) {
    const rows: (string | number)[][] = [];
    for (const plan of ['free', 'startup', 'professional', 'business'] as const) {
      for (const kind of ['steady', 'diurnal', 'bursty'] as const) {
        const runs = Array.from({ length: SEEDS }, (_, i) => month(plan, kind, i + 1));
        const shares = runs.map((r) => r.share).sort((a, b) => a - b);
        const days = runs.flatMap((r) => (r.ranOutDay === null ? [] : [r.ranOutDay]));
        rows.push([
          plan,
          kind,
          `${shares[0]?.toFixed(2)} / ${shares[Math.floor(SEEDS / 2)]?.toFixed(2)} / ${shares.at(-1)?.toFixed(2)}`,
          `${days.length}/${SEEDS}`,
          days.length ? `${Math.min(...days).toFixed(1)}-${Math.max(...days).toFixed(1)}` : '-',
        ]);
      }
    }
    for (const line of table(
      ['plan', 'model', 'cycle share used min / median / max', 'ran out', 'on day'],
      rows,
    ))
      print(line);
  },
};
