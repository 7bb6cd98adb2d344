// `npm run bench -- --only first-cycle`: a new user's first billing cycle, before -> after. Headroom
// starts watching at the cycle's start or in its middle (at a random day and hour, optionally with a
// dashboard reading typed in), on steady and weekday (diurnal) load, on every plan with a cycle quota.
// False cycle alarms: threshold or run-out alerts the cycle's truth never bore out (its final usage
// stayed below the level; it never ran out). Coverage: share of runs whose truth lay inside the
// 80 % cycle band, per hour since monitoring began; the table shows the worst hour and a few points.
// Environment (to iterate on a subset): HEADROOM_FIRST_CYCLE_SEEDS (runs per row, default 4),
// HEADROOM_FIRST_CYCLE_PLANS, _LOADS (steady,diurnal-weekly), _STARTS (start,mid,mid+reading), comma lists;
// _MODELS (default before,after; `after` alone halves the time), _SEED_BASE (first seed, default 301:
// tune on one seed set, report on another).
import type { SimPlanId } from '../electron/simulator/engine';
import { mulberry32 } from '../electron/core/random';
import { runFirstCycle, type FirstCycleRun, type Model } from './backtest/first-cycle-world';
import { DAY_MS, HOUR_MS, syntheticTrace, type Scenario } from './backtest/traces';
import type { BenchSection } from './section';
import { wilson } from './wilson';

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
// Tune on one seed set, report on another (seeds SEED_BASE .. SEED_BASE + SEEDS - 1).
const SEED_BASE = Number(process.env.HEADROOM_FIRST_CYCLE_SEED_BASE ?? 301);
// `after` alone halves the time when only the current model is wanted.
const MODELS = (process.env.HEADROOM_FIRST_CYCLE_MODELS ?? 'before,after')
  .split(',')
  .filter((m): m is Model => m === 'before' || m === 'after');
// Comma list of checkpoint hours: print each miss there (band and truth) under its row.
const DEBUG_HOURS = (process.env.HEADROOM_FIRST_CYCLE_DEBUG ?? '')
  .split(',')
  .filter((x) => x !== '')
  .map(Number);
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
    const seed = SEED_BASE + k;
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

/**
 * Checkpoints every run reached (so one run alone does not decide a checkpoint's coverage); pooled
 * rows ask for as many runs as one row has (mid-cycle runs stop sooner than those from the start).
 */
function fullCheckpoints(
  runs: readonly FirstCycleRun[],
  minRuns = runs.length,
): { hour: number; n: number; k: number }[] {
  return [...coverageByBucket(runs)].filter(([, c]) => c.n >= minRuns).map(([hour, c]) => ({ hour, ...c }));
}

/** The worst checkpoint with its Wilson 95 % interval, e.g. "70 % (48-86 %) at 31 h". */
function worstCoverage(runs: readonly FirstCycleRun[], minRuns = runs.length): string {
  let worst: { hour: number; n: number; k: number } | null = null;
  for (const c of fullCheckpoints(runs, minRuns))
    if (worst === null || c.k / c.n < worst.k / worst.n) worst = c;
  if (worst === null) return 'n/a';
  const w = wilson(worst.k, worst.n);
  return `${pct(worst.k / worst.n)} (${Math.round(w.low * 100)}-${Math.round(w.high * 100)} %) at ${worst.hour} h`;
}

