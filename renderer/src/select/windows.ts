// Which window a card leads with, which ones follow, and how worried each gauge should look.
import type { WindowKind } from '../../../electron/core/quota/model';
import type { WindowView } from '../../../electron/core/quota/model';
import type { Tone } from '../format/forecast';

// The request window leads (it is the one that blocks first); then the others in this order.
const ORDER: WindowKind[] = [
  'requests-second',
  'requests-minute',
  'requests-hour',
  'requests-day',
  'rolling-24h',
  'credits',
  'tokens',
  'concurrency',
  'custom',
  'bulk',
  'webhooks',
  'billing-cycle',
];

function rank(w: WindowView): number {
  const i = ORDER.indexOf(w.kind);
  return i === -1 ? ORDER.length : i;
}

/** The windows a card shows as gauges (never the billing cycle, which has its own section). */
export function gaugeWindows(windows: readonly WindowView[]): WindowView[] {
  return windows.filter((w) => w.kind !== 'billing-cycle').sort((a, b) => rank(a) - rank(b));
}

/** The window the card leads with: the request window, or the most urgent known window. */
export function primaryWindow(windows: readonly WindowView[]): WindowView | null {
  const sorted = gaugeWindows(windows);
  return sorted.find((w) => w.exhausted) ?? sorted[0] ?? null;
}

/** Share left 0..1, or null when the window's figures are unknown. */
export function shareLeft(w: Pick<WindowView, 'limit' | 'remaining' | 'used'>): number | null {
  if (w.limit === null || w.limit <= 0) return null;
  const remaining = w.remaining ?? (w.used === null ? null : w.limit - w.used);
  if (remaining === null) return null;
  return Math.min(1, Math.max(0, remaining / w.limit));
}

/** How a usage share compares to the key's thresholds (percent used, ascending). */
export function toneForUsed(usedShare: number | null, thresholds: readonly number[]): Tone {
  if (usedShare === null) return 'unknown';
  const pct = usedShare * 100;
  const sorted = [...thresholds].sort((a, b) => a - b);
  const crossed = sorted.filter((t) => pct >= t).length;
  if (pct >= 100 || (crossed >= 2 && sorted.length >= 2)) return 'critical';
  if (crossed >= 1) return 'warning';
  return 'ok';
}

export function windowTone(w: WindowView, thresholds: readonly number[]): Tone {
  if (w.exhausted) return 'critical';
  const left = shareLeft(w);
  return toneForUsed(left === null ? null : 1 - left, thresholds);
}
