// A seeded integration that consumes quota like a real one: steady, diurnal (a daily curve with quieter
// weekends) or bursty (a quiet base plus campaigns). Each cycle draws its own share of the plan's cycle
// limit, so months differ; the driver turns expected rates into Poisson counts, one simulated minute at
// a time, each minute's calls landing at that minute's last millisecond.
import { PERIOD_MS } from '../core/quota/model';
import { mulberry32 } from '../core/random';
import type { CycleBounds } from '../core/cycle/bounds';
import type { HoldableClock, ManualClock } from './clock';
import type { EngineLimits, VoucherifyEngine } from './engine';

export type LoadKind = 'none' | 'steady' | 'diurnal' | 'bursty';
export const LOAD_KINDS: readonly LoadKind[] = ['none', 'steady', 'diurnal', 'bursty'];

export { mulberry32 };

/** A 32-bit seed from any number or text (FNV-1a over the text form). */
export function seedOf(value: string | number): number {
  const text = String(value);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A Poisson draw: exact (Knuth) for small means, a rounded normal for large ones. */
export function poisson(rng: () => number, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = rng();
    while (p > limit) {
      k++;
      p *= rng();
    }
    return k;
  }
  const u = Math.max(rng(), Number.MIN_VALUE);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
  return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
}

/** The share of the cycle limit a cycle's load aims at, drawn per cycle from this range. */
export const SHARE_RANGE: Record<Exclude<LoadKind, 'none'>, readonly [number, number]> = {
  steady: [0.55, 0.9],
  diurnal: [0.6, 1.0],
  // Campaigns overshoot on some seeds: the cycle then runs out late, as real launches do.
  bursty: [0.65, 1.1],
};

/** Without a cycle limit (sandbox) the load aims at this share of the request window on average. */
const SHARE_OF_WINDOW_WITHOUT_CYCLE = 0.2;
/** The average rate never exceeds this share of the request window. */
const MAX_MEAN_SHARE_OF_WINDOW = 0.5;
/** A campaign's peak never exceeds this share of the request window. */
const MAX_PEAK_SHARE_OF_WINDOW = 0.9;
const BURSTY_BASE_SHARE = 0.3;

export interface Campaign {
  start: number;
  end: number;
  /** Expected calls over the whole campaign. */
  calls: number;
}

/** What one cycle's load looks like: fixed by the seed and the cycle's start. */
export interface CyclePlan {
  cycle: CycleBounds;
  share: number;
  /** Expected calls over the cycle. */
  budget: number;
  campaigns: Campaign[];
}

export interface LoadProfile {
  kind: LoadKind;
  /** Expected calls in the minute starting at `minuteStart`, inside `cycle`. */
  callsInMinute(minuteStart: number, cycle: CycleBounds): number;
  /** The cycle's parameters (share, budget, campaigns), for tests and the demo's explanation. */
  planFor(cycle: CycleBounds): CyclePlan;
}

/** Relative intensity of the diurnal model: a working-day curve peaking 13:00 UTC, weekends at 35 %. */
export function diurnalShape(t: number): number {
  const d = new Date(t);
  const hour = d.getUTCHours() + d.getUTCMinutes() / 60;
  const day = d.getUTCDay();
  const weekend = day === 0 || day === 6 ? 0.35 : 1;
  return weekend * (0.12 + Math.exp(-((hour - 13) ** 2) / (2 * 3.5 ** 2)));
}