/** Checkpoints where the band holds significantly less than 80 % (Wilson upper bound below 80 %). */
function significantlyLow(runs: readonly FirstCycleRun[], minRuns = runs.length): string {
  const all = fullCheckpoints(runs, minRuns);
  const low = all.filter((c) => wilson(c.k, c.n).high < 0.8);
  const where =
    low.length > 0
      ? ` (${low
          .map((c) => `${c.hour} h`)
          .slice(0, 6)
          .join(', ')}${low.length > 6 ? ', ...' : ''})`
      : '';
  return `${low.length}/${all.length}${where}`;
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

function printMisses(print: (line: string) => void, runs: readonly FirstCycleRun[]): void {
  // Per span of checkpoints: the truth's mean relative error (bias), its spread, the band's half-widths.
  const spans: (readonly [number, number])[] =
    process.env.HEADROOM_FIRST_CYCLE_SPANS === 'days'
      ? Array.from({ length: 31 }, (_, d) => [d * 24 + 1, d * 24 + 24] as const)
      : [
          [0, 24],
          [25, 72],
          [73, 168],
          [169, 800],
        ];
  for (const [a, b] of spans) {
    const rel: number[] = [];
    let down = 0;
    let up = 0;
    for (const r of runs)
      for (const c of r.covered) {
        const h = bucket(c.sinceStartMs);
        if (h < a || h > b || !(c.used > 0)) continue;
        rel.push((c.truth - c.used) / c.used);
        down += (c.used - c.low) / c.used;
        up += (c.high - c.used) / c.used;
      }
    if (rel.length === 0) continue;
    const mean = rel.reduce((x, y) => x + y, 0) / rel.length;
    const sd = Math.sqrt(rel.reduce((x, y) => x + (y - mean) ** 2, 0) / rel.length);
    const f = (x: number) => `${(x * 100).toFixed(1)} %`;
    print(
      `  ${a}-${b} h: truth vs used mean ${f(mean)}, sd ${f(sd)} (80 % needs about ±${f(1.28 * sd)}); band -${f(down / rel.length)} / +${f(up / rel.length)}`,
    );
  }
  runs.forEach((r, i) => {
    for (const a of r.alarms.filter((x) => !x.borneOut))
      print(
        `  run ${i} false alarm ${a.what} at ${(a.sinceStartMs / HOUR_MS).toFixed(1)} h: ${JSON.stringify(a.seen)}; final ${r.finalUsed} of ${r.limit}`,
      );
    for (const c of r.covered) {
      if (c.inBand || !DEBUG_HOURS.includes(bucket(c.sinceStartMs))) continue;
      const side = c.truth < c.low ? 'below' : 'above';
      print(
        `  run ${i} at ${bucket(c.sinceStartMs)} h: truth ${c.truth} ${side} band ${Math.round(c.low)}-${Math.round(c.high)} (used ${Math.round(c.used)}; ${(((c.truth - c.used) / Math.max(1, c.used)) * 100).toFixed(1)} %)`,
      );
    }
  });
}

/**
 * Threshold alerts for levels the truth crossed after monitoring began: the median hours from the
 * truth's crossing to the alert (negative: before it), and how many never came while the cycle lasted.
 */
function thresholdDelay(runs: readonly FirstCycleRun[]): string {
  const delays: number[] = [];
  let missed = 0;
  for (const r of runs)
    for (const [level, at] of Object.entries(r.crossedAt)) {
      if (at === undefined || at <= r.monitorFrom) continue;
      const alarm = r.alarms.find((a) => a.what === Number(level));
      if (alarm) delays.push((alarm.at - at) / HOUR_MS);
      else missed++;
    }
  if (delays.length + missed === 0) return 'none crossed';
  delays.sort((x, y) => x - y);
  const median =
    delays.length > 0 ? `${(delays[Math.floor(delays.length / 2)] as number).toFixed(1)} h` : '-';
  return `${median} (${delays.length}/${delays.length + missed})`;
}

export const section: BenchSection = {
  title: `First cycle: false cycle alarms and band coverage, ${MODELS.join(' -> ')} (${SEEDS} runs per row, seeds ${SEED_BASE}-${SEED_BASE + SEEDS - 1})`,
  async run(print) {
    const started = Date.now();
    const header = [
      'plan',
      'load',
      'monitoring from',
      'false cycle alarms',
      'of them in day 1',
      'worst checkpoint (Wilson 95 %)',
      'checkpoints significantly < 80 %',
      'mean coverage',
      ...POINTS_H.map((h) => `after: ${h} h`),
      'run-outs warned (median lead)',
      'threshold alerts: median delay after the truth crossed (alerted/crossed)',
      'probes/run',
    ];
    // Rows are printed as they are measured (a full run takes minutes on a busy machine).
    print(`| ${header.join(' | ')} |`);
    print(`|${header.map(() => '---:').join('|')}|`);
    // Per plan and load, the runs of every start at once: is any point of the first cycle short of 80 %?
    const pooled: { plan: string; load: string; runs: FirstCycleRun[] }[] = [];
    for (const plan of PLANS) {
      for (const load of LOADS) {
        const planRuns: FirstCycleRun[] = [];
        pooled.push({ plan, load, runs: planRuns });
        for (const start of STARTS) {
          const cells = MODELS.map((m) => runCell(plan, load, start, m));
          // "before -> after" when both models ran; the per-checkpoint columns are the last model's.
          const both = (f: (c: Cell) => string | number) => cells.map(f).join(' -> ');
          const last = cells[cells.length - 1] as Cell;
          planRuns.push(...last.runs);
          const falseOf = (c: Cell) => c.runs.flatMap((r) => r.alarms).filter((x) => !x.borneOut).length;
          const firstDay = (c: Cell) =>
            c.runs.flatMap((r) => r.alarms).filter((x) => !x.borneOut && x.sinceStartMs < DAY_MS).length;
          const row = [
            plan,
            load,
            start,
            both(falseOf),
            both(firstDay),
            both((c) => worstCoverage(c.runs)),
            significantlyLow(last.runs),
            both((c) => pct(overallCoverage(c.runs))),
            ...POINTS_H.map((h) => pct(coverageAt(last.runs, h))),
            both((c) => warned(c.runs)),
            both((c) => thresholdDelay(c.runs)),
            both((c) => Math.round(c.runs.reduce((s, r) => s + r.probes, 0) / c.runs.length)),
          ];
          print(`| ${row.join(' | ')} |`);
          if (DEBUG_HOURS.length > 0) printMisses(print, last.runs);
        }
      }
    }
    print('');
    print(`Per plan and load, the runs of every start pooled (${MODELS[MODELS.length - 1]}):`);
    print('');
    print(
      '| plan | load | runs | worst checkpoint (Wilson 95 %) | checkpoints significantly < 80 % | checkpoints < 80 % | mean coverage |',
    );
    print('|---|---|---:|---:|---:|---:|---:|');
    for (const { plan, load, runs } of pooled) {
      const full = fullCheckpoints(runs, SEEDS);
      const under = full.filter((c) => c.k / c.n < 0.8).length;
      print(
        `| ${plan} | ${load} | ${runs.length} | ${worstCoverage(runs, SEEDS)} | ${significantlyLow(runs, SEEDS)} | ${under}/${full.length} | ${pct(overallCoverage(runs))} |`,
      );
    }
    print('');
    print(
      `False alarm: a cycle threshold or run-out alert whose level the cycle's final true usage never reached. ` +
        `Coverage: share of runs whose true usage was inside the 80 % band at a checkpoint since monitoring began ` +
        `(hourly for two days, then every six hours; only checkpoints every run reached; target >= 80 %). ` +
        `Significantly < 80 %: the checkpoint's Wilson 95 % upper bound is below 80 %. ` +
        `${((Date.now() - started) / 1000).toFixed(0)} s.`,
    );
  },
};
