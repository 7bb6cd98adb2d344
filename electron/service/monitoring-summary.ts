// The header's "Monitoring spent N of M" line. Each key's budget belongs to its own billing cycle
// (different lengths, renewal days, plans), so budgets are never added up: the line shows the key
// that has used the largest share of its own budget, against that budget, and names it.
import type { AppState, KeyView } from '../core/view/app-state';

/** How far into its own budget a key is; a key with no budget known ranks after every key with one. */
function rank(k: KeyView): [number, number] {
  const { callsThisCycle: calls, budgetCalls: budget } = k.monitor;
  if (budget === null) return [0, calls];
  return [1, budget > 0 ? calls / budget : calls > 0 ? Infinity : 0];
}

export function monitoringSummary(keys: readonly KeyView[]): AppState['monitoring'] {
  let busiest: KeyView | null = null;
  for (const k of keys) {
    if (busiest === null) {
      busiest = k;
      continue;
    }
    const [a, b] = [rank(k), rank(busiest)];
    if (a[0] > b[0] || (a[0] === b[0] && a[1] > b[1])) busiest = k;
  }
  if (busiest === null) return { callsThisCycle: 0, budgetCalls: null, keyName: null };
  return {
    callsThisCycle: busiest.monitor.callsThisCycle,
    budgetCalls: busiest.monitor.budgetCalls,
    // With one key the line needs no name.
    keyName: keys.length > 1 ? busiest.name : null,
  };
}
