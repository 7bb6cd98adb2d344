// Choosing and ordering keys for the popover.
import type { AppState, KeyView, Status } from '../../../electron/ipc/contract';

const SEVERITY: Record<Status, number> = { blocked: 5, error: 4, critical: 3, warning: 2, stale: 1, ok: 0 };

export function severity(status: Status): number {
  return SEVERITY[status];
}

/** The key needing attention first: the service's choice, else the most severe (first on ties). */
export function worstKey(state: Pick<AppState, 'keys' | 'worstKeyId'>): KeyView | null {
  const named = state.keys.find((k) => k.id === state.worstKeyId);
  if (named) return named;
  let worst: KeyView | null = null;
  for (const k of state.keys) if (!worst || severity(k.status) > severity(worst.status)) worst = k;
  return worst;
}