export function loadProfile(kind: LoadKind, seed: number, limits: EngineLimits): LoadProfile {
  const windowPerMinute = limits.request / (limits.requestPeriodMs / PERIOD_MS.minute);
  let cached: CyclePlan | null = null;
  let diurnalSum = 0;

  const planFor = (cycle: CycleBounds): CyclePlan => {
    if (cached && cached.cycle.start === cycle.start && cached.cycle.end === cycle.end) return cached;
    const rng = mulberry32(seedOf(`${seed}:${cycle.start}`));
    const minutes = (cycle.end - cycle.start) / PERIOD_MS.minute;
    const share =
      kind === 'none' ? 0 : SHARE_RANGE[kind][0] + rng() * (SHARE_RANGE[kind][1] - SHARE_RANGE[kind][0]);
    let budget =
      limits.cycle !== null
        ? share * limits.cycle
        : share * SHARE_OF_WINDOW_WITHOUT_CYCLE * windowPerMinute * minutes;
    budget = Math.min(budget, MAX_MEAN_SHARE_OF_WINDOW * windowPerMinute * minutes);
    const campaigns = kind === 'bursty' ? campaignsFor(rng, cycle, budget * (1 - BURSTY_BASE_SHARE)) : [];
    if (kind === 'diurnal') {
      diurnalSum = 0;
      for (let m = cycle.start; m < cycle.end; m += PERIOD_MS.minute) diurnalSum += diurnalShape(m + 30_000);
    }
    cached = { cycle, share, budget, campaigns };
    return cached;
  };

  /** 2-6 campaigns, each a triangle (a quick rise, a long decay), inside the cycle, peak capped. */
  const campaignsFor = (rng: () => number, cycle: CycleBounds, total: number): Campaign[] => {
    const n = 2 + Math.floor(rng() * 5);
    const weights = Array.from({ length: n }, () => 0.5 + rng());
    const sum = weights.reduce((a, b) => a + b, 0);
    const span = cycle.end - cycle.start;
    return weights.map((w) => {
      const calls = (total * w) / sum;
      // Area of a triangle = peak × duration / 2, so the peak cap sets a minimum duration.
      const minMinutes = (2 * calls) / (MAX_PEAK_SHARE_OF_WINDOW * windowPerMinute);
      const hours = 6 + rng() * 66;
      const duration = Math.min(span, Math.max(hours * PERIOD_MS.hour, minMinutes * PERIOD_MS.minute));
      const start = cycle.start + rng() * (span - duration);
      return { start, end: start + duration, calls };
    });
  };

  const callsInMinute = (minuteStart: number, cycle: CycleBounds): number => {
    if (kind === 'none') return 0;
    const p = planFor(cycle);
    const minutes = (cycle.end - cycle.start) / PERIOD_MS.minute;
    const mid = minuteStart + 30_000;
    switch (kind) {
      case 'steady':
        return p.budget / minutes;
      case 'diurnal':
        return diurnalSum > 0 ? (p.budget * diurnalShape(mid)) / diurnalSum : 0;
      case 'bursty': {
        let rate = (p.budget * BURSTY_BASE_SHARE) / minutes;
        for (const c of p.campaigns) {
          if (mid < c.start || mid >= c.end) continue;
          const durationMin = (c.end - c.start) / PERIOD_MS.minute;
          const peak = (2 * c.calls) / durationMin;
          const u = (mid - c.start) / (c.end - c.start);
          const rise = 0.1;
          rate += peak * (u < rise ? u / rise : (1 - u) / (1 - rise));
        }
        return rate;
      }
    }
  };

  return { kind, callsInMinute, planFor };
}

/** How the driver moves the engine's clock to each past minute, then back. */
export interface TimeControl {
  hold(ms: number): void;
  release(to: number): void;
}

export function manualTimeControl(clock: ManualClock): TimeControl {
  return { hold: (ms) => clock.set(ms), release: (to) => clock.set(to) };
}

export function holdableTimeControl(clock: HoldableClock): TimeControl {
  return { hold: (ms) => clock.hold(ms), release: () => clock.release() };
}

export interface DriveReport {
  minutes: number;
  offered: number;
  accepted: number;
}

/** Applies a load profile to an engine, whole simulated minutes at a time. */
export class LoadDriver {
  private next: number;
  private readonly rng: () => number;
  offered = 0;
  accepted = 0;

  constructor(
    private readonly engine: VoucherifyEngine,
    private readonly profile: LoadProfile,
    private readonly time: TimeControl,
    opts: { seed: number; from: number },
  ) {
    this.rng = mulberry32(seedOf(`counts:${opts.seed}`));
    this.next = opts.from - (opts.from % PERIOD_MS.minute);
  }

  /** Start of the first minute not yet applied. */
  get appliedUntil(): number {
    return this.next;
  }

  /** Applies every whole minute that ends at or before `t`; the clock is left at `t`. */
  advanceTo(t: number): DriveReport {
    const report: DriveReport = { minutes: 0, offered: 0, accepted: 0 };
    if (this.profile.kind === 'none') {
      this.next = Math.max(this.next, t - (t % PERIOD_MS.minute));
      this.time.release(t);
      return report;
    }
    let cycle = this.engine.cycleAt(this.next);
    while (this.next + PERIOD_MS.minute <= t) {
      if (this.next >= cycle.end) cycle = this.engine.cycleAt(this.next);
      const count = poisson(this.rng, this.profile.callsInMinute(this.next, cycle));
      if (count > 0) {
        this.time.hold(this.next + PERIOD_MS.minute - 1);
        const accepted = this.engine.consume(count, 'api');
        report.offered += count;
        report.accepted += accepted;
      }
      report.minutes++;
      this.next += PERIOD_MS.minute;
    }
    this.time.release(t);
    this.offered += report.offered;
    this.accepted += report.accepted;
    return report;
  }
}
