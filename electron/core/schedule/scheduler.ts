// When to probe a key next. Every probe costs a call of the quota it measures, so the scheduler
// spends a user-set budget (default 1 % of the cycle quota) where it buys the most:
// - just before a request window resets, so that each probe measures a (nearly) whole hour;
// - every window while a threshold (80 / 90 / 100 %) is inside the estimate's band, or about to be;
// - otherwise front-loaded (more probes early in the cycle, when the first forecasts need measured
//   hours; see front-load.ts), with probes held back for the thresholds still ahead, and less often
//   when nothing is near and the forecast gives little chance of running out;
// - never before a block's retry time, never beyond the budget. Manual probes bypass the schedule
//   but are counted in `spent`, so the budget still holds over the cycle.
// Window ends are picked with seeded random rounding so that, over days, every hour of the day gets
// measured (the estimator needs the daily rhythm), yet the plan is the same for the same input.
import { plural } from '../text/format';
import type { Blocked } from '../quota/model';
import type { CycleEstimate, Forecast } from '../forecast/types';
import { hashSeed, mulberry32 } from '../random';
import { budgetCalls, type ProbeBudget } from './budget';
import { frontLoadedInterval } from './front-load';

export interface SchedulerInput {
  now: number;
  cycleStart: number;
  cycleEnd: number;
  cycleLimit: number | null;
  budget?: ProbeBudget;
  /** Probes sent this cycle, automatic and manual. */
  spent: number;
  /** When the last probe was sent (null: never this cycle). */
  lastProbeAt?: number | null;
  estimate?: CycleEstimate | null;
  /** Demand right now, calls per hour (the estimator's); falls back to the forecast's pace. */
  ratePerHour?: number | null;
  forecast?: Forecast | null;
  /** Shares of the cycle quota that matter (the alert thresholds); default 0.8, 0.9, 1. */
  thresholds?: readonly number[];
  /** The block in force, if any (see activeBlock). */
  blocked?: Pick<Blocked, 'type' | 'retryAt'> | null;
  /** End of the current request window, and its length, from the newest reading. */
  windowResetAt?: number | null;
  windowPeriodMs?: number | null;
  /** Floor: never sooner than this after the last probe (default 5 min). */
  minIntervalMs?: number;
  /** Ceiling: at least this often while the budget affords it (default 12 h). */
  maxIntervalMs?: number;
  /** Probe this long before a window resets (default 20 s): the whole window, without missing it. */
  leadMs?: number;
  /** False while the cycle estimate rests on inferred days (no near-threshold probing then). */
  anchored?: boolean;
}

export type ProbeKind =
  'first' | 'blocked' | 'budget-spent' | 'run-out' | 'threshold' | 'routine' | 'quiet' | 'sparse-budget';

export interface ProbePlan {
  /** When to probe next (epoch ms). */
  at: number;
  kind: ProbeKind;
  /** For the UI: "next check 14:59, <reason>". */
  reason: string;
  /** Probes this cycle's budget allows, and how many are left. */
  budget: number;
  budgetLeft: number;
}

export const DEFAULT_THRESHOLDS = [0.8, 0.9, 1] as const;
const MIN_INTERVAL_MS = 5 * 60_000;
const MAX_INTERVAL_MS = 12 * 3_600_000;
// Routine probes: never further apart than this while the whole budget left (reserve included)
// affords it to renewal. With a small budget (Startup: 100 probes) the reserve for the thresholds
// would otherwise sit unused while the forecasts starve; 8 h measured best on the training seeds.
const ROUTINE_CEILING_MS = 8 * 3_600_000;
// A budget is sparse (and front-loaded) when spread evenly it gives fewer than one probe this many windows.
const SPARSE_WINDOWS = 4;
// Fewer probes than a day of windows cannot carry a forecast (Free: 5): spread evenly, they keep the
// usage shown honest all cycle (front-loaded, Free's usage error grew, bias -12.8 -> -20.1 % of quota).
const MIN_FRONT_LOADED = 24;
const LEAD_MS = 20_000;
const HOUR_MS = 3_600_000;
// Probes held back for each threshold still ahead (a day of hourly probes for the run-out).
const RESERVE = (t: number) => (t >= 1 ? 24 : 12);
// Near a threshold: when the band's high end is less than this many windows away from it.
const NEAR_WINDOWS = 3;
// Quiet: little chance of running out and the nearest threshold far beyond the usual interval.
const QUIET_PROBABILITY = 0.05;
const QUIET_STRETCH = 1.5;

