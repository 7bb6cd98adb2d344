// What the alert engine needs to know about one key at `now`: its live windows (the cycle window
// gated by how sure the estimate is), any block, the forecast, and the rules from its settings.
import { alertRulesSchema } from '../core/alerts/rules';
import type { KeyAlertInput } from '../core/alerts/types';
import type { Settings } from '../core/config/settings';
import { cycleAlertWindow, cycleGate } from '../core/insight/cycle-gate';
import { activeBlock, viewWindows } from '../core/quota/state';
import type { KeyEntry } from './key-entry';
import { planOf } from './key-target';

export function alertInput(entry: KeyEntry, n: Settings['notifications'], now: number): KeyAlertInput {
  const plan = planOf(entry.config);
  const windows = viewWindows(entry.runtime.quota, plan, now).filter((w) => w.kind !== 'billing-cycle');
  const insight = entry.insight;
  // Unanchored, the cycle alerts act on the band's low end only (cycle-gate.ts).
  const cycleWindow = cycleAlertWindow(insight);
  if (cycleWindow) windows.push(cycleWindow);
  return {
    keyId: entry.config.id,
    keyName: entry.config.name,
    windows,
    blocked: activeBlock(entry.runtime.quota, now),
    forecast: cycleGate(insight)?.forecast ?? null,
    cycleStart: insight?.cycle.start ?? now,
    cycleEnd: insight?.cycle.end ?? now,
    rules: alertRulesSchema.parse({
      thresholds: entry.config.thresholds,
      breachAlerts: n.breach,
      predictiveAlerts: n.predictive,
      recoveryAlerts: n.recovery,
    }),
  };
}
