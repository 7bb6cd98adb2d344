// Per-key alert rules: which thresholds of quota used raise an alert, per window kind, and which
// other alerts (breach, predictive, recovery) are on. Zod, so settings on disk are checked by the
// same definitions the engine is typed by.
import { z } from 'zod';
import { windowKindSchema, type WindowKind } from '../quota/model';

export const DEFAULT_THRESHOLDS = [80, 90, 100] as const;
export const MAX_THRESHOLDS = 5;

/** Percent of quota used, 1..100, at most five; sorted and de-duplicated on parse. */
export const thresholdListSchema = z
  .array(z.number().int().min(1).max(100))
  .max(MAX_THRESHOLDS, `at most ${MAX_THRESHOLDS} thresholds`)
  .transform((levels) => [...new Set(levels)].sort((a, b) => a - b));

export const SHORT_WINDOWS_OFF: Partial<Record<WindowKind, number[]>> = {
  'requests-second': [],
  'requests-minute': [],
};

export const alertRulesSchema = z.object({
  /** Thresholds for every window kind without an override. */
  thresholds: thresholdListSchema.default([...DEFAULT_THRESHOLDS]),
  /**
   * Per window kind overrides; an empty list turns threshold alerts off for that kind. Per-second
   * and per-minute windows are off by default: no one can act on them in time, they would alert
   * every busy minute, and a 429 on them still raises a breach alert.
   */
  byKind: z.partialRecord(windowKindSchema, thresholdListSchema).default({ ...SHORT_WINDOWS_OFF }),
  thresholdAlerts: z.boolean().default(true),
  breachAlerts: z.boolean().default(true),
  predictiveAlerts: z.boolean().default(true),
  recoveryAlerts: z.boolean().default(true),
  /** Points of quota a fired threshold must fall below its level before it can fire again. */
  rearmMargin: z.number().min(1).max(50).default(5),
});
export type AlertRules = z.infer<typeof alertRulesSchema>;

export const DEFAULT_RULES: AlertRules = alertRulesSchema.parse({});

/** The threshold levels that apply to a window kind under these rules (ascending). */
export function thresholdsFor(rules: AlertRules, kind: WindowKind): readonly number[] {
  if (!rules.thresholdAlerts) return [];
  return rules.byKind[kind] ?? rules.thresholds;
}