function pct(t: number): string {
  return `${Math.round(t * 100)}%`;
}

export function nextProbe(input: SchedulerInput): ProbePlan {
  const { now, cycleStart, cycleEnd, cycleLimit } = input;
  const minGap = input.minIntervalMs ?? MIN_INTERVAL_MS;
  const maxGap = input.maxIntervalMs ?? MAX_INTERVAL_MS;
  const lead = input.leadMs ?? LEAD_MS;
  const budget = budgetCalls(input.budget, cycleLimit, cycleStart, cycleEnd);
  const left = Math.max(0, budget - input.spent);
  const plan = (at: number, kind: ProbeKind, reason: string): ProbePlan => ({
    at: Math.max(now, Math.round(at)),
    kind,
    reason,
    budget,
    budgetLeft: left,
  });

  // 1. Never while blocked: wait for the retry time (a cycle block lifts when the cycle renews).
  if (input.blocked) {
    const b = input.blocked;
    if (b.retryAt !== null) {
      const why =
        b.type === 'api_calls_cycle'
          ? 'the billing-cycle quota is used up; next check when it renews'
          : `blocked (${b.type}); next check when the block lifts`;
      return plan(Math.max(now, b.retryAt), 'blocked', why);
    }
    return plan(now + maxGap, 'blocked', `blocked (${b.type}) with no retry time; checking again later`);
  }

  // 2. Never beyond the budget.
  if (left <= 0) {
    return plan(
      Math.max(now, cycleEnd),
      'budget-spent',
      `this cycle's monitoring budget (${budget} ${plural(budget, 'probe')}) is spent; next automatic check when the cycle renews (manual checks still work)`,
    );
  }
  const last = input.lastProbeAt ?? null;
  if (last === null || last < cycleStart) return plan(now, 'first', 'first check this cycle');

  // The plan counts from the last probe, not from `now`: the service asks again after a restart, a
  // reading or a settings change, and a plan counted from each of those pushed the next probe back
  // every time (Startup: 4 h after the last probe, asked again 2 h later, 7 h). An overdue probe
  // goes out at once.
  const from = Math.min(now, last);
  const timeLeft = Math.max(0, cycleEnd - from);
  const window = input.windowPeriodMs && input.windowPeriodMs > 0 ? input.windowPeriodMs : HOUR_MS;
  const thresholds = [...(input.thresholds ?? DEFAULT_THRESHOLDS)].sort((a, b) => a - b);
  const est = input.estimate ?? null;
  const rate =
    input.ratePerHour ??
    (input.forecast?.pacePerDay !== undefined && input.forecast?.pacePerDay !== null
      ? input.forecast.pacePerDay / 24
      : null);

  // Thresholds still ahead (not yet surely crossed), and the nearest one.
  let reserve = 0;
  let near: { t: number; inBand: boolean } | null = null;
  let nearestHours = Infinity;
  // Unanchored (the days before monitoring began are inferred), a band near a threshold says more
  // about those days than about now: extra probes would not settle it, a dashboard reading would.
  if (cycleLimit !== null && cycleLimit > 0 && est && input.anchored !== false) {
    for (const t of thresholds) {
      const target = t * cycleLimit;
      if (est.low >= target) continue;
      reserve += RESERVE(t);
      if (near !== null) continue;
      const inBand = est.high >= target;
      const hoursAway = inBand ? 0 : rate && rate > 0 ? (target - est.high) / rate : Infinity;
      nearestHours = Math.min(nearestHours, hoursAway);
      if (inBand || hoursAway * HOUR_MS <= NEAR_WINDOWS * window) near = { t, inBand };
    }
  }
  reserve = Math.min(reserve, Math.floor(left / 2));

  // The spread of what is left (after the reserve), and what the thresholds ask for. A sparse budget
  // (evenly, fewer than one probe every few windows: Startup, Free) is front-loaded, never closer than
  // a window; a richer one already measures enough hours early and is spread evenly (front-loading
  // Growth and Professional measured worse: fewer probes spent, fewer "runs out" right).
  const routineLeft = Math.max(1, left - (near ? 0 : reserve));
  const even = timeLeft / routineLeft;
  const spread =
    even <= SPARSE_WINDOWS * window || budget < MIN_FRONT_LOADED
      ? even
      : Math.max(
          window,
          frontLoadedInterval(
            cycleEnd - cycleStart,
            (from - cycleStart) / (cycleEnd - cycleStart),
            routineLeft,
          ),
        );
  let interval = spread;
  let kind: ProbeKind = 'routine';
  let reason = `routine check (${left} of ${budget} budgeted probes left this cycle)`;
  if (near && near.t >= 1) {
    // Close to running out: every window, but never faster than the budget can keep up until the
    // cycle renews: the probe that sees the block must still be affordable when it comes.
    interval = Math.max(window, timeLeft / left);
    kind = 'run-out';
    reason =
      interval <= window
        ? 'close to running out of the cycle quota: checking every window'
        : 'close to running out of the cycle quota: checking as often as the budget allows';
  } else if (near) {
    // Near an alert threshold: every window while the probes held for the later ones stay untouched.
    const later = thresholds
      .filter((t) => t > near.t && (est?.low ?? 0) < t * (cycleLimit ?? Infinity))
      .reduce((sum, t) => sum + RESERVE(t), 0);
    // Held back as well: enough to check every ROUTINE_CEILING until renewal. Spent down to a few
    // probes near 80 %/90 %, a small budget left the cycle's last days unseen (first-cycle bench,
    // Startup: 27 h without a probe before renewal, the estimate drifting 5 % high, a false run-out
    // warning).
    const keep = Math.max(
      Math.min(later, Math.floor(left / 2)),
      Math.ceil(timeLeft / Math.min(maxGap, ROUTINE_CEILING_MS)),
    );
    interval = left - keep > NEAR_WINDOWS ? window : Math.max(window, timeLeft / left);
    kind = 'threshold';
    reason =
      interval <= window
        ? `near the ${pct(near.t)} threshold: checking every window`
        : `near the ${pct(near.t)} threshold: checking as often as the budget allows until renewal`;
  } else if (
    (input.forecast?.probabilityRunOut ?? 1) < QUIET_PROBABILITY &&
    nearestHours * HOUR_MS > 4 * even
  ) {
    interval = spread * QUIET_STRETCH;
    kind = 'quiet';
    reason = 'far from any threshold: checking less often';
  }
  const ceiling = Math.min(maxGap, ROUTINE_CEILING_MS);
  if (interval > ceiling) {
    // The ceiling holds only while the budget can pay for it.
    if (timeLeft / ceiling <= left) interval = ceiling;
    else if (kind === 'routine' || kind === 'quiet') {
      kind = 'sparse-budget';
      reason = `the budget (${budget} ${plural(budget, 'probe')} a cycle) allows one check every ${(interval / 86_400_000).toFixed(1)} days; a dashboard reading keeps the estimate honest`;
    }
  }
  const earliest = Math.max(now, (last ?? now) + minGap);

  // Land just before a window ends: the next one when every window counts, else one picked by
  // seeded random rounding around the interval.
  const target = Math.max(earliest, from + interval);
  let at = target;
  const reset = input.windowResetAt ?? null;
  if (reset !== null && interval >= window / 2) {
    let pick: number;
    if (interval <= window) pick = Math.ceil((earliest + lead - reset) / window);
    else {
      const rng = mulberry32(hashSeed(cycleStart / 1000, input.spent, Math.floor(from / window)));
      const k = (target - reset) / window;
      const lower = Math.floor(k);
      pick = lower + (rng() < k - lower ? 1 : 0);
    }
    at = reset + pick * window - lead;
    while (at < earliest) at += window;
  }
  if (at >= cycleEnd) {
    at = Math.max(earliest, cycleEnd - lead);
    if (at >= cycleEnd) at = cycleEnd;
  }
  return plan(at, kind, reason);
}
