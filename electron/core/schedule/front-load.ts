// How fast to spend the routine share of the probe budget at a given point of the cycle.
// A probe early in the cycle informs every forecast after it, and the first forecasts (a quarter of
// the way in) rest on very few measured hours when the budget is small (Startup: 100 probes, about
// one every 7 h if spread evenly). So the routine probes follow a front-loaded spend curve,
// C(f) = f^power of them spent by the share f of the cycle: with power 0.5, half by a quarter of the
// cycle, three quarters by 56 %. Closed loop: the interval is recomputed from what is left at each
// probe, so manual probes, reserves and earlier choices are absorbed.

/** Exponent of the spend curve (1 = even). Chosen on the training seeds (docs/forecast.md). */
export const FRONT_LOAD_POWER = 0.5;
/** Below this share of the cycle the curve's rate is capped (it is infinite at 0). */
const MIN_SHARE = 0.01;

/**
 * Interval (ms) until the next routine probe when `probes` are left to spend from `elapsedShare`
 * (0..1) of a cycle `cycleMs` long to its end, along C(f) = f^power.
 */
export function frontLoadedInterval(
  cycleMs: number,
  elapsedShare: number,
  probes: number,
  power: number = FRONT_LOAD_POWER,
): number {
  const f = Math.min(1, Math.max(MIN_SHARE, elapsedShare));
  const n = Math.max(1, probes);
  if (power >= 1 || f >= 1) return (cycleMs * (1 - f)) / n;
  // Remaining curve (1 - f^p) spread over n probes at the current rate p f^(p-1) per unit share.
  return (cycleMs * (1 - f ** power)) / (n * power * f ** (power - 1));
}
