// Plans as data: the documented limits of a provider's plan, which fill the windows a response does
// not show (Voucherify's cycle, bulk and webhook quotas). Plans change, so every limit is overridable.
import { z } from 'zod';
import type { Unit, WindowKind } from '../quota/model';

export interface PlanWindow {
  id: string;
  kind: WindowKind;
  unit: Unit;
  limit: number;
  /** Window length; null for the billing cycle, whose length is the key's cycle. */
  periodMs: number | null;
}

export interface Plan {
  provider: string;
  id: string;
  name: string;
  windows: PlanWindow[];
  /** Where the figures come from, shown beside them. */
  source: string;
}

/** The user's own figures, by window id; they win over the plan's. */
export const planOverridesSchema = z.record(z.string().min(1).max(64), z.number().finite().nonnegative());
export type PlanOverrides = z.infer<typeof planOverridesSchema>;

export function applyOverrides(plan: Plan, overrides: PlanOverrides = {}): Plan {
  return {
    ...plan,
    windows: plan.windows.map((w) =>
      overrides[w.id] === undefined ? w : { ...w, limit: overrides[w.id] as number },
    ),
  };
}

/** Plan limits by window id, as the parser's hints want them. */
export function planLimits(plan: Plan): Record<string, number> {
  return Object.fromEntries(plan.windows.map((w) => [w.id, w.limit]));
}
