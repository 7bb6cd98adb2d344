// `npm run bench -- --only first-cycle`: a new user's first billing cycle, before -> after. Headroom
// starts watching at the cycle's start or in its middle (at a random day and hour, optionally with a
// dashboard reading typed in), on steady and weekday (diurnal) load, on every plan with a cycle quota.
// False cycle alarms: threshold or run-out alerts the cycle's truth never bore out (its final usage
// stayed below the level; it never ran out). Coverage: share of runs whose truth lay inside the
// 80 % cycle band, per hour since monitoring began; the table shows the worst hour and a few points.
// Environment (to iterate on a subset): HEADROOM_FIRST_CYCLE_SEEDS (runs per row, default 4),
// HEADROOM_FIRST_CYCLE_PLANS, _LOADS (steady,diurnal-weekly), _STARTS (start,mid,mid+reading), comma lists.
import type { SimPlanId } from '../electron/simulator/engine';
import { mulberry32 } from '../electron/core/random';
import { runFirstCycle, type FirstCycleRun, type Model } from './backtest/first-cycle-world';
import { DAY_MS, HOUR_MS, syntheticTrace, type Scenario } from './backtest/traces';
import type { BenchSection } from './section';

const CYCLE_STARTS = ['2026-04-01', '2026-06-01', '2026-09-01', '2026-11-01'].map((d) =>
  Date.parse(`${d}T00:00:00Z`),
);
const PLANS: SimPlanId[] = (
  process.env.HEADROOM_FIRST_CYCLE_PLANS ?? 'free,startup,growth,professional,business,organization'
).split(',') as SimPlanId[];
const LOADS = (process.env.HEADROOM_FIRST_CYCLE_LOADS ?? 'steady,diurnal-weekly').split(',') as Scenario[];
const ALL_STARTS = ['start', 'mid', 'mid+reading'] as const;
type Start = (typeof ALL_STARTS)[number];
const STARTS = (process.env.HEADROOM_FIRST_CYCLE_STARTS ?? ALL_STARTS.join(','))
  .split(',')
  .filter((s): s is Start => (ALL_STARTS as readonly string[]).includes(s));
const SEEDS = Number(process.env.HEADROOM_FIRST_CYCLE_SEEDS ?? 4);
const POINTS_H = [1, 6, 24, 72, 168] as const;

const LIMITS: Record<string, number> = {
  free: 500,
  startup: 10_000,
  growth: 30_000,
  professional: 100_000,
  business: 100_000,
  organization: 300_000,
  sandbox: 500,
};

interface Cell {
  runs: FirstCycleRun[];
}

