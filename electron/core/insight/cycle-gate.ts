// What the billing-cycle figures may raise (a status, a threshold alert, a predictive alert). Until
// an exact figure anchors the cycle (a dashboard reading, a breach, or readings from its first hour),
// the days before monitoring began are inferred, so only what the band's LOW end shows is certain
// enough to act on: the cycle counts as crossing a threshold when even its low end does (anchored or
// not), and until anchored a run-out is predicted only when even the latest end of its range falls
// before renewal.
import type { Forecast } from '../forecast/types';
import type { WindowView } from '../quota/model';
import type { KeyInsight } from './key-insight';

export interface CycleGate {
  /** Calls to compare with the thresholds: the band's low end (at least this many were used). */
  used: number;
  limit: number;
  /** The forecast alerts and the status may act on; null when it may not raise anything. */
  forecast: Forecast | null;
  anchored: boolean;
}

export function cycleGate(insight: KeyInsight | null): CycleGate | null {
  const est = insight?.estimate;
  if (!insight || !est || est.basis === 'none' || insight.cycleLimit === null) return null;
  // A reading above the limit while calls succeed puts the limit in doubt: a prompt, not an alarm.
  if (insight.readingAboveLimit) return null;
  const limit = insight.cycleLimit;
  // Anchored too, a threshold counts as crossed when the band's low end crosses it: the central
  // figure crosses with even odds, so a cycle that ends a hair below a threshold (first-cycle bench:
  // Professional at 89,994 of 100,000, Startup at 8,923 of 10,000) would get an alert it never bore
  // out. A narrow band (a reading, hourly probes) delays the alert by its half-width only; a wide one
  // (a per-minute window shows a minute or two of each hour) by as much as it does not know.
  if (insight.anchored) {
    return { used: Math.min(est.low, limit), limit, forecast: insight.forecast, anchored: true };
  }
  const f = insight.forecast;
  const sure = f !== null && f.status === 'ok' && f.high !== null && f.high <= insight.cycle.end;
  return { used: Math.min(est.low, limit), limit, forecast: sure ? f : null, anchored: false };
}

/** The billing cycle as the alert engine sees it: a window whose usage is the gated figure. */
export function cycleAlertWindow(insight: KeyInsight | null): WindowView | null {
  const gate = cycleGate(insight);
  if (!insight || !gate || !insight.estimate) return null;
  const est = insight.estimate;
  return {
    id: 'api_calls_cycle',
    kind: 'billing-cycle',
    unit: 'requests',
    label: 'Billing cycle',
    limit: gate.limit,
    used: gate.used,
    remaining: Math.max(0, gate.limit - gate.used),
    resetAt: insight.cycle.end,
    periodMs: null,
    observedAt: est.at,
    // A dashboard reading anchors the estimate, but the figure now includes use since: an estimate.
    source: est.basis === 'breach' ? 'breach' : 'estimate',
    flag: null,
    ageMs: 0,
    resetSinceObserved: false,
    stale: false,
    exhausted: est.basis === 'breach',
  };
}
