// The shapes of the cycle estimate and the run-out forecast, shared by the forecaster, the alert
// rules and the views. All times are epoch ms.

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
}

export type ForecastStatus = 'ok' | 'insufficient-data';

/** When the cycle quota runs out, and how sure Headroom is. */
export interface Forecast {
  status: ForecastStatus;
  /** Central run-out time; null when it does not run out before cycleEnd. */
  runOutAt: number | null;
  /** 80 % interval of the run-out time; null = beyond the cycle end. */
  low: number | null;
  high: number | null;
  /** Probability that the quota runs out before the cycle renews (0..1). */
  probabilityRunOut: number | null;
  /** Usage projected at cycleEnd. */
  projectedAtCycleEnd: number | null;
  /** Calls a day that can be spent from now to renewal without running out. */
  safeDailyBudget: number | null;
}
