// The shapes of the cycle estimate and the run-out forecast, shared by the estimator, the
// forecaster, the scheduler, the alert rules and the views. All times are epoch ms.

/** How much of the billing cycle has been used, as best Headroom can tell, with its uncertainty. */
export interface CycleEstimate {
  /** The moment the estimate describes. */
  at: number;
  cycleStart: number;
  cycleEnd: number;
  limit: number | null;
  /** Central estimate of calls used since cycleStart. */
  used: number;
  /** 80 % band around `used`. */
  low: number;
  high: number;
  /** Calls Headroom's own probes spent this cycle (included in `used`). */
  monitorCalls: number;
  /** What the estimate rests on, newest first: a dashboard reading, a breach, window observations. */
  basis: 'dashboard' | 'breach' | 'observed' | 'none';
  /** Share of the time since the basis that probes measured directly (0..1); the rest is inferred. */
  observedShare?: number;
  /** Things the user should know about the figures (a reading above the limit, no data yet...). */
  notes?: string[];
}

export type ForecastStatus = 'ok' | 'insufficient-data';

/** When the cycle quota runs out, and how sure Headroom is. */
export interface Forecast {
  status: ForecastStatus;
  /** Central run-out time; null when it does not run out before cycleEnd. */
  runOutAt: number | null;
  /**
   * 80 % interval of the run-out time; null = beyond the cycle end. Two-sided: the 10th and 90th
   * percentiles; open-ended (high null, it may last to renewal): low is the 20th percentile.
   */
  low: number | null;
  high: number | null;
  /**
   * If it runs out: the 10th and 90th percentiles of the run-out time among the futures that run out
   * before renewal (null when none does). The range for "39 % chance to run out, between A and B";
   * low/high above are the interval of all futures, lasting ones included.
   */
  whenRunsOut?: { low: number; high: number } | null;
  /** Probability that the quota runs out before the cycle renews (0..1). */
  probabilityRunOut: number | null;
  /** Usage projected at cycleEnd (demand, not capped at the limit: it shows by how much it would be over). */
  projectedAtCycleEnd: number | null;
  /** Calls a day that can be spent from now to renewal without running out. */
  safeDailyBudget: number | null;
  /** The current pace the forecast runs on, calls per day (seasonally averaged); null when unknown. */
  pacePerDay?: number | null;
  /** Why the status is insufficient-data, or what the forecast rests on, in words for the UI. */
  reason?: string;
  /** With insufficient-data: about when the first forecast can be made if readings keep coming. */
  readyAt?: number | null;
  /**
   * With insufficient-data: the probes left this cycle cannot measure enough before renewal (Free's
   * five a cycle); only a dashboard reading can give a forecast. Absent = false.
   */
  needsReading?: boolean;
}

/** Calls counted over an interval, exactly (a window reading, or the difference of two cumulative readings). */
export interface UsageSample {
  from: number;
  to: number;
  count: number;
}

/** Cumulative cycle usage at a moment (a dashboard reading, a CLI observation). */
export interface UsagePoint {
  at: number;
  used: number;
}