function runCell(plan: SimPlanId, load: Scenario, start: Start, model: Model): Cell {
  const runs: FirstCycleRun[] = [];
  for (let k = 0; k < SEEDS; k++) {
    const cycleStart = CYCLE_STARTS[k % CYCLE_STARTS.length] as number;
    const seed = 301 + k;
    const trace = syntheticTrace(load, seed, LIMITS[plan] ?? 10_000, new Date(cycleStart).getUTCDay());
    // Mid-cycle: a day between the 6th and the 16th, at any hour (peaks and nights alike).
    const rng = mulberry32(seed * 977 + 13);
    const monitorFrom =
      start === 'start'
        ? cycleStart
        : cycleStart + Math.floor(5 + rng() * 10) * DAY_MS + Math.floor(rng() * 24) * HOUR_MS;
    runs.push(
      runFirstCycle({ plan, trace, cycleStart, monitorFrom, reading: start === 'mid+reading', model }),
    );
  }
  return { runs };
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x * 100)} %`);

/** The checkpoint's hour since monitoring began: hourly for two days, then in six-hour steps. */
function bucket(sinceStartMs: number): number {
  const h = sinceStartMs / HOUR_MS;
  return h <= 48 ? Math.round(h) : 48 + Math.ceil((h - 48) / 6) * 6;
}

function coverageByBucket(runs: readonly FirstCycleRun[]): Map<number, { n: number; k: number }> {
  const out = new Map<number, { n: number; k: number }>();
  for (const r of runs) {
    const seen = new Set<number>();
    for (const c of r.covered) {
      const b = bucket(c.sinceStartMs);
      if (seen.has(b)) continue;
      seen.add(b);
      const cell = out.get(b) ?? { n: 0, k: 0 };
      cell.n++;
      if (c.inBand) cell.k++;
      out.set(b, cell);
    }
  }
  return out;
}

function coverageAt(runs: readonly FirstCycleRun[], hour: number): number | null {
  const cell = coverageByBucket(runs).get(hour);
  return cell ? cell.k / cell.n : null;
}

/** The worst checkpoint, among those every run reached (so one run alone does not decide it). */
function worstCoverage(runs: readonly FirstCycleRun[]): number | null {
  let worst: number | null = null;
  for (const cell of coverageByBucket(runs).values()) {
    if (cell.n < runs.length) continue;
    const c = cell.k / cell.n;
    if (worst === null || c < worst) worst = c;
  }
  return worst;
}

function overallCoverage(runs: readonly FirstCycleRun[]): number | null {
  let n = 0;
  let k = 0;
  for (const r of runs)
    for (const c of r.covered) {
      n++;
      if (c.inBand) k++;
    }
  return n > 0 ? k / n : null;
}

/**
 * Of the runs whose cycle ran out after monitoring began, how many got a run-out warning before it,
 * and the median hours of warning: what a stricter alert rule costs.
 */
function warned(runs: readonly FirstCycleRun[]): string {
  const leads: number[] = [];
  let ranOut = 0;
  for (const r of runs) {
    if (r.ranOutAt === null || r.ranOutAt <= r.monitorFrom) continue;
    ranOut++;
    const first = r.alarms.find((x) => x.what === 'run-out' && x.at < (r.ranOutAt as number));
    if (first) leads.push(((r.ranOutAt as number) - first.at) / HOUR_MS);
  }
  if (ranOut === 0) return 'none ran out';
  leads.sort((x, y) => x - y);
  const median = leads.length > 0 ? `${Math.round(leads[Math.floor(leads.length / 2)] as number)} h` : '-';
  return `${leads.length}/${ranOut} (${median})`;
}

export const section: BenchSection = {
  title: `First cycle: false cycle alarms and band coverage, before -> after (${SEEDS} runs per row)`,
  async run(print) {
    const started = Date.now();
    const header = [
      'plan',
      'load',
      'monitoring from',
      'false cycle alarms',
      'of them in day 1',
      'worst-hour coverage',
      'mean coverage',
      ...POINTS_H.map((h) => `after: ${h} h`),
      'run-outs warned (median lead)',
      'probes/run',
    ];
    // Rows are printed as they are measured (a full run takes minutes on a busy machine).
    print(`| ${header.join(' | ')} |`);
    print(`|${header.map(() => '---:').join('|')}|`);
    for (const plan of PLANS) {
      for (const load of LOADS) {
        for (const start of STARTS) {
          const cells = (['before', 'after'] as const).map((m) => runCell(plan, load, start, m));
          const [b, a] = cells as [Cell, Cell];
          const falseOf = (c: Cell) => c.runs.flatMap((r) => r.alarms).filter((x) => !x.borneOut).length;
          const firstDay = (c: Cell) =>
            c.runs.flatMap((r) => r.alarms).filter((x) => !x.borneOut && x.sinceStartMs < DAY_MS).length;
          const row = [
            plan,
            load,
            start,
            `${falseOf(b)} -> ${falseOf(a)}`,
            `${firstDay(b)} -> ${firstDay(a)}`,
            `${pct(worstCoverage(b.runs))} -> ${pct(worstCoverage(a.runs))}`,
            `${pct(overallCoverage(b.runs))} -> ${pct(overallCoverage(a.runs))}`,
            ...POINTS_H.map((h) => pct(coverageAt(a.runs, h))),
            `${warned(b.runs)} -> ${warned(a.runs)}`,
            `${Math.round(b.runs.reduce((s, r) => s + r.probes, 0) / b.runs.length)} -> ${Math.round(
              a.runs.reduce((s, r) => s + r.probes, 0) / a.runs.length,
            )}`,
          ];
          print(`| ${row.join(' | ')} |`);
        }
      }
    }
    print('');
    print(
      `False alarm: a cycle threshold or run-out alert whose level the cycle's final true usage never reached. ` +
        `Coverage: share of runs whose true usage was inside the 80 % band at that hour since monitoring began ` +
        `(worst hour over the first cycle; target >= 80 %). ${((Date.now() - started) / 1000).toFixed(0)} s.`,
    );
  },
};
