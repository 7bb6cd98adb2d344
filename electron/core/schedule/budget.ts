// The monitoring budget: how many of a key's cycle calls Headroom may spend on its own probes.
// The user sets it as a share of the cycle quota (default 1 %) or as calls per cycle.
import { z } from 'zod';

export const DEFAULT_BUDGET_SHARE = 0.01;
/** With no cycle quota known and no count given, this many probes a day (one every 2 h) at the
 *  default share; the user's share scales it (2 % buys 24 a day), so the setting is honoured. */
export const FALLBACK_PROBES_PER_DAY = 12;

export const probeBudgetSchema = z
  .object({
    /** Share of the cycle quota, 0..0.1 (0.01 = 1 %). */
    share: z.number().min(0).max(0.1).optional(),
    /** Calls per cycle; wins over `share` when both are given. */
    calls: z.number().int().min(0).max(1_000_000).optional(),
  })
  .strict();
export type ProbeBudget = z.infer<typeof probeBudgetSchema>;

/** Probes allowed this cycle. */
export function budgetCalls(
  budget: ProbeBudget | undefined,
  cycleLimit: number | null,
  cycleStart: number,
  cycleEnd: number,
): number {
  if (budget?.calls !== undefined) return budget.calls;
  const share = budget?.share ?? DEFAULT_BUDGET_SHARE;
  if (cycleLimit !== null && cycleLimit > 0) return Math.floor(cycleLimit * share);
  const perDay = FALLBACK_PROBES_PER_DAY * (share / DEFAULT_BUDGET_SHARE);
  return Math.round(((cycleEnd - cycleStart) / 86_400_000) * perDay);
}
