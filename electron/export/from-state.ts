// The export's input from the app's own records: settings (key names, plans, cycles) and the
// persisted runtime state (observations, archive) and spend ledger. Shared by the service (the
// popover's Export…), the CLI (`export`, reading the data folder) and `serve` (GET /api/export).
import { cycleBounds } from '../core/cycle/bounds';
import type { Settings } from '../core/config/settings';
import { resolvePlan } from '../core/plans/catalog';
import type { RuntimeState } from '../service/runtime-state';
import { spendAt } from '../probe/spend';
import { buildExport, type ExportData, type ExportFilter, type ExportKey } from './model';

export function exportKeys(settings: Settings, runtime: RuntimeState, now: number): ExportKey[] {
  return settings.keys.map((k) => {
    const rt = runtime.keys[k.id];
    const limit = resolvePlan(k.plan)?.windows.find((w) => w.kind === 'billing-cycle')?.limit ?? null;
    const cycle = cycleBounds(k.cycle, now);
    const spend = spendAt(runtime.ledger, k.id, cycle);
    return {
      id: k.id,
      name: k.name,
      timeZone: k.cycle.timeZone,
      limit,
      cycle,
      readings: rt?.readings ?? [],
      cycleBreaches: rt?.cycleBreaches ?? [],
      dashboard: rt?.dashboard ?? [],
      archive: rt?.archive ?? [],
      probes: { sent: spend.sent, billable: spend.billable },
    };
  });
}

export function exportFromState(
  settings: Settings,
  runtime: RuntimeState,
  filter: ExportFilter,
  now: number,
): ExportData {
  return buildExport(exportKeys(settings, runtime, now), filter, now);
}
